package com.audiencesync.batch.jobs;

import java.util.List;
import java.util.Optional;

import com.audiencesync.batch.reports.RunMeters;
import com.audiencesync.destination.DeliveryOutcome;
import com.audiencesync.destination.Endpoint;
import com.audiencesync.destination.EndpointDescriptor;
import com.audiencesync.destination.MappedRow;

/**
 * An endpoint whose requests are timed and counted by outcome ({@link RunMeters}), the
 * same for every vendor.
 */
final class MeteredEndpoint<R> implements Endpoint<R> {

	private final Endpoint<R> endpoint;

	private final RunMeters meters;

	MeteredEndpoint(Endpoint<R> endpoint, RunMeters meters) {
		this.endpoint = endpoint;
		this.meters = meters;
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
		EndpointDescriptor descriptor = this.endpoint.descriptor();
		return this.meters.timed(descriptor.vendor(), descriptor.endpoint(), () -> this.endpoint.send(batch));
	}

	@Override
	public DeliveryOutcome send(List<R> batch, List<byte[]> json) {
		EndpointDescriptor descriptor = this.endpoint.descriptor();
		return this.meters.timed(descriptor.vendor(), descriptor.endpoint(), () -> this.endpoint.send(batch, json));
	}

	@Override
	public Optional<Link> link(R row) {
		return this.endpoint.link(row);
	}

}
