package com.audiencesync.destination.groobee;

import java.net.URI;

import com.audiencesync.destination.Endpoint;
import com.audiencesync.destination.EndpointDescriptor;
import com.audiencesync.destination.EndpointProvider;
import com.audiencesync.destination.RetryProperties;

import org.springframework.stereotype.Component;

/** Registers Groobee's endpoint. */
@Component
class GroobeeConfiguration implements EndpointProvider {

	private final GroobeeProperties properties;

	GroobeeConfiguration(GroobeeProperties properties) {
		this.properties = properties;
	}

	@Override
	public EndpointDescriptor descriptor() {
		return GroobeeEndpoints.PERSONALIZATIONS;
	}

	@Override
	public Endpoint<?> create() {
		return new GroobeePersonalizations(this.properties.connection());
	}

	@Override
	public Endpoint<?> createAt(URI baseUrl, String apiKey) {
		return new GroobeePersonalizations(this.properties.connection().pointedAt(baseUrl, apiKey));
	}

	@Override
	public RetryProperties retry() {
		return this.properties.retry();
	}

}
