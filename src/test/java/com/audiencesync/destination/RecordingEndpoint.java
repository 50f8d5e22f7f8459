package com.audiencesync.destination;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * An endpoint of text rows for tests: it records every request, with the rows' JSON when
 * it is passed, and refuses any request holding the row {@code bad} (as Groobee refuses a
 * bad phone number).
 */
public final class RecordingEndpoint implements Endpoint<String> {

	/**
	 * One request as the endpoint got it.
	 *
	 * @param records the rows
	 * @param json their JSON, or null when they came as records only
	 */
	public record Call(List<String> records, List<String> json) {
	}

	private final List<Call> calls = new ArrayList<>();

	/** The requests so far, in order. */
	public List<Call> calls() {
		return List.copyOf(this.calls);
	}

	@Override
	public EndpointDescriptor descriptor() {
		return new EndpointDescriptor("test", "rows", 1000, List.of(), EndpointDescriptor.Presence.NONE, null);
	}

	@Override
	public String toRequest(MappedRow row) {
		return row.text("id");
	}

	@Override
	public DeliveryOutcome send(List<String> batch) {
		this.calls.add(new Call(List.copyOf(batch), null));
		return outcome(batch);
	}

	@Override
	public DeliveryOutcome send(List<String> batch, List<byte[]> json) {
		this.calls.add(new Call(List.copyOf(batch),
				json.stream().map((bytes) -> new String(bytes, StandardCharsets.UTF_8)).toList()));
		return outcome(batch);
	}

	private static DeliveryOutcome outcome(List<String> batch) {
		return batch.contains("bad") ? new DeliveryOutcome.Rejected("-1007", "bad phone number")
				: new DeliveryOutcome.Delivered();
	}

}
