package com.audiencesync.state;

/**
 * A row that did not reach the vendor, as stored. Holds no plaintext personal data: the
 * row as read is sealed.
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
 * @param rowSealed the row as read, sealed in {@link #sealContext()}, or null (a row that
 * could not be parsed, or a run that keeps none)
 * @param rowHash a keyed hash of the row as read (the same row read again by a later
 * run), or null
 * @param attempt how many runs sent it and saw it refused (1 for a first refusal)
 * @param replayOf the rejected row this is a later attempt of, or null
 */
public record RejectedRow(long jobExecutionId, String jobName, String runKey, String partition, String source,
		long position, String destination, String stage, String reasonCode, String message, String rowMasked,
		byte[] rowSealed, byte[] rowHash, int attempt, Long replayOf) {

	/** Refused by the vendor: a row the vendor may take later (and is replayed). */
	public static final String VENDOR = "VENDOR";

	/** Not sent: the data is wrong (never replayed). */
	public static final String TRANSFORM = "TRANSFORM";

	/** A first rejection, nothing sealed. */
	public RejectedRow(long jobExecutionId, String jobName, String runKey, String partition, String source,
			long position, String destination, String stage, String reasonCode, String message, String rowMasked) {
		this(jobExecutionId, jobName, runKey, partition, source, position, destination, stage, reasonCode, message,
				rowMasked, null, null, 1, null);
	}

	/** What the sealed row is bound to: its job, run and position. */
	public String sealContext() {
		return sealContext(this.jobName, this.runKey, this.source, this.position);
	}

	/** What a rejected row's sealed source row is bound to. */
	public static String sealContext(String jobName, String runKey, String source, long position) {
		return "rejected-row\u0000" + jobName + "\u0000" + runKey + "\u0000" + source + "\u0000" + position;
	}

}
