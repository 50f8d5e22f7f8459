/**
 * audience-sync: syncs rows from files, S3 and warehouses to marketing vendors' APIs as
 * Spring Batch jobs described by YAML specs.
 * {@link com.audiencesync.AudienceSyncApplication} is the whole application; each
 * sub-package is one room (command line, batch, spec, source, transform, destination,
 * delivery, state, crypto, persisted names, logging, manifests, sandbox), layered as
 * {@code ArchitectureTests} states.
 */
package com.audiencesync;
