package com.audiencesync.cli;

import com.audiencesync.batch.launch.RunOutcome;

/** Exit codes, as documented in docs/cli.md. */
final class ExitCodes {

	/** Completed, or already completed. */
	static final int OK = 0;

	/** The run failed (or was refused); running it again resumes it. */
	static final int FAILED = 1;

	/**
	 * Bad usage, an invalid spec, missing configuration or a source that cannot be
	 * reached: nothing ran.
	 */
	static final int USAGE = 2;

	/** Another execution of the same run is in progress. */
	static final int ALREADY_RUNNING = 3;

	/** An operator stopped the run. */
	static final int STOPPED = 4;

	private ExitCodes() {
	}

	static int of(RunOutcome.Kind kind) {
		return switch (kind) {
			case COMPLETED, ALREADY_COMPLETED -> OK;
			case FAILED, REFUSED -> FAILED;
			case ALREADY_RUNNING -> ALREADY_RUNNING;
			case UNAVAILABLE, MISCONFIGURED -> USAGE;
			case STOPPED -> STOPPED;
		};
	}

}
