package com.audiencesync.batch.launch;

import com.audiencesync.batch.reports.RunReport;

/**
 * What {@code run} or {@code restart} came to.
 *
 * @param kind the kind of ending, which decides the exit code
 * @param report the execution's report, or null when nothing ran
 * @param message what to tell the user
 */
public record RunOutcome(Kind kind, RunReport report, String message) {

	/** The same outcome with another message. */
	public RunOutcome withMessage(String message) {
		return new RunOutcome(this.kind, this.report, message);
	}

	/** Kinds of ending. */
	public enum Kind {

		/** The run completed now. */
		COMPLETED,
		/** The date had already completed: nothing was sent. */
		ALREADY_COMPLETED,
		/** The run failed; running the same date again resumes it. */
		FAILED,
		/** An operator stopped it; running the same date again resumes it. */
		STOPPED,
		/** Another execution of the same run is in progress. */
		ALREADY_RUNNING,
		/** The run cannot go on (abandoned, or the request makes no sense). */
		REFUSED,
		/**
		 * The source cannot be reached at all (a missing folder or bucket, a warehouse
		 * refusing the connection), lacks a column the spec maps, or cannot be read as
		 * the run asks (a window over a path of one day): nothing started, nothing is
		 * recorded.
		 */
		UNAVAILABLE,
		/**
		 * The configuration does not fit the run (another vendor account than the one its
		 * execution sent to, a sandbox's run restarted without the sandbox): nothing
		 * started.
		 */
		MISCONFIGURED

	}

}
