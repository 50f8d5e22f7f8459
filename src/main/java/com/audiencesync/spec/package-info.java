/**
 * Job specs: one YAML file per sync under {@code jobs/}, bound to records and validated
 * before anything runs. Every error names the file, the line and the key path.
 */
package com.audiencesync.spec;
