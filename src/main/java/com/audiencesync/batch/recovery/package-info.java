/**
 * Telling a live execution from one whose process died, and ending the latter so the next
 * run resumes it: each running execution's heartbeat, the executions running in this
 * process (stopped on SIGTERM), and {@link com.audiencesync.batch.recovery.Recovery},
 * which marks dead or UNKNOWN executions FAILED ({@code audience-sync.recovery.*}).
 */
package com.audiencesync.batch.recovery;
