package com.audiencesync.destination;

/**
 * Why a delivery step stopped. The message names the vendor, endpoint and what to do; it
 * never holds a secret or personal data.
 */
public final class DeliveryException extends RuntimeException {

	/** What stopped the step. */
	public enum Kind {

		/** The vendor refused the key or contract: no retry helps. */
		FATAL,
		/**
		 * The vendor stayed throttled or unavailable through every retry: a restart
		 * resumes.
		 */
		UNAVAILABLE,
		/** More rows were rejected than the spec's skip limit allows. */
		SKIP_LIMIT

	}

	private final Kind kind;

	public DeliveryException(Kind kind, String message) {
		super(message);
		this.kind = kind;
	}

	/** What stopped the step. */
	public Kind kind() {
		return this.kind;
	}

}
