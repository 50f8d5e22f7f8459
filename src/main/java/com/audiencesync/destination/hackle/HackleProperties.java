package com.audiencesync.destination.hackle;

import com.audiencesync.destination.RateLimitProperties;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Hackle's own settings, beside the shared connection
 * ({@code audience-sync.destinations.hackle.*}).
 *
 * @param maxInFlight requests in flight at once in a run, over all partitions and
 * destinations of the spec: Hackle takes one record a request, so this sets the
 * throughput (the default suits 2 cores; latency x throughput = in flight)
 * @param rateLimit requests per window for the key; none by default (Hackle documents no
 * limit)
 */
record HackleProperties(@DefaultValue("32") @Min(1) @Max(512) int maxInFlight, @Valid RateLimitProperties rateLimit) {

	HackleProperties {
		rateLimit = (rateLimit != null) ? rateLimit : RateLimitProperties.NONE;
	}

}
