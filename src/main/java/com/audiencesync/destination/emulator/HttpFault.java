package com.audiencesync.destination.emulator;

import java.util.Map;

/**
 * The injected fault of a gateway in front of a vendor: the next requests answer a bare
 * HTTP status with a short text body, optionally with {@code Retry-After}, and never
 * reach the vendor's API. Not thread-safe: the emulator guards it with its own lock, so
 * the fault and the emulator's other checks of a request are atomic.
 */
final class HttpFault {

	private final boolean errorStatusOnly;

	private int requests;

	private int status;

	private String retryAfter;

	private HttpFault(boolean errorStatusOnly) {
		this.errorStatusOnly = errorStatusOnly;
	}

	/**
	 * A fault that may answer any status, as Groobee's has always allowed: its own errors
	 * are HTTP 200, so any other status is already one a client must handle.
	 */
	static HttpFault anyStatus() {
		return new HttpFault(false);
	}

	/**
	 * A fault that only answers {@code 4xx} and {@code 5xx}, for vendors that accept with
	 * a success status.
	 */
	static HttpFault errorStatusOnly() {
		return new HttpFault(true);
	}

	/**
	 * Makes the next requests fail, replacing any pending fault.
	 * @throws IllegalArgumentException if {@code requests} is below 1 or the status is
	 * out of range
	 */
	void failNext(int requests, int httpStatus, String retryAfterSeconds) {
		requireRequests(requests);
		if (this.errorStatusOnly) {
			requireErrorStatus(httpStatus);
		}
		else if (httpStatus < 100 || httpStatus > 599) {
			throw new IllegalArgumentException("Not an HTTP status: " + httpStatus);
		}
		this.requests = requests;
		this.status = httpStatus;
		this.retryAfter = retryAfterSeconds;
	}

	/**
	 * Uses up one failing request.
	 * @return the answer, or {@code null} if no fault is pending
	 */
	Response next() {
		if (this.requests == 0) {
			return null;
		}
		this.requests--;
		return Response.text(this.status,
				(this.retryAfter != null) ? Map.of("Retry-After", this.retryAfter) : Map.of());
	}

	void clear() {
		this.requests = 0;
		this.retryAfter = null;
	}

	static void requireRequests(int requests) {
		if (requests < 1) {
			throw new IllegalArgumentException("requests must be at least 1");
		}
	}

	// a success status here would make a fault indistinguishable from an acceptance
	static void requireErrorStatus(int httpStatus) {
		if (httpStatus < 400 || httpStatus > 599) {
			throw new IllegalArgumentException("Not an HTTP error status: " + httpStatus);
		}
	}

}
