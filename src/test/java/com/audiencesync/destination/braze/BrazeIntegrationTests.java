package com.audiencesync.destination.braze;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.audiencesync.JobTest;
import com.audiencesync.TestExtracts;
import com.audiencesync.batch.launch.RunOutcome;
import com.audiencesync.batch.launch.RunOutcome.Kind;
import com.audiencesync.destination.braze.emulator.BrazeEmulator;
import com.audiencesync.spec.JobSpec;
import com.audiencesync.spec.SpecLoader;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Braze users/merge jobs end to end against the emulator. */
class BrazeIntegrationTests extends JobTest {

	@Override
	protected String vendor() {
		return "braze";
	}

	static BrazeEmulator braze() {
		return sandbox.emulator("braze", BrazeEmulator.class);
	}

	@Test
	void mergesGoFiftyARequestWithEveryIdentifierKind() {
		StringBuilder csv = new StringBuilder("old_id,old_email,new_id\n");
		for (int i = 0; i < 120; i++) {
			csv.append((i % 2 == 0) ? "old-" + i + "," : ",user" + i + "@example.com")
				.append(",new-")
				.append(i)
				.append('\n');
		}
		JobSpec spec = spec(csv.toString(), "");

		RunOutcome outcome = this.launcher.run(spec, DATE, this.options);

		assertThat(outcome.kind()).isEqualTo(Kind.COMPLETED);
		assertThat(outcome.report().delivered()).isEqualTo(120);
		assertThat(braze().acceptedRequestCount()).isEqualTo(3);
		assertThat(braze().maxBatchSizeSeen()).isEqualTo(50);
		assertThat(braze().merges().get(0)).isEqualTo(Map.of("identifier_to_merge", Map.of("external_id", "old-0"),
				"identifier_to_keep", Map.of("external_id", "new-0")));
		assertThat(braze().merges().get(1).get("identifier_to_merge")).isEqualTo(Map.of("email", "user1@example.com",
				"prioritization", List.of("unidentified", "most_recently_updated")));
	}

	@Test
	void aRefusedMergeIsIsolatedByBisectionAndTheOthersDelivered() {
		StringBuilder csv = new StringBuilder("old_id,old_email,new_id\n");
		for (int i = 0; i < 50; i++) {
			csv.append("old-").append(i).append(",,new-").append(i).append('\n');
		}
		JobSpec spec = spec(csv.toString(), "");
		braze().reject("old-7");
		braze().reject("new-31");

		RunOutcome outcome = this.launcher.run(spec, DATE, this.options);

		assertThat(outcome.report().delivered()).isEqualTo(48);
		assertThat(braze().mergesAccepted()).isEqualTo(48);
		assertThat(this.jdbc.queryForList(
				"SELECT POSITION, REASON_CODE, MESSAGE FROM AS_REJECTED_ROW WHERE JOB_NAME = ? " + "ORDER BY POSITION",
				spec.name()))
			.extracting((row) -> row.get("POSITION") + " " + row.get("REASON_CODE") + " " + row.get("MESSAGE"))
			.containsExactly("9 braze:400 HTTP 400 (merge_updates[0].identifier_to_merge: user cannot be merged)",
					"33 braze:400 HTTP 400 (merge_updates[0].identifier_to_keep: user cannot be merged)");
	}

	@Test
	void aChainIsReportedAndItsLaterMergeSentInALaterRequest() {
		// A into B, then B into C: Braze does not guarantee the order of merges in one
		// request
		JobSpec spec = spec("old_id,old_email,new_id\nuser-a,,user-b\nuser-x,,user-y\nuser-b,,user-c\n", "");

		RunOutcome outcome = this.launcher.run(spec, DATE, this.options);

		assertThat(outcome.kind()).isEqualTo(Kind.COMPLETED);
		assertThat(outcome.report().chains()).isEqualTo(1);
		assertThat(braze().acceptedRequestCount()).isEqualTo(2);
		assertThat(braze().merges())
			.extracting((merge) -> String.valueOf(((Map<?, ?>) merge.get("identifier_to_merge")).get("external_id")))
			.containsExactly("user-a", "user-x", "user-b");
	}

	@Test
	void chainsCanBeRejectedInstead() {
		JobSpec spec = spec("old_id,old_email,new_id\nuser-a,,user-b\nuser-b,,user-c\n", ", chains: reject");

		RunOutcome outcome = this.launcher.run(spec, DATE, this.options);

		assertThat(outcome.report().delivered()).isEqualTo(1);
		assertThat(outcome.report().chains()).isEqualTo(1);
		assertThat(this.jdbc.queryForObject("SELECT REASON_CODE FROM AS_REJECTED_ROW WHERE JOB_NAME = ?", String.class,
				spec.name()))
			.isEqualTo("CHAIN");
	}

	@Test
	void aBadKeyStopsTheRunAtOnce() {
		JobSpec spec = spec("old_id,old_email,new_id\nold-1,,new-1\n", "");

		RunOutcome outcome = this.launcher.run(spec, DATE, sandbox.optionsWithKey("braze", "wrong"));

		assertThat(outcome.kind()).isEqualTo(Kind.FAILED);
		assertThat(outcome.report().exitMessage()).contains("HTTP 401")
			.contains("audience-sync.destinations.braze.api-key");
		assertThat(braze().requestCount()).isEqualTo(1);
	}

	/**
	 * A merge spec over that CSV; {@code destinationOptions} go inside
	 * {@code destination: {...}}.
	 */
	private JobSpec spec(String csv, String destinationOptions) {
		String name = "braze-merge-" + UUID.randomUUID().toString().substring(0, 8);
		Path data = TestExtracts.write(this.dir.resolve("data/" + name + ".csv"), csv);
		return new SpecLoader().load(TestExtracts.write(this.dir.resolve(name + ".yml"), """
				name: %s
				source: { type: file, path: %s, format: csv }
				mapping:
				  fields:
				    mergeExternalId: { column: old_id, required: false }
				    mergeEmail: { column: old_email, required: false }
				    mergePrioritization: { constant: "unidentified,most_recently_updated" }
				    keepExternalId: new_id
				destination: { vendor: braze, endpoint: users-merge%s }
				skip: { limit: 10, ratio: 0.5 }
				""".formatted(name, data, destinationOptions)));
	}

}
