/**
 * From a source row to a destination row: mapping, type coercion, phone normalisation,
 * timestamps, deterministic encryption of the fields a spec asks for, validation, and the
 * check that the columns the mappings read are there. Every row ends
 * {@link com.audiencesync.transform.Transformed.Accepted Accepted} or
 * {@link com.audiencesync.transform.Transformed.Rejected Rejected} with a reason.
 */
package com.audiencesync.transform;
