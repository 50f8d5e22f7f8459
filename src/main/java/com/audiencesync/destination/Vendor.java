package com.audiencesync.destination;

import java.util.List;
import java.util.Optional;

/**
 * A vendor, registered once by its package in
 * {@code META-INF/services/com.audiencesync.destination.Vendor}: its endpoints (static
 * facts, so specs validate without credentials or a Spring context), the defaults of its
 * connection and how it builds an endpoint from a configured connection. Nothing outside
 * the vendor's package names the vendor. Its emulator is registered apart, by the
 * vendor's {@code emulator} sub-package
 * ({@link com.audiencesync.destination.emulator.EmulatorFactory}), so nothing here
 * reaches it.
 */
public interface Vendor {

	/**
	 * The id used in specs and properties ({@code audience-sync.destinations.<id>.*}).
	 */
	String id();

	/** The endpoints a spec can name. */
	List<EndpointDescriptor> endpoints();

	/**
	 * The connection's defaults: base URL (null when it has none, e.g. an instance URL),
	 * timeouts and retry.
	 */
	ConnectionProperties connectionDefaults();

	/**
	 * Every reason an endpoint of this vendor cannot be called with that configuration,
	 * each naming its property and never showing a secret; empty when it can. By default
	 * the connection's ({@link Connection#problems()}); a vendor adds its own settings'
	 * (binding them through the context reports the values that cannot be bound).
	 * @param endpoint one of {@link #endpoints()}
	 * @param context the configured connection and the vendor's own settings
	 */
	default List<String> problems(EndpointDescriptor endpoint, VendorContext context) {
		return context.connection().problems();
	}

	/**
	 * An endpoint of this vendor, ready to send once {@link #problems} found none.
	 * @param endpoint one of {@link #endpoints()}
	 * @param context the configured connection and the vendor's own settings
	 */
	Endpoint<?> create(EndpointDescriptor endpoint, VendorContext context);

	/**
	 * Requests of this vendor in flight at once in a run, over all partitions and
	 * destinations; 1 (the default) sends each writer's requests one after another.
	 */
	default int maxInFlight(VendorContext context) {
		return 1;
	}

	/**
	 * What, beside the base URL and the key (or a named account), tells one store of the
	 * vendor's from another: e.g. Marketap's project id. Two configurations that differ
	 * here write to different data at the vendor, so they keep different sync states.
	 */
	default List<String> accountScope(VendorContext context) {
		return List.of();
	}

	/** The endpoint with that id, if the vendor has one. */
	default Optional<EndpointDescriptor> endpoint(String id) {
		return endpoints().stream().filter((endpoint) -> endpoint.endpoint().equals(id)).findFirst();
	}

}
