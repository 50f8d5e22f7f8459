package com.audiencesync.destination.braze;

import java.time.Duration;

import com.audiencesync.destination.RateLimitProperties;
import jakarta.validation.Valid;

/**
 * Braze's own settings, beside the shared connection
 * ({@code audience-sync.destinations.braze.*}; its base URL has no default: it is your
 * instance's REST endpoint).
 *
 * @param rateLimit the key's request budget, shared by users/merge, users/delete,
 * users/alias/new, users/identify and users/alias/update (default 20,000 a minute)
 * @param trackRateLimit the key's budget for users/track (default 3,000 requests per 3
 * seconds, Braze's burst limit on plans billed by data points; older plans: 50,000 a
 * minute)
 * @param subscriptionRateLimit the key's budget for subscription/status/set (default
 * 5,000 a minute)
 */
record BrazeProperties(@Valid RateLimitProperties rateLimit, @Valid RateLimitProperties trackRateLimit,
		@Valid RateLimitProperties subscriptionRateLimit) {

	/** Braze's documented budget for users/merge and the endpoints that share it. */
	static final RateLimitProperties BRAZE_LIMIT = new RateLimitProperties(20_000, Duration.ofMinutes(1));

	/** Braze's documented limit for subscription/status/set. */
	static final RateLimitProperties SUBSCRIPTION_LIMIT = new RateLimitProperties(5_000, Duration.ofMinutes(1));

	/** Braze's documented burst limit for users/track. */
	static final RateLimitProperties TRACK_LIMIT = new RateLimitProperties(3_000, Duration.ofSeconds(3));

	BrazeProperties {
		rateLimit = (rateLimit != null) ? rateLimit : BRAZE_LIMIT;
		trackRateLimit = (trackRateLimit != null) ? trackRateLimit : TRACK_LIMIT;
		subscriptionRateLimit = (subscriptionRateLimit != null) ? subscriptionRateLimit : SUBSCRIPTION_LIMIT;
	}

}
