package com.audiencesync.batch;

import java.util.List;

import com.audiencesync.destination.DeliveryRetry;
import com.audiencesync.destination.Endpoint;
import com.audiencesync.destination.EndpointProvider;
import com.audiencesync.destination.RequestPool;
import com.audiencesync.spec.DestinationSpec;

import org.springframework.stereotype.Component;

/** Finds the endpoint a spec names among the registered vendor packages. */
@Component
class Endpoints {

	private final List<EndpointProvider> providers;

	private final DeliveryRetry.Sleeper sleeper;

	Endpoints(List<EndpointProvider> providers, DeliveryRetry.Sleeper sleeper) {
		this.providers = providers;
		this.sleeper = sleeper;
	}

	EndpointProvider provider(DestinationSpec destination) {
		return this.providers.stream()
			.filter((p) -> p.descriptor().vendor().equals(destination.vendor())
					&& p.descriptor().endpoint().equals(destination.endpoint()))
			.findFirst()
			.orElseThrow(() -> new IllegalStateException("no endpoint registered for " + destination.id()));
	}

	/**
	 * The endpoint, ready to call: fails naming the property when it is not configured.
	 */
	Endpoint<?> create(DestinationSpec destination, RunOptions options) {
		EndpointProvider provider = provider(destination);
		Endpoint<?> endpoint = (options.sandboxUrl() != null)
				? provider.createAt(options.sandboxUrl(), options.sandboxKey()) : provider.create();
		endpoint.checkReady();
		return endpoint;
	}

	/** The threads the vendor's requests are sent on in one run. */
	RequestPool pool(DestinationSpec destination) {
		return RequestPool.of(destination.vendor(), provider(destination).maxInFlight());
	}

	DeliveryRetry retry(DestinationSpec destination) {
		return new DeliveryRetry(provider(destination).retry(), this.sleeper);
	}

}
