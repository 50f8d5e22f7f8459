package com.audiencesync.destination;

/**
 * What a vendor builds its endpoints from in a run: its connection and its own settings,
 * bound from {@code audience-sync.destinations.<vendor>.*} (with the run's overrides,
 * e.g. the sandbox's URL and key), and the request budgets shared by every job on its
 * key.
 */
public interface VendorContext {

	/** The connection: base URL, key and timeouts, defaults applied. */
	Connection connection();

	/** How the vendor's requests are retried. */
	RetryProperties retry();

	/**
	 * The vendor's own settings (a project id, a rate limit), a record bound from the
	 * vendor's properties with its {@code @DefaultValue}s and validated.
	 */
	<T> T settings(Class<T> type);

	/** The request budget of the connection's key at that limit. */
	RateLimiter rateLimiter(RateLimitProperties limit);

	/**
	 * A budget of its own of the connection's key, for endpoints the vendor counts apart
	 * (Braze's users/track beside users/merge): shared across partitions and pods like
	 * the key's.
	 * @param budget the budget's name, e.g. {@code users-track}
	 */
	default RateLimiter rateLimiter(String budget, RateLimitProperties limit) {
		return rateLimiter(limit);
	}

}
