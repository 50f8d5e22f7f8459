package com.audiencesync.destination;

import tools.jackson.databind.json.JsonMapper;

/**
 * What an endpoint of any vendor holds: its descriptor and its connection (checked by
 * {@link Vendor#problems} before the endpoint is made).
 *
 * @param <R> the request record
 */
public abstract class EndpointBase<R> implements Endpoint<R> {

	/** Reads vendors' answers. */
	protected static final JsonMapper JSON = JsonMapper.builder().build();

	/** The endpoint's static facts. */
	protected final EndpointDescriptor descriptor;

	/** Where and with which key the endpoint is called. */
	protected final Connection connection;

	protected EndpointBase(EndpointDescriptor descriptor, Connection connection) {
		this.descriptor = descriptor;
		this.connection = connection;
	}

	@Override
	public final EndpointDescriptor descriptor() {
		return this.descriptor;
	}

}
