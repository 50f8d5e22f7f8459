package com.audiencesync.destination.groobee;

import java.time.Duration;
import java.util.List;

import com.audiencesync.destination.ConnectionProperties;
import com.audiencesync.destination.Endpoint;
import com.audiencesync.destination.EndpointDescriptor;
import com.audiencesync.destination.Vendor;
import com.audiencesync.destination.VendorContext;
import com.audiencesync.destination.emulator.Emulator;

/**
 * Groobee ({@code audience-sync.destinations.groobee.*}: base URL, default
 * {@code https://api.groobee.io}; {@code x-api-key}; timeouts; retry).
 */
public final class GroobeeVendor implements Vendor {

	static final String ID = "groobee";

	@Override
	public String id() {
		return ID;
	}

	@Override
	public List<EndpointDescriptor> endpoints() {
		return List.of(GroobeeEndpoints.PERSONALIZATIONS);
	}

	@Override
	public ConnectionProperties connectionDefaults() {
		return ConnectionProperties.defaults("https://api.groobee.io", Duration.ofSeconds(30));
	}

	@Override
	public Endpoint<?> create(EndpointDescriptor endpoint, VendorContext context) {
		return new GroobeePersonalizations(context.connection());
	}

	@Override
	public Emulator emulator(String apiKey) {
		return new GroobeeEmulator(apiKey);
	}

}
