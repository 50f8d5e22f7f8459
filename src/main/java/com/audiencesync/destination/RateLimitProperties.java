package com.audiencesync.destination;

import java.time.Duration;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * A vendor's request budget: so many requests per window, shared by every partition and
 * job that uses the same API key in this process.
 *
 * @param requests requests per window; 0 for no limit
 * @param window the window; windows start at multiples of it since the epoch, as vendors
 * count them
 */
public record RateLimitProperties(@DefaultValue("0") @Min(0) int requests,
		@DefaultValue("1m") @NotNull Duration window) {

	/** No limit. */
	public static final RateLimitProperties NONE = new RateLimitProperties(0, Duration.ofMinutes(1));

}
