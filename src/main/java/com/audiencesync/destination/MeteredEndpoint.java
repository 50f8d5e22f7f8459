package com.audiencesync.destination;

import java.util.List;
import java.util.Optional;

/**
 * An endpoint whose requests are timed and counted by outcome ({@link RequestMeters}),
 * the same for every vendor: delivery sends through it, and the meters are taken here,
 * where the request goes out.
 */
final class MeteredEndpoint<R> implements Endpoint<R> {

	private final Endpoint<R> endpoint;

	private final RequestMeters meters;

	private final String sync;

	MeteredEndpoint(Endpoint<R> endpoint, RequestMeters meters, String sync) {
		this.endpoint = endpoint;
		this.meters = meters;
		this.sync = sync;
	}

	@Override
	public EndpointDescriptor descriptor() {
		return this.endpoint.descriptor();
	}

	@Override
	public R toRequest(MappedRow row) {
		return this.endpoint.toRequest(row);
	}

	@Override
	public DeliveryOutcome send(List<R> batch) {
		return this.meters.timed(this.sync, this.endpoint.descriptor(), () -> this.endpoint.send(batch));
	}

	@Override
	public DeliveryOutcome send(List<R> batch, List<byte[]> json) {
		return this.meters.timed(this.sync, this.endpoint.descriptor(), () -> this.endpoint.send(batch, json));
	}

	@Override
	public Optional<Link> link(R row) {
		return this.endpoint.link(row);
	}

}
