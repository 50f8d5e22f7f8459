package com.audiencesync.destination;

import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import com.audiencesync.destination.braze.BrazeEndpoints;
import com.audiencesync.destination.groobee.GroobeeEndpoints;
import com.audiencesync.destination.hackle.HackleEndpoints;
import com.audiencesync.destination.marketap.MarketapEndpoints;

/** Every vendor endpoint a spec can name. A new vendor adds one line here. */
public final class Destinations {

	/** All endpoint descriptors. */
	public static final List<EndpointDescriptor> ALL = Stream
		.of(List.of(GroobeeEndpoints.PERSONALIZATIONS), MarketapEndpoints.ALL, List.of(BrazeEndpoints.USERS_MERGE),
				HackleEndpoints.ALL)
		.flatMap(List::stream)
		.toList();

	private Destinations() {
	}

	/** The endpoint a spec names, if there is one. */
	public static Optional<EndpointDescriptor> find(String vendor, String endpoint) {
		return ALL.stream().filter((d) -> d.vendor().equals(vendor) && d.endpoint().equals(endpoint)).findFirst();
	}

	/** Vendor ids, for error messages. */
	public static List<String> vendors() {
		return ALL.stream().map(EndpointDescriptor::vendor).distinct().sorted().toList();
	}

	/** Endpoint ids of one vendor, for error messages. */
	public static List<String> endpoints(String vendor) {
		return ALL.stream().filter((d) -> d.vendor().equals(vendor)).map(EndpointDescriptor::endpoint).toList();
	}

}
