package com.audiencesync.destination;

import tools.jackson.databind.json.JsonMapper;

/**
 * What an endpoint of any vendor holds: its descriptor and its connection, checked before
 * the first request.
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

	/** The connection's key and URL; an endpoint adds its own settings' checks. */
	@Override
	public void checkReady() {
		this.connection.check();
	}

}
