package com.audiencesync.source;

/**
 * A source that cannot be read at all (missing, truncated, corrupt): fails the partition,
 * naming it.
 */
public class SourceReadException extends RuntimeException {

	public SourceReadException(String message) {
		super(message);
	}

	public SourceReadException(String message, Throwable cause) {
		super(message, cause);
	}

}
