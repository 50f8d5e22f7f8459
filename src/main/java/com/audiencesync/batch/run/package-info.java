/**
 * What identifies a run of a job besides its name
 * ({@link com.audiencesync.batch.run.RunIdentity}: nightly, backfill day or window,
 * replay, import, in the sandbox or not) and how it is carried out
 * ({@link com.audiencesync.batch.run.RunOptions}): the vocabulary every other room of
 * {@code batch} and the command line share.
 */
package com.audiencesync.batch.run;
