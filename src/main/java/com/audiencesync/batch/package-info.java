/**
 * From a spec to a Spring Batch job: the partitioned step, the names that restarts depend
 * on, the run and restart logic and the summary of a run.
 */
package com.audiencesync.batch;
