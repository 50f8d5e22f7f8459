package com.audiencesync.destination.braze;

import java.net.URI;

import com.audiencesync.destination.Connection;
import com.audiencesync.destination.Endpoint;
import com.audiencesync.destination.EndpointDescriptor;
import com.audiencesync.destination.EndpointProvider;
import com.audiencesync.destination.RateLimiters;
import com.audiencesync.destination.RetryProperties;

import org.springframework.stereotype.Component;

/** Registers Braze's endpoint. */
@Component
class BrazeConfiguration implements EndpointProvider {

	private final BrazeProperties properties;

	private final RateLimiters limiters;

	BrazeConfiguration(BrazeProperties properties, RateLimiters limiters) {
		this.properties = properties;
		this.limiters = limiters;
	}

	@Override
	public EndpointDescriptor descriptor() {
		return BrazeEndpoints.USERS_MERGE;
	}

	@Override
	public Endpoint<?> create() {
		return endpoint(this.properties.connection());
	}

	@Override
	public Endpoint<?> createAt(URI baseUrl, String apiKey) {
		return endpoint(this.properties.connection().pointedAt(baseUrl, apiKey));
	}

	private Endpoint<?> endpoint(Connection connection) {
		return new BrazeUsersMerge(connection,
				this.limiters.forKey("braze", connection.apiKey(), this.properties.rateLimit()));
	}

	@Override
	public RetryProperties retry() {
		return this.properties.retry();
	}

}
