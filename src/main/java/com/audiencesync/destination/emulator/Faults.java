package com.audiencesync.destination.emulator;

import java.time.Duration;
import java.util.HashSet;
import java.util.Set;

/**
 * The faults a test injects into an emulator, apart from the vendor's own: a gateway
 * status for the next requests, a vendor that fails for good once so many items were
 * accepted, identities it refuses, and a delay before each answer. Not thread-safe but
 * for the delay: the emulator guards the rest with its lock, so a fault check, a
 * threshold and a store are atomic.
 */
final class Faults {

	private final HttpFault gateway;

	private final Set<String> rejected = new HashSet<>();

	private long failAfterItems = -1;

	private int failAfterStatus;

	private volatile long latencyMillis;

	/**
	 * @param anyGatewayStatus whether a gateway fault may answer any status or only 4xx
	 * and 5xx
	 */
	Faults(boolean anyGatewayStatus) {
		this.gateway = anyGatewayStatus ? HttpFault.anyStatus() : HttpFault.errorStatusOnly();
	}

	/** Waits out the delay, if any; any thread. */
	void delay() {
		long millis = this.latencyMillis;
		if (millis <= 0) {
			return;
		}
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	/** Sets the delay before each answer; any thread. */
	void delayEachRequest(Duration latency) {
		this.latencyMillis = latency.toMillis();
	}

	/** The pending gateway fault's answer, or null. */
	Response gatewayFault() {
		return this.gateway.next();
	}

	void failNextWithHttpStatus(int requests, int httpStatus, String retryAfterSeconds) {
		this.gateway.failNext(requests, httpStatus, retryAfterSeconds);
	}

	void failAfterItems(long acceptedItems, int httpStatus) {
		if (acceptedItems < 0) {
			throw new IllegalArgumentException("acceptedItems must not be negative");
		}
		HttpFault.requireErrorStatus(httpStatus);
		this.failAfterItems = acceptedItems;
		this.failAfterStatus = httpStatus;
	}

	/**
	 * The status of a vendor that failed for good midway, or 0 when it has not.
	 * @param itemsAccepted the items the emulator has accepted so far
	 */
	int failedMidway(long itemsAccepted) {
		return (this.failAfterItems >= 0 && itemsAccepted >= this.failAfterItems) ? this.failAfterStatus : 0;
	}

	void reject(String identity) {
		if (identity == null) {
			throw new IllegalArgumentException("identity must not be null");
		}
		this.rejected.add(identity);
	}

	boolean isRejected(String identity) {
		return identity != null && this.rejected.contains(identity);
	}

	/** Clears every fault, the delay included. */
	void clear() {
		this.latencyMillis = 0;
		this.gateway.clear();
		this.failAfterItems = -1;
		this.rejected.clear();
	}

}
