package com.audiencesync.source;

/**
 * A source that cannot be reached at all before a run starts: its folder or file does not
 * exist, its bucket does not answer, its warehouse is not configured or refuses the
 * connection. Nothing is recorded for such a run; the message says what to fix.
 */
public class SourceUnavailableException extends SourceReadException {

	public SourceUnavailableException(String message) {
		super(message);
	}

	public SourceUnavailableException(String message, Throwable cause) {
		super(message, cause);
	}

}
