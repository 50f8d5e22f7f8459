package com.audiencesync.destination;

import java.net.URI;

/**
 * Creates a vendor's endpoint for a run. One Spring bean per endpoint; the registration
 * of a new vendor.
 */
public interface EndpointProvider {

	/** The endpoint's static facts. */
	EndpointDescriptor descriptor();

	/** The endpoint on the configured connection. */
	Endpoint<?> create();

	/** The endpoint on the sandbox at that base URL with that key. */
	Endpoint<?> createAt(URI baseUrl, String apiKey);

	/**
	 * Requests of this vendor in flight at once in a run, over all partitions; 1 (the
	 * default) sends each writer's requests one after another.
	 */
	default int maxInFlight() {
		return 1;
	}

	/** How this vendor's requests are retried. */
	RetryProperties retry();

}
