package com.audiencesync.destination;

import java.net.URI;
import java.time.Duration;

import jakarta.validation.Valid;

import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The connection settings every vendor shares, bound from
 * {@code audience-sync.destinations.<vendor>.*}; what a vendor leaves unset comes from
 * its {@link Vendor#connectionDefaults()}. {@link #toString()} never shows the key.
 *
 * @param baseUrl the API's base URL; https unless on loopback
 * @param apiKey the secret; no default, never logged (environment variable
 * {@code AUDIENCE_SYNC_DESTINATIONS_<VENDOR>_API_KEY})
 * @param connectTimeout TCP connect timeout
 * @param readTimeout response timeout per request
 * @param retry retry budget for throttled or unavailable answers
 * @param account the name of the vendor account the key belongs to (e.g.
 * {@code production}), or none: the sync state belongs to the base URL and this account,
 * so a key rotated within it sends nothing again; without a name, to the base URL and a
 * keyed hash of the key (and the vendor's project), so another key starts from an empty
 * state
 */
public record ConnectionProperties(URI baseUrl, String apiKey, Duration connectTimeout, Duration readTimeout,
		@DefaultValue @Valid RetryProperties retry, String account) {

	/** A vendor's defaults: its public base URL (or none) and its response timeout. */
	public static ConnectionProperties defaults(String baseUrl, Duration readTimeout) {
		return new ConnectionProperties((baseUrl != null) ? URI.create(baseUrl) : null, null, Duration.ofSeconds(5),
				readTimeout, RetryProperties.defaults(), null);
	}

	/** These settings, with the defaults' where these have none. */
	public ConnectionProperties orElse(ConnectionProperties defaults) {
		return new ConnectionProperties((this.baseUrl != null) ? this.baseUrl : defaults.baseUrl,
				(this.apiKey != null) ? this.apiKey : defaults.apiKey,
				(this.connectTimeout != null) ? this.connectTimeout : defaults.connectTimeout,
				(this.readTimeout != null) ? this.readTimeout : defaults.readTimeout,
				(this.retry != null) ? this.retry : defaults.retry,
				(this.account != null && !this.account.isBlank()) ? this.account : defaults.account);
	}

	/** The connection of that vendor. */
	public Connection connection(String vendor) {
		return new Connection(vendor, this.baseUrl, this.apiKey, this.connectTimeout, this.readTimeout);
	}

	@Override
	public String toString() {
		return "ConnectionProperties[baseUrl=" + this.baseUrl + ", apiKey="
				+ ((this.apiKey == null) ? "(unset)" : "(set)") + ", connectTimeout=" + this.connectTimeout
				+ ", readTimeout=" + this.readTimeout + ", account=" + this.account + "]";
	}

}
