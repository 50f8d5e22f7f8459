package com.audiencesync.destination.groobee;

import java.net.URI;
import java.time.Duration;

import com.audiencesync.destination.Connection;
import com.audiencesync.destination.RetryProperties;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Groobee connection settings ({@code audience-sync.destinations.groobee.*}).
 *
 * @param baseUrl API base URL; https unless on loopback
 * @param apiKey the {@code x-api-key}; no default, never logged (env
 * {@code AUDIENCE_SYNC_DESTINATIONS_GROOBEE_API_KEY})
 * @param connectTimeout TCP connect timeout
 * @param readTimeout response timeout per request
 * @param retry retry budget for throttled or unavailable answers
 */
@Validated
@ConfigurationProperties("audience-sync.destinations.groobee")
record GroobeeProperties(@DefaultValue("https://api.groobee.io") @NotNull URI baseUrl, String apiKey,
		@DefaultValue("5s") @NotNull Duration connectTimeout, @DefaultValue("30s") @NotNull Duration readTimeout,
		@DefaultValue @Valid RetryProperties retry) {

	Connection connection() {
		return new Connection("groobee", this.baseUrl, this.apiKey, this.connectTimeout, this.readTimeout);
	}

	@Override
	public String toString() {
		return "GroobeeProperties[" + connection() + "]";
	}

}
