package com.audiencesync.destination.marketap;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.audiencesync.JobTest;
import com.audiencesync.TestExtracts;
import com.audiencesync.batch.launch.RunOutcome;
import com.audiencesync.batch.launch.RunOutcome.Kind;
import com.audiencesync.destination.marketap.emulator.MarketapEmulator;
import com.audiencesync.spec.JobSpec;
import com.audiencesync.spec.SpecLoader;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Marketap jobs end to end against the emulator, which enforces Marketap's contract. */
class MarketapIntegrationTests extends JobTest {

	@Override
	protected String vendor() {
		return "marketap";
	}

	static MarketapEmulator emulator() {
		return sandbox.emulator("marketap", MarketapEmulator.class);
	}

	@Test
	void theSandboxPointsRunsAtTheEmulatorsProject() {
		assertThat(this.options.properties()).containsEntry("audience-sync.destinations.marketap.project-id",
				MarketapEmulator.PROJECT_ID);
	}

	@Test
	void twoThousandFiveHundredEventsGoInThreeRequestsAndABadOneIsIsolated() {
		// given 2,500 purchase events of which one belongs to a user Marketap refuses
		JobSpec spec = eventsSpec(events(0, 2500), 2500);
		emulator().reject("u-1234");

		RunOutcome outcome = this.launcher.run(spec, DATE, this.options);

		assertThat(outcome.kind()).isEqualTo(Kind.COMPLETED);
		assertThat(outcome.report().delivered()).isEqualTo(2499);
		assertThat(emulator().maxBatchSizeSeen()).isEqualTo(1000);
		assertThat(emulator().eventCountsById()).hasSize(2499).allSatisfy((id, count) -> assertThat(count).isOne());
		assertThat(this.jdbc
			.queryForList("SELECT POSITION, REASON_CODE, MESSAGE FROM AS_REJECTED_ROW WHERE JOB_NAME = ?", spec.name()))
			.singleElement()
			.satisfies((row) -> {
				assertThat(row.get("POSITION")).isEqualTo(1235L);
				assertThat(row.get("REASON_CODE")).isEqualTo("marketap:4001");
				assertThat(row.get("MESSAGE").toString()).contains("HTTP 400").contains("blocked");
			});
	}

	@Test
	void withoutRejectionsTwoThousandFiveHundredEventsAreExactlyThreeRequests() {
		JobSpec spec = eventsSpec(events(0, 2500), 2500);

		this.launcher.run(spec, DATE, this.options);

		assertThat(emulator().requestCount()).isEqualTo(3);
		assertThat(emulator().events()).hasSize(2500);
		assertThat(emulator().events().get(0)).containsEntry("timestamp", "2026-11-22T09:00:00+09:00")
			.containsEntry("event_name", "purchase");
	}

	@Test
	void aRestartAfterACrashBetweenChunksResendsNoCommittedEvent() {
		// given chunks of 1,000 events and a vendor that goes down after the first
		JobSpec spec = eventsSpec(events(0, 2500), 1000);
		emulator().failAfterItems(1000, 503);
		RunOutcome first = this.launcher.run(spec, DATE, this.options);
		assertThat(first.kind()).isEqualTo(Kind.FAILED);
		assertThat(emulator().eventCountsById()).hasSize(1000);

		// when it is back and the date runs again
		emulator().clearFaults();
		RunOutcome second = this.launcher.run(spec, DATE, this.options);

		// then every event arrived once: none of the committed chunk was sent again
		assertThat(second.kind()).isEqualTo(Kind.COMPLETED);
		assertThat(emulator().eventCountsById()).hasSize(2500).allSatisfy((id, count) -> assertThat(count).isOne());
	}

	@Test
	void eventsWithoutAnIdGetOneDerivedFromTheirLineThatARestartKeeps() {
		Path data = TestExtracts.write(this.dir.resolve("data/events.jsonl"),
				"{\"user_id\":\"u-1\",\"event\":\"login\",\"at\":1763776800}\n"
						+ "{\"user_id\":\"u-2\",\"event\":\"login\",\"at\":\"2026-11-22\"}\n");
		JobSpec spec = spec("events", """
				source: { type: file, path: %s, format: jsonl }
				mapping:
				  fields:
				    userId: user_id
				    eventName: event
				    timestamp: { column: at, type: timestamp }
				destination: { vendor: marketap, endpoint: events }
				""".formatted(data));

		this.launcher.run(spec, DATE, this.options);

		List<Map<String, Object>> events = emulator().events();
		assertThat(events).extracting((event) -> ((Map<?, ?>) event.get("properties")).get("event_id").toString())
			.doesNotHaveDuplicates()
			.allMatch((id) -> id.matches("[0-9a-f-]{36}"));
		assertThat(events).extracting((event) -> event.get("timestamp"))
			.containsExactly("2025-11-22T11:00:00+09:00", "2026-11-22T00:00:00+09:00");
	}

	@Test
	void deletionsGoInBulksOfAThousand() {
		StringBuilder csv = new StringBuilder("user_id\n");
		for (int i = 0; i < 2100; i++) {
			csv.append("gone-").append(i).append('\n');
		}
		Path data = TestExtracts.write(this.dir.resolve("data/deleted.csv"), csv.toString());
		JobSpec spec = spec("deletions", """
				source: { type: file, path: %s, format: csv }
				mapping:
				  fields:
				    userId: user_id
				destination: { vendor: marketap, endpoint: user-deletions }
				""".formatted(data));

		RunOutcome outcome = this.launcher.run(spec, DATE, this.options);

		assertThat(outcome.kind()).isEqualTo(Kind.COMPLETED);
		assertThat(emulator().deletedUserIds()).hasSize(2100).doesNotHaveDuplicates();
		assertThat(emulator().requestPaths()).hasSize(3).allMatch((path) -> path.endsWith("/deletion-job/bulk"));
		assertThat(emulator().maxBatchSizeSeen()).isEqualTo(1000);
	}

	@Test
	void aDeletionBisectedDownToOneUserUsesTheSingleEndpoint() {
		Path data = TestExtracts.write(this.dir.resolve("data/deleted.csv"), "user_id\ngone-1\nblocked\n");
		JobSpec spec = spec("deletions", """
				source: { type: file, path: %s, format: csv }
				mapping:
				  fields:
				    userId: user_id
				destination: { vendor: marketap, endpoint: user-deletions }
				""".formatted(data));
		emulator().reject("blocked");

		this.launcher.run(spec, DATE, this.options);

		assertThat(emulator().deletedUserIds()).containsExactly("gone-1");
		assertThat(emulator().requestPaths()).containsExactly("/v1/api/profile/user/deletion-job");
	}

	@Test
	void devicePlatformsAreNormalisedAndUnknownOnesRejected() {
		Path data = TestExtracts.write(this.dir.resolve("data/devices.csv"),
				"token,os,opt_in\nt-1,iPhone,Y\nt-2,aos,N\nt-3,webpush,\nt-4,blackberry,Y\nt-5,ANDROID,1\n");
		JobSpec spec = spec("devices", """
				source: { type: file, path: %s, format: csv }
				mapping:
				  fields:
				    token: token
				    platform: os
				    optIn: { column: opt_in, type: boolean }
				destination: { vendor: marketap, endpoint: devices }
				""".formatted(data));

		RunOutcome outcome = this.launcher.run(spec, DATE, this.options);

		assertThat(outcome.report().rejected()).isEqualTo(1);
		assertThat(emulator().devices()).hasSize(4);
		assertThat(device("t-1")).containsEntry("platform", "IOS").containsEntry("opt_in", true);
		assertThat(device("t-2")).containsEntry("platform", "ANDROID").containsEntry("opt_in", false);
		assertThat(device("t-3")).containsEntry("platform", "WEB").doesNotContainKey("opt_in");
		assertThat(device("t-5")).containsEntry("platform", "ANDROID");
		assertThat(this.jdbc.queryForObject("SELECT MESSAGE FROM AS_REJECTED_ROW WHERE JOB_NAME = ?", String.class,
				spec.name()))
			.isEqualTo("platform: 'blackberry' from column 'os' is not one of [ANDROID, IOS, WEB]");
	}

	@Test
	void profilesAreDeliveredAndABadKeyStopsAtOnce() {
		Path data = TestExtracts.write(this.dir.resolve("data/profiles.jsonl"),
				"{\"user_id\":\"u-1\",\"tier\":\"GOLD\"}\n{\"user_id\":\"u-2\",\"tier\":\"SILVER\"}\n");
		String body = """
				source: { type: file, path: %s, format: jsonl }
				mapping:
				  fields:
				    userId: user_id
				  properties:
				    columns: [tier]
				destination: { vendor: marketap, endpoint: profiles }
				""".formatted(data);

		RunOutcome delivered = this.launcher.run(spec("profiles", body), DATE, this.options);
		assertThat(delivered.kind()).isEqualTo(Kind.COMPLETED);
		assertThat(emulator().profiles().get("u-2")).containsEntry("tier", "SILVER");

		int before = emulator().requestCount();
		RunOutcome refused = this.launcher.run(spec("profiles", body), DATE,
				sandbox.optionsWithKey("marketap", "wrong-key"));
		assertThat(refused.kind()).isEqualTo(Kind.FAILED);
		assertThat(refused.report().exitMessage()).contains("HTTP 401")
			.contains("audience-sync.destinations.marketap.api-key");
		assertThat(emulator().requestCount()).isEqualTo(before + 1);
	}

	@Test
	void profilesTheVendorHoldsAreNotSentAgainButEventsAlwaysAre() {
		// given profiles and events, delivered once
		Path profiles = TestExtracts.write(this.dir.resolve("data/p.jsonl"),
				"{\"user_id\":\"u-1\",\"tier\":\"GOLD\"}\n{\"user_id\":\"u-2\",\"tier\":\"SILVER\"}\n");
		JobSpec profilesSpec = spec("profiles", """
				source: { type: file, path: %s, format: jsonl }
				mapping:
				  fields: { userId: user_id }
				  properties: { columns: [tier] }
				destination: { vendor: marketap, endpoint: profiles }
				""".formatted(profiles));
		JobSpec eventsSpec = eventsSpec(events(0, 10), 10);
		this.launcher.run(profilesSpec, DATE, this.options);
		this.launcher.run(eventsSpec, DATE, this.options);
		int requests = emulator().requestCount();

		// when the next night reads the same extracts
		RunOutcome unchanged = this.launcher.run(profilesSpec, DATE.plusDays(1), this.options);
		RunOutcome events = this.launcher.run(eventsSpec, DATE.plusDays(1), this.options);

		// then no profile is sent (Marketap upserts them) and every event is (it does
		// not)
		assertThat(unchanged.report().unchanged()).isEqualTo(2);
		assertThat(events.report().unchanged()).isZero();
		assertThat(events.report().delivered()).isEqualTo(10);
		assertThat(emulator().requestCount()).isEqualTo(requests + 1);
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> device(String token) {
		return (Map<String, Object>) emulator().devices().get(token).get("device");
	}

	private JobSpec eventsSpec(Path data, int chunk) {
		return spec("events", """
				source: { type: file, path: %s, format: jsonl }
				mapping:
				  fields:
				    userId: user_id
				    eventName: event
				    eventId: order_id
				    timestamp: { column: at, type: timestamp }
				  properties:
				    fields:
				      amount: { column: amount, type: integer }
				destination: { vendor: marketap, endpoint: events }
				chunk: %d
				""".formatted(data, chunk));
	}

	private Path events(int from, int count) {
		List<String> lines = new ArrayList<>();
		for (int i = from; i < from + count; i++) {
			lines.add(
					"{\"order_id\":\"o-%d\",\"user_id\":\"u-%d\",\"event\":\"purchase\",\"at\":\"2026-11-22 09:00:00\",\"amount\":%d}"
						.formatted(i, i, i));
		}
		return TestExtracts.write(this.dir.resolve("data/events-" + from + ".jsonl"), String.join("\n", lines) + "\n");
	}

	private JobSpec spec(String kind, String body) {
		String name = "marketap-" + kind + "-" + UUID.randomUUID().toString().substring(0, 8);
		return new SpecLoader()
			.load(TestExtracts.write(this.dir.resolve(name + ".yml"), "name: " + name + "\n" + body));
	}

}
