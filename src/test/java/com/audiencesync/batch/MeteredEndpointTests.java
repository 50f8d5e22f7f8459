package com.audiencesync.batch;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import com.audiencesync.destination.DeliveryOutcome;
import com.audiencesync.destination.Endpoint;
import com.audiencesync.destination.EndpointDescriptor;
import com.audiencesync.destination.MappedRow;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.support.StaticListableBeanFactory;

import static org.assertj.core.api.Assertions.assertThat;

/** A metered endpoint times both ways of sending and passes the rows' JSON on. */
class MeteredEndpointTests {

	final List<String> sent = new ArrayList<>();

	final Endpoint<String> endpoint = new Endpoint<>() {

		@Override
		public EndpointDescriptor descriptor() {
			return new EndpointDescriptor("test", "rows", 1000, List.of(), EndpointDescriptor.Presence.NONE, null);
		}

		@Override
		public void checkReady() {
		}

		@Override
		public String toRequest(MappedRow row) {
			return row.text("id");
		}

		@Override
		public DeliveryOutcome send(List<String> batch) {
			MeteredEndpointTests.this.sent.add("records " + batch);
			return new DeliveryOutcome.Delivered();
		}

		@Override
		public DeliveryOutcome send(List<String> batch, List<byte[]> json) {
			MeteredEndpointTests.this.sent
				.add("json " + json.stream().map((bytes) -> new String(bytes, StandardCharsets.UTF_8)).toList());
			return new DeliveryOutcome.Delivered();
		}

	};

	@Test
	void bothSendsReachTheEndpointAndAreTimed() {
		SimpleMeterRegistry registry = new SimpleMeterRegistry();
		MeteredEndpoint<String> metered = new MeteredEndpoint<>(this.endpoint,
				new RunMeters(registry, new StaticListableBeanFactory().getBeanProvider(ObservationRegistry.class)));

		metered.send(List.of("a"));
		metered.send(List.of("a"), List.of("{\"id\":\"a\"}".getBytes(StandardCharsets.UTF_8)));

		assertThat(this.sent).containsExactly("records [a]", "json [{\"id\":\"a\"}]");
		assertThat(registry.get(RunMeters.REQUESTS).tag("outcome", "delivered").timer().count()).isEqualTo(2);
	}

}
