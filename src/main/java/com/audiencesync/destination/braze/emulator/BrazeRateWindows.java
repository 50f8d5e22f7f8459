package com.audiencesync.destination.braze.emulator;

import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The emulator's rate limit: fixed windows aligned to epoch multiples of the window
 * length, as Braze's reset time suggests, counted per API key because Braze shares one
 * budget between several user endpoints. Not thread-safe: the emulator guards it with its
 * lock.
 */
final class BrazeRateWindows {

	static final int DEFAULT_REQUESTS = 20_000;

	static final Duration DEFAULT_WINDOW = Duration.ofMinutes(1);

	private int requests = DEFAULT_REQUESTS;

	private long windowMillis = DEFAULT_WINDOW.toMillis();

	private final Map<String, Window> windowsByKey = new HashMap<>();

	/** A new limit; every key starts with a full window. */
	void limit(int requests, Duration window) {
		this.requests = requests;
		this.windowMillis = window.toMillis();
		this.windowsByKey.clear();
	}

	int requests() {
		return this.requests;
	}

	long windowMillis() {
		return this.windowMillis;
	}

	void clear() {
		this.windowsByKey.clear();
	}

	/** Counts one request against the key's current window, unless it is used up. */
	Quota consume(String key, long now) {
		long start = windowStart(now);
		Window window = this.windowsByKey.get(key);
		int used = (window != null && window.start() == start) ? window.used() : 0;
		boolean allowed = used < this.requests;
		if (allowed) {
			used++;
			this.windowsByKey.put(key, new Window(start, used));
		}
		long end = start + this.windowMillis;
		// rounded up so a client waiting until the reset never wakes up inside the window
		return new Quota(start, allowed, this.requests, this.requests - used, ceilDiv(end, 1000),
				Math.max(1, ceilDiv(end - now, 1000)));
	}

	/** Requests left in the key's current window. */
	int remaining(String key, long now) {
		Window window = this.windowsByKey.get(key);
		int used = (window != null && window.start() == windowStart(now)) ? window.used() : 0;
		return this.requests - used;
	}

	private long windowStart(long now) {
		return Math.floorDiv(now, this.windowMillis) * this.windowMillis;
	}

	// Math.ceilDiv arrived in Java 18
	private static long ceilDiv(long dividend, long divisor) {
		return -Math.floorDiv(-dividend, divisor);
	}

	/** How much of one key's window is used. */
	private record Window(long start, int used) {
	}

	/** The rate-limit outcome of one request and the headers that report it. */
	record Quota(long windowStart, boolean allowed, int limit, int remaining, long resetSeconds,
			long retryAfterSeconds) {

		Map<String, String> headers() {
			Map<String, String> headers = new LinkedHashMap<>();
			headers.put("X-RateLimit-Limit", Integer.toString(this.limit));
			headers.put("X-RateLimit-Remaining", Integer.toString(this.remaining));
			headers.put("X-RateLimit-Reset", Long.toString(this.resetSeconds));
			if (!this.allowed) {
				headers.put("Retry-After", Long.toString(this.retryAfterSeconds));
			}
			return headers;
		}

	}

}
