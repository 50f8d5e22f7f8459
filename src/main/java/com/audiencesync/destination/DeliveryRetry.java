package com.audiencesync.destination;

import java.time.Duration;
import java.util.function.Supplier;

import com.audiencesync.destination.DeliveryOutcome.Throttled;
import com.audiencesync.destination.DeliveryOutcome.Unavailable;

import org.springframework.util.backoff.BackOffExecution;
import org.springframework.util.backoff.ExponentialBackOff;

/**
 * Sends a request again while the vendor is throttling or unavailable: exponential
 * backoff with jitter (Spring Framework's {@link ExponentialBackOff}, as Spring Batch 6
 * uses), bounded in attempts and total wait. A 429 that says how long to wait is waited
 * out without using an attempt (only the total wait bounds it). Other outcomes return at
 * once.
 */
public final class DeliveryRetry {

	/** Waits between attempts; tests pass one that does not sleep. */
	@FunctionalInterface
	public interface Sleeper {

		/** Waits that long. */
		void sleep(Duration duration) throws InterruptedException;

		/** The real one. */
		Sleeper THREAD = (duration) -> Thread.sleep(duration.toMillis());

	}

	/** Told of each request that is sent again (metrics). */
	@FunctionalInterface
	public interface Listener {

		/** A request is sent again after that outcome, once that wait is over. */
		void retrying(DeliveryOutcome outcome, Duration wait);

		/** Listens to nothing. */
		Listener NONE = (outcome, wait) -> {
		};

	}

	private final RetryProperties properties;

	private final Sleeper sleeper;

	private final Listener listener;

	public DeliveryRetry(RetryProperties properties, Sleeper sleeper) {
		this(properties, sleeper, Listener.NONE);
	}

	public DeliveryRetry(RetryProperties properties, Sleeper sleeper, Listener listener) {
		this.properties = properties;
		this.sleeper = sleeper;
		this.listener = listener;
	}

	/**
	 * The first outcome that is neither throttled nor unavailable, or the last one when
	 * retries run out.
	 */
	public DeliveryOutcome send(Supplier<DeliveryOutcome> request) {
		BackOffExecution backOff = backOff().start();
		long waited = 0;
		while (true) {
			DeliveryOutcome outcome = request.get();
			if (!(outcome instanceof Throttled) && !(outcome instanceof Unavailable)) {
				return outcome;
			}
			long next;
			if (outcome instanceof Throttled throttled && throttled.retryAfter() != null) {
				// a 429 with a wait is the vendor's pace, not a failure: wait as asked,
				// keep the attempts
				next = Math.max(throttled.retryAfter().toMillis(), 1);
			}
			else {
				next = backOff.nextBackOff();
				if (next == BackOffExecution.STOP) {
					return outcome;
				}
			}
			waited += next;
			if (waited > this.properties.maxElapsed().toMillis()) {
				return outcome;
			}
			this.listener.retrying(outcome, Duration.ofMillis(next));
			try {
				this.sleeper.sleep(Duration.ofMillis(next));
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return outcome;
			}
		}
	}

	private ExponentialBackOff backOff() {
		ExponentialBackOff backOff = new ExponentialBackOff(this.properties.initialInterval().toMillis(),
				this.properties.multiplier());
		backOff.setMaxInterval(this.properties.maxInterval().toMillis());
		backOff.setMaxAttempts(this.properties.maxAttempts() - 1);
		// a quarter of the first wait: enough to spread partitions apart, never enough to
		// shorten a wait below the one before
		backOff.setJitter(this.properties.initialInterval().toMillis() / 4);
		return backOff;
	}

}
