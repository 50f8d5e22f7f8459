package com.audiencesync.destination;

import java.time.Duration;

import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How a destination retries a throttled or unavailable vendor before the step fails (a
 * restart then picks the run up).
 *
 * @param maxAttempts attempts per request, the first included
 * @param initialInterval wait before the second attempt; later waits grow by
 * {@code multiplier}, with jitter
 * @param multiplier growth of the wait per attempt
 * @param maxInterval longest single wait
 * @param maxElapsed longest total wait for one request
 */
public record RetryProperties(@DefaultValue("6") @Min(1) int maxAttempts,
		@DefaultValue("500ms") @NotNull Duration initialInterval,
		@DefaultValue("2.0") @DecimalMin("1.0") double multiplier, @DefaultValue("30s") @NotNull Duration maxInterval,
		@DefaultValue("2m") @NotNull Duration maxElapsed) {

	/** The defaults, for code that builds a destination outside Spring. */
	public static RetryProperties defaults() {
		return new RetryProperties(6, Duration.ofMillis(500), 2.0, Duration.ofSeconds(30), Duration.ofMinutes(2));
	}

}
