package com.audiencesync.destination;

import java.util.List;

/**
 * A vendor's registration: its id, endpoints and connection defaults; the vendor adds how
 * it creates its endpoints.
 */
public abstract class VendorBase implements Vendor {

	private final String id;

	private final List<EndpointDescriptor> endpoints;

	private final ConnectionProperties connectionDefaults;

	protected VendorBase(String id, List<EndpointDescriptor> endpoints, ConnectionProperties connectionDefaults) {
		this.id = id;
		this.endpoints = List.copyOf(endpoints);
		this.connectionDefaults = connectionDefaults;
	}

	@Override
	public final String id() {
		return this.id;
	}

	@Override
	public final List<EndpointDescriptor> endpoints() {
		return this.endpoints;
	}

	@Override
	public final ConnectionProperties connectionDefaults() {
		return this.connectionDefaults;
	}

}
