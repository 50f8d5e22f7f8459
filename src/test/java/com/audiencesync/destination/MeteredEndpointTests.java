package com.audiencesync.destination;

import java.nio.charset.StandardCharsets;
import java.util.List;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** A metered endpoint times both ways of sending and passes the rows' JSON on. */
class MeteredEndpointTests {

	final RecordingEndpoint endpoint = new RecordingEndpoint();

	@Test
	void bothSendsReachTheEndpointAndAreTimed() {
		SimpleMeterRegistry registry = new SimpleMeterRegistry();
		Endpoint<String> metered = new RequestMeters(registry).metered(this.endpoint, "members");

		metered.send(List.of("a"));
		metered.send(List.of("a"), List.of("{\"id\":\"a\"}".getBytes(StandardCharsets.UTF_8)));

		assertThat(this.endpoint.calls()).containsExactly(new RecordingEndpoint.Call(List.of("a"), null),
				new RecordingEndpoint.Call(List.of("a"), List.of("{\"id\":\"a\"}")));
		assertThat(registry.get(RequestMeters.REQUESTS).tag("outcome", "delivered").timer().count()).isEqualTo(2);
	}

}
