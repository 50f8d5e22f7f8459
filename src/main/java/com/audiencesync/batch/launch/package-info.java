/**
 * What the command line asks of runs: {@link com.audiencesync.batch.launch.SyncLauncher}
 * starts, restarts or skips a run (recovering a dead execution first) and says how it
 * ended ({@link com.audiencesync.batch.launch.RunOutcome}); the configuration a run needs
 * is checked at once beforehand ({@link com.audiencesync.batch.launch.Preflight}); a
 * spec's rows are mapped without sending for {@code validate} and {@code run --dry-run}
 * ({@link com.audiencesync.batch.launch.Preview}); and the smaller Spring applications of
 * the commands that need only part of the whole one are declared here.
 */
package com.audiencesync.batch.launch;
