package com.audiencesync.batch.jobs;

import java.nio.charset.StandardCharsets;
import java.util.List;

import com.audiencesync.batch.reports.RunMeters;
import com.audiencesync.destination.RecordingEndpoint;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.support.StaticListableBeanFactory;

import static org.assertj.core.api.Assertions.assertThat;

/** A metered endpoint times both ways of sending and passes the rows' JSON on. */
class MeteredEndpointTests {

	final RecordingEndpoint endpoint = new RecordingEndpoint();

	@Test
	void bothSendsReachTheEndpointAndAreTimed() {
		SimpleMeterRegistry registry = new SimpleMeterRegistry();
		MeteredEndpoint<String> metered = new MeteredEndpoint<>(this.endpoint,
				new RunMeters(registry, new StaticListableBeanFactory().getBeanProvider(ObservationRegistry.class)));

		metered.send(List.of("a"));
		metered.send(List.of("a"), List.of("{\"id\":\"a\"}".getBytes(StandardCharsets.UTF_8)));

		assertThat(this.endpoint.calls()).containsExactly(new RecordingEndpoint.Call(List.of("a"), null),
				new RecordingEndpoint.Call(List.of("a"), List.of("{\"id\":\"a\"}")));
		assertThat(registry.get(RunMeters.REQUESTS).tag("outcome", "delivered").timer().count()).isEqualTo(2);
	}

}
