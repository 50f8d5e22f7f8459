package com.audiencesync.state;

/**
 * A row that did not reach the vendor, as stored. Holds no plaintext personal data.
 *
 * @param jobExecutionId the execution that rejected it
 * @param jobName the job
 * @param runKey the run's identity within the job (the business date)
 * @param partition the partition (file) it came from
 * @param source the file or object
 * @param position line or record number in the source
 * @param destination {@code vendor/endpoint}
 * @param stage {@code TRANSFORM} (bad source row) or {@code VENDOR} (refused by the
 * vendor)
 * @param reasonCode machine-readable reason
 * @param message what is wrong, personal data masked
 * @param rowMasked the row's key fields masked, or null
 */
public record RejectedRow(long jobExecutionId, String jobName, String runKey, String partition, String source,
		long position, String destination, String stage, String reasonCode, String message, String rowMasked) {
}
