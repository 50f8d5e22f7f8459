package com.audiencesync.batch.launch;

import java.util.Optional;

import com.audiencesync.source.SourceUnavailableException;

/**
 * Looks along a failure's cause chain for a source that cannot be reached at all (a
 * user's mistake in configuration or a missing extract: nothing ran), and what it says:
 * for the command line, which sees sources only through runs.
 */
public final class SourceUnavailableCause {

	private SourceUnavailableCause() {
	}

	/** The message of the unreachable source among the causes, if one is. */
	public static Optional<String> message(Throwable ex) {
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			if (cause instanceof SourceUnavailableException unavailable) {
				return Optional.ofNullable(unavailable.getMessage());
			}
		}
		return Optional.empty();
	}

}
