/**
 * The Spring Batch job of one run of a spec, one builder per shape:
 * {@link com.audiencesync.batch.jobs.SyncJobBuilder} (the partitioned sync of a nightly
 * run or a backfill, then replays of earlier refusals and mirror deletions),
 * {@link com.audiencesync.batch.jobs.ReplayJobBuilder} and
 * {@link com.audiencesync.batch.jobs.ImportJobBuilder} (an operator's replay and import)
 * and {@link com.audiencesync.batch.jobs.RemoteWorkerStepBuilder} (the step a remote
 * worker runs for one partition); {@link com.audiencesync.batch.jobs.JobFactory} picks
 * the builder of a run. Also what they are built from: the spec's destinations bound for
 * the run (endpoints bound to their vendor's properties, mappers, sync stores), the steps
 * they share, the column guard, the skip-ratio check and the default partition handler
 * (threads of this process).
 */
package com.audiencesync.batch.jobs;
