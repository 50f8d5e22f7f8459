package com.audiencesync.destination.marketap;

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
 * Marketap connection settings ({@code audience-sync.destinations.marketap.*}).
 *
 * @param baseUrl API base URL; https unless on loopback
 * @param apiKey the Bearer token; no default, never logged (env
 * {@code AUDIENCE_SYNC_DESTINATIONS_MARKETAP_API_KEY})
 * @param projectId the {@code project_id} sent with every request; no default
 * @param connectTimeout TCP connect timeout
 * @param readTimeout response timeout per request
 * @param retry retry budget for throttled or unavailable answers
 */
@Validated
@ConfigurationProperties("audience-sync.destinations.marketap")
record MarketapProperties(@DefaultValue("https://event.marketap.io") @NotNull URI baseUrl, String apiKey,
		String projectId, @DefaultValue("5s") @NotNull Duration connectTimeout,
		@DefaultValue("30s") @NotNull Duration readTimeout, @DefaultValue @Valid RetryProperties retry) {

	Connection connection() {
		return new Connection("marketap", this.baseUrl, this.apiKey, this.connectTimeout, this.readTimeout);
	}

	@Override
	public String toString() {
		return "MarketapProperties[" + connection() + ", projectId=" + this.projectId + "]";
	}

}
