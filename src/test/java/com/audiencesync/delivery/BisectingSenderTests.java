package com.audiencesync.delivery;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.audiencesync.destination.DeliveryRetry;
import com.audiencesync.destination.MappedRow;
import com.audiencesync.destination.RecordingEndpoint;
import com.audiencesync.destination.RetryProperties;
import com.audiencesync.source.SourceRow;
import com.audiencesync.transform.Transformed.Accepted;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A request's rows reach the endpoint with the JSON made once for their fingerprints, in
 * their order, also in the halves of a bisected request; rows without it go as records.
 */
class BisectingSenderTests {

	final RecordingEndpoint endpoint = new RecordingEndpoint();

	final List<String> delivered = new ArrayList<>();

	BisectingSender<String> sender() {
		DeliveryRetry retry = new DeliveryRetry(
				new RetryProperties(1, Duration.ofMillis(1), 2.0, Duration.ofMillis(1), Duration.ofMinutes(1)),
				(wait) -> {
				});
		DeliveryWriter.Context context = new DeliveryWriter.Context(1, "job", "2026-12-02", "deliver:part:a.jsonl");
		return new BisectingSender<>(this.endpoint, retry, new DeliveryRun(1000, 0), new Tally("test/rows"),
				new Refusals(context, "test/rows", null),
				(rows) -> rows.forEach((row) -> this.delivered.add(row.request())));
	}

	static Pending<String> row(String id, boolean withJson) {
		Accepted accepted = new Accepted(SourceRow.of("a.jsonl", 1, Map.of("id", id)),
				MappedRow.of(Map.of("id", id), null, "row-" + id), "{}");
		return new Pending<>(accepted, id, null,
				withJson ? ("{\"id\":\"" + id + "\"}").getBytes(StandardCharsets.UTF_8) : null);
	}

	@Test
	void rowsWithTheirJsonGoWithIt() {
		sender().send(List.of(row("a", true), row("b", true)));

		assertThat(this.endpoint.calls()).containsExactly(
				new RecordingEndpoint.Call(List.of("a", "b"), List.of("{\"id\":\"a\"}", "{\"id\":\"b\"}")));
		assertThat(this.delivered).containsExactly("a", "b");
	}

	@Test
	void aRowWithoutItSendsTheRequestAsRecords() {
		sender().send(List.of(row("a", true), row("b", false)));

		assertThat(this.endpoint.calls()).containsExactly(new RecordingEndpoint.Call(List.of("a", "b"), null));
	}

	@Test
	void theHalvesOfABisectedRequestKeepTheirRowsJson() {
		sender().send(List.of(row("a", true), row("b", true), row("bad", true), row("c", true)));

		assertThat(this.endpoint.calls()).extracting(RecordingEndpoint.Call::records)
			.containsExactly(List.of("a", "b", "bad", "c"), List.of("a", "b"), List.of("bad", "c"), List.of("bad"),
					List.of("c"));
		assertThat(this.endpoint.calls()).allSatisfy((call) -> assertThat(call.json())
			.isEqualTo(call.records().stream().map((id) -> "{\"id\":\"" + id + "\"}").toList()));
		assertThat(this.delivered).containsExactly("a", "b", "c");
	}

}
