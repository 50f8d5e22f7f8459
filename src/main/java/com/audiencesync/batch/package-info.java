/**
 * From a spec to a run of its Spring Batch job, in rooms: {@code launch} (run, restart,
 * dry run, preflight checks: what the command line calls), {@code jobs} (the job of each
 * shape, its steps and what they are built from), {@code remote} (partitions handed to
 * worker processes), {@code recovery} (heartbeats, dead executions, SIGTERM),
 * {@code reports} (what a run did: reports, progress lines, meters) and {@code run} (what
 * identifies a run and how it is carried out). This package itself holds the wiring the
 * rooms share: the beans of the job repository's tables and the general settings. The
 * persisted names (steps, parameters, context keys) are not here but in
 * {@link com.audiencesync.names.Names}.
 */
package com.audiencesync.batch;
