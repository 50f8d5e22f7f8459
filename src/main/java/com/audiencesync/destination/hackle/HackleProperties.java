package com.audiencesync.destination.hackle;

import java.net.URI;
import java.time.Duration;

import com.audiencesync.destination.Connection;
import com.audiencesync.destination.RateLimitProperties;
import com.audiencesync.destination.RetryProperties;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Hackle connection settings ({@code audience-sync.destinations.hackle.*}).
 *
 * @param baseUrl API base URL; https unless on loopback
 * @param apiKey the server SDK key ({@code X-HACKLE-API-KEY}); no default, never logged
 * (env {@code AUDIENCE_SYNC_DESTINATIONS_HACKLE_API_KEY})
 * @param connectTimeout TCP connect timeout
 * @param readTimeout response timeout per request
 * @param maxInFlight requests in flight at once in a run, over all partitions and
 * destinations of the spec: Hackle takes one record a request, so this sets the
 * throughput (the default suits 2 cores; latency x throughput = in flight)
 * @param retry retry budget for throttled or unavailable answers
 * @param rateLimit requests per window for the key; none by default (Hackle documents no
 * limit)
 */
@Validated
@ConfigurationProperties("audience-sync.destinations.hackle")
record HackleProperties(@DefaultValue("https://api.hackle.io") @NotNull URI baseUrl, String apiKey,
		@DefaultValue("5s") @NotNull Duration connectTimeout, @DefaultValue("10s") @NotNull Duration readTimeout,
		@DefaultValue("32") @Min(1) @Max(512) int maxInFlight, @DefaultValue @Valid RetryProperties retry,
		@Valid RateLimitProperties rateLimit) {

	HackleProperties {
		rateLimit = (rateLimit != null) ? rateLimit : RateLimitProperties.NONE;
	}

	Connection connection() {
		return new Connection(HackleEndpoints.VENDOR, this.baseUrl, this.apiKey, this.connectTimeout, this.readTimeout);
	}

	@Override
	public String toString() {
		return "HackleProperties[" + connection() + ", maxInFlight=" + this.maxInFlight + ", rateLimit="
				+ this.rateLimit + "]";
	}

}
