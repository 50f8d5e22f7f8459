/**
 * The Spring Batch job of one run of a spec: the partitioned sync step and its worker
 * step, the steps after it (mirror deletions, replays of refused rows), an operator's
 * replay and import jobs, and the step a remote worker runs for one partition. Also what
 * they are built from: each destination's endpoint bound to its vendor's properties, the
 * run's sync stores, the column guard, the skip-ratio check, and the default partition
 * handler (threads of this process).
 */
package com.audiencesync.batch.jobs;
