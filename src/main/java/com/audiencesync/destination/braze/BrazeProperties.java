package com.audiencesync.destination.braze;

import java.net.URI;
import java.time.Duration;

import com.audiencesync.destination.Connection;
import com.audiencesync.destination.RateLimitProperties;
import com.audiencesync.destination.RetryProperties;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Braze connection settings ({@code audience-sync.destinations.braze.*}).
 *
 * @param baseUrl the instance's REST endpoint, e.g.
 * {@code https://rest.iad-01.braze.com}; no default (it depends on the Braze instance)
 * @param apiKey the REST API key (Bearer), with the {@code users.merge} permission; no
 * default, never logged (env {@code AUDIENCE_SYNC_DESTINATIONS_BRAZE_API_KEY})
 * @param connectTimeout TCP connect timeout
 * @param readTimeout response timeout per request
 * @param retry retry budget for unavailable answers (429s wait for the window instead)
 * @param rateLimit the key's request budget, shared by users/merge, users/delete,
 * users/alias/new, users/identify and users/alias/update
 */
@Validated
@ConfigurationProperties("audience-sync.destinations.braze")
record BrazeProperties(URI baseUrl, String apiKey, @DefaultValue("5s") @NotNull Duration connectTimeout,
		@DefaultValue("30s") @NotNull Duration readTimeout, @DefaultValue @Valid RetryProperties retry,
		@Valid RateLimitProperties rateLimit) {

	/** Braze's documented budget for users/merge and the endpoints that share it. */
	static final RateLimitProperties BRAZE_LIMIT = new RateLimitProperties(20_000, Duration.ofMinutes(1));

	BrazeProperties {
		rateLimit = (rateLimit != null) ? rateLimit : BRAZE_LIMIT;
	}

	Connection connection() {
		return new Connection("braze", this.baseUrl, this.apiKey, this.connectTimeout, this.readTimeout);
	}

	@Override
	public String toString() {
		return "BrazeProperties[" + connection() + ", rateLimit=" + this.rateLimit + "]";
	}

}
