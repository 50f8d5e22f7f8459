package com.audiencesync.destination;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;

/**
 * The registered vendors ({@code META-INF/services/com.audiencesync.destination.Vendor}),
 * found without a Spring context so a spec can be validated anywhere.
 */
public final class Vendors {

	private static final List<Vendor> ALL = ServiceLoader.load(Vendor.class, Vendors.class.getClassLoader())
		.stream()
		.map(ServiceLoader.Provider::get)
		.sorted(Comparator.comparing(Vendor::id))
		.toList();

	private Vendors() {
	}

	/** Every vendor, by id. */
	public static List<Vendor> all() {
		return ALL;
	}

	/** The vendor with that id. */
	public static Optional<Vendor> find(String id) {
		return ALL.stream().filter((vendor) -> vendor.id().equals(id)).findFirst();
	}

	/** The endpoint a spec names, if there is one. */
	public static Optional<EndpointDescriptor> endpoint(String vendor, String endpoint) {
		return find(vendor).flatMap((found) -> found.endpoint(endpoint));
	}

	/** Vendor ids, for messages. */
	public static List<String> ids() {
		return ALL.stream().map(Vendor::id).toList();
	}

}
