/**
 * What runs did, read back or told as they go:
 * {@link com.audiencesync.batch.reports.RunReports} reads an execution's report from the
 * job repository and the rejected-rows table, a running partition logs its progress, and
 * {@link com.audiencesync.batch.reports.RunMeters} counts rows and retries (Micrometer).
 */
package com.audiencesync.batch.reports;
