package com.audiencesync.destination;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.micrometer.core.instrument.Timer;

/**
 * One API key's request budget (Bucket4j): a token per request, refilled at the start of
 * each window, windows aligned to the epoch as vendors count them. The vendor's
 * {@code X-RateLimit-*} answers steer it down, so it slows before the vendor's limit
 * rather than after a 429.
 */
public final class RateLimiter {

	/** Lets every request through. */
	public static final RateLimiter NONE = new RateLimiter(null, RateLimitProperties.NONE, null);

	private final Bucket bucket;

	private final RateLimitProperties limit;

	private final Timer waits;

	/**
	 * @param waits records how long each request waited for its turn, or null
	 */
	RateLimiter(Bucket bucket, RateLimitProperties limit, Timer waits) {
		this.bucket = bucket;
		this.limit = limit;
		this.waits = waits;
	}

	/** A bucket of this process for that limit. */
	static RateLimiter local(RateLimitProperties limit, Timer waits) {
		if (limit.requests() <= 0) {
			return NONE;
		}
		return new RateLimiter(Bucket.builder().addLimit(bandwidth(limit)).build(), limit, waits);
	}

	/**
	 * The limit as a Bucket4j bandwidth: refilled whole at each window boundary
	 * (multiples of the window since the epoch, as vendors count); a bucket created
	 * mid-window starts with that window's share.
	 */
	static Bandwidth bandwidth(RateLimitProperties limit) {
		long window = limit.window().toMillis();
		Instant firstRefill = Instant.ofEpochMilli((System.currentTimeMillis() / window + 1) * window);
		return Bandwidth.builder()
			.capacity(limit.requests())
			.refillIntervallyAlignedWithAdaptiveInitialTokens(limit.requests(), limit.window(), firstRefill)
			.build();
	}

	/** Waits for a request's turn. */
	public void acquire() throws InterruptedException {
		if (this.bucket != null) {
			long start = System.nanoTime();
			this.bucket.asBlocking().consume(1);
			if (this.waits != null) {
				this.waits.record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
			}
		}
	}

	/**
	 * The vendor's view after a request: when it has fewer requests left in this window
	 * than the bucket thinks (another process on the same key, a clock skew), the bucket
	 * gives up the difference.
	 */
	public void observe(Long remaining) {
		if (this.bucket == null || remaining == null) {
			return;
		}
		long excess = this.bucket.getAvailableTokens() - remaining;
		if (excess > 0) {
			this.bucket.tryConsumeAsMuchAsPossible(excess);
		}
	}

	/** The vendor said 429: nothing more is sent in this window. */
	public void exhausted() {
		if (this.bucket != null) {
			this.bucket.tryConsumeAsMuchAsPossible();
		}
	}

	/** The configured limit. */
	public RateLimitProperties limit() {
		return this.limit;
	}

	/** The window length, for waits without a vendor hint. */
	public Duration window() {
		return this.limit.window();
	}

}
