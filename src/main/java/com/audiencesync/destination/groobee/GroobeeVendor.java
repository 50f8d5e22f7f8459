package com.audiencesync.destination.groobee;

import java.time.Duration;
import java.util.List;

import com.audiencesync.destination.ConnectionProperties;
import com.audiencesync.destination.Endpoint;
import com.audiencesync.destination.EndpointDescriptor;
import com.audiencesync.destination.VendorBase;
import com.audiencesync.destination.VendorContext;

/**
 * Groobee ({@code audience-sync.destinations.groobee.*}: base URL, default
 * {@code https://api.groobee.io}; {@code x-api-key}; timeouts; retry).
 */
public final class GroobeeVendor extends VendorBase {

	/** The vendor's id, in specs, properties and the sandbox's paths. */
	public static final String ID = "groobee";

	public GroobeeVendor() {
		super(ID, List.of(GroobeeEndpoints.PERSONALIZATIONS),
				ConnectionProperties.defaults("https://api.groobee.io", Duration.ofSeconds(30)));
	}

	@Override
	public Endpoint<?> create(EndpointDescriptor endpoint, VendorContext context) {
		return new GroobeePersonalizations(context.connection());
	}

}
