package com.audiencesync.destination.hackle;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.audiencesync.JobTest;
import com.audiencesync.TestExtracts;
import com.audiencesync.batch.launch.RunOutcome;
import com.audiencesync.batch.launch.RunOutcome.Kind;
import com.audiencesync.batch.reports.RunReport;
import com.audiencesync.destination.hackle.emulator.HackleEmulator;
import com.audiencesync.spec.JobSpec;
import com.audiencesync.spec.SpecLoader;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Hackle jobs end to end against the emulator, which enforces Hackle's contract and
 * measures the requests in flight.
 */
@TestPropertySource(properties = "audience-sync.destinations.hackle.max-in-flight=" + HackleIntegrationTests.IN_FLIGHT)
class HackleIntegrationTests extends JobTest {

	@Override
	protected String vendor() {
		return "hackle";
	}

	static final int IN_FLIGHT = 8;

	static HackleEmulator emulator() {
		return sandbox.emulator("hackle", HackleEmulator.class);
	}

	@Tag("slow")
	@Test
	void twentyThousandUsersWithFivePercentFailingOnceAreEachDeliveredOnceWithinTheInFlightBound() {
		// given 20,000 users in two extracts read in parallel, and a Hackle that answers
		// about 5% of the records 503 or 429 the first time it sees them
		users("users-1.csv", 0, 10_000);
		users("users-2.csv", 10_000, 10_000);
		JobSpec spec = propertiesSpec(".", 1000, 2);
		emulator().failOnce(50);

		// when
		long start = System.nanoTime();
		RunOutcome outcome = this.launcher.run(spec, DATE, this.options);
		double seconds = (System.nanoTime() - start) / 1e9;

		// then every user arrived exactly once, retried where it failed
		assertThat(outcome.kind()).isEqualTo(Kind.COMPLETED);
		assertThat(outcome.report().delivered()).isEqualTo(20_000);
		assertThat(emulator().applied()).hasSize(20_000).allSatisfy((user, times) -> assertThat(times).isOne());
		int failedOnce = emulator().requestCount() - 20_000;
		assertThat(failedOnce).isBetween(600, 1400);
		assertThat(outcome.report().requests()).isEqualTo(emulator().requestCount());
		// and never more than the configured requests were in flight, over both
		// partitions
		assertThat(emulator().maxInFlight()).isLessThanOrEqualTo(IN_FLIGHT).isGreaterThan(1);
		assertThat(emulator().profiles().get("user:u-12345")).containsEntry("points", 12345)
			.containsEntry("grade", "GOLD");
		System.out.printf(
				"hackle: 20,000 records (%d failed once) in %.1f s with %d in flight at most: %.0f requests/s%n",
				failedOnce, seconds, emulator().maxInFlight(), emulator().requestCount() / seconds);
	}

	@Test
	void aBadKeyStopsTheJobAtOnceWithoutRetries() {
		users("users.csv", 0, 2_000);
		JobSpec spec = propertiesSpec("users.csv", 1000, 1);

		RunOutcome outcome = this.launcher.run(spec, DATE, sandbox.optionsWithKey("hackle", "wrong-key"));

		assertThat(outcome.kind()).isEqualTo(Kind.FAILED);
		assertThat(outcome.report().exitMessage()).contains("HTTP 401")
			.contains("audience-sync.destinations.hackle.api-key")
			.doesNotContain("wrong-key");
		// the requests already in flight finish; nothing after them is sent, nothing
		// retried
		assertThat(emulator().requestCount()).isLessThanOrEqualTo(IN_FLIGHT);
		assertThat(emulator().applied()).isEmpty();
	}

	@Test
	void aFourHundredRejectsThatRowOnlyWithHacklesAnswer() {
		users("users.csv", 0, 500);
		JobSpec spec = propertiesSpec("users.csv", 100, 1);
		emulator().rejectUserId("u-123");

		RunOutcome outcome = this.launcher.run(spec, DATE, this.options);

		assertThat(outcome.kind()).isEqualTo(Kind.COMPLETED);
		assertThat(outcome.report().delivered()).isEqualTo(499);
		assertThat(emulator().applied()).hasSize(499).doesNotContainKey("properties user:u-123");
		assertThat(this.jdbc.queryForList(
				"SELECT POSITION, STAGE, REASON_CODE, DESTINATION, MESSAGE FROM AS_REJECTED_ROW WHERE JOB_NAME = ?",
				spec.name()))
			.singleElement()
			.satisfies((row) -> {
				assertThat(row.get("POSITION")).isEqualTo(125L);
				assertThat(row.get("STAGE")).isEqualTo("VENDOR");
				assertThat(row.get("REASON_CODE")).isEqualTo("hackle:400");
				assertThat(row.get("DESTINATION")).isEqualTo("hackle/properties");
				assertThat(row.get("MESSAGE").toString()).contains("HTTP 400").contains("blocked");
			});
	}

	@Test
	void aHackleThatStaysDownFailsTheStepAndTheRestartSendsEachRecordOnce() {
		// given 3,000 users in chunks of 1,000, and Hackle down after the first chunk
		users("users.csv", 0, 3_000);
		JobSpec spec = propertiesSpec("users.csv", 1000, 1);
		RunOutcome first = runFailingAfter(spec, 1000);
		assertThat(first.kind()).isEqualTo(Kind.FAILED);
		assertThat(first.report().exitMessage()).contains("unavailable after every retry");

		// when it is back and the date runs again
		emulator().reset();
		RunOutcome second = this.launcher.run(spec, DATE, this.options);

		// then the run completes and the committed first chunk was not sent again
		assertThat(second.kind()).isEqualTo(Kind.COMPLETED);
		assertThat(second.report().delivered()).isEqualTo(3_000);
		assertThat(emulator().applied()).hasSize(2_000).doesNotContainKey("properties user:u-999");
	}

	/** Runs the job with every request after the first {@code ok} ones answered 503. */
	private RunOutcome runFailingAfter(JobSpec spec, int ok) {
		// the emulator fails "next" requests: let the first chunk through, then fail
		// enough requests to exhaust the retries of the second chunk's
		Thread failer = new Thread(() -> {
			while (emulator().acceptedCount() < ok) {
				Thread.onSpinWait();
			}
			emulator().failNextWithHttpStatus(1_000_000, 503, null);
		});
		failer.start();
		try {
			return this.launcher.run(spec, DATE, this.options);
		}
		finally {
			failer.interrupt();
		}
	}

	@Test
	void oneRowDrivesPropertiesPhoneAndConsentsEachCountedOnItsOwn() {
		// given a user whose phone was removed and who already has a signup date
		emulator().storePhoneNumber("u-1003", "+821000000000");
		emulator().storeProfile("user:u-1001", Map.of("signupDate", "2020-01-01", "legacyTier", "old"));
		JobSpec spec = new SpecLoader().load(TestExtracts.write(this.dir.resolve("all.yml"), """
				name: hackle-all-%s
				source: { type: file, path: %s, format: csv }
				destinations:
				  - vendor: hackle
				    endpoint: properties
				    mapping:
				      fields: { userId: user_id, deviceId: device_id }
				      properties:
				        fields:
				          grade: grade
				          points: { column: points, type: integer }
				          signupDate: { column: signup_date, operation: set-once }
				          nickname: { column: nickname, on-blank: unset }
				          legacyTier: { operation: unset }
				  - vendor: hackle
				    endpoint: phone-numbers
				    when: { column: phone, present: true }
				    mapping:
				      fields: { userId: user_id, phoneNumber: { column: phone, type: phone } }
				  - vendor: hackle
				    endpoint: phone-number-deletions
				    when: { column: phone, present: false }
				    mapping:
				      fields: { userId: user_id }
				  - vendor: hackle
				    endpoint: push-subscriptions
				    mapping:
				      fields:
				        userId: user_id
				        deviceId: device_id
				        marketingSubscriptionStatus: push_marketing
				        informationSubscriptionStatus: push_info
				skip: { limit: 100, ratio: 1 }
				""".formatted(UUID.randomUUID().toString().substring(0, 8),
				Path.of("jobs/data/hackle/users.csv").toAbsolutePath())));

		RunOutcome outcome = this.launcher.run(spec, DATE, this.options);

		assertThat(outcome.kind()).isEqualTo(Kind.COMPLETED);
		RunReport report = outcome.report();
		assertThat(report.read()).isEqualTo(6);
		assertThat(report.destinations()).extracting(RunReport.DestinationCount::destination)
			.containsExactly("hackle/phone-number-deletions", "hackle/phone-numbers", "hackle/properties",
					"hackle/push-subscriptions");
		assertThat(report.destinations()).filteredOn((d) -> d.destination().equals("hackle/properties"))
			.singleElement()
			.satisfies((d) -> {
				assertThat(d.delivered()).isEqualTo(5);
				assertThat(d.rejected()).isEqualTo(1); // u-1003's points 'abc'
			});
		// $setOnce kept the earlier signup date; $unset removed the legacy tier
		assertThat(emulator().profiles().get("user:u-1001")).containsEntry("signupDate", "2020-01-01")
			.containsEntry("grade", "GOLD")
			.containsEntry("points", 1200)
			.containsEntry("nickname", "minji")
			.doesNotContainKey("legacyTier");
		// a device without a user gets its properties by device id
		assertThat(emulator().profiles()).containsKey("device:d-4");
		// phones in E.164; the user whose phone is blank had it removed
		assertThat(emulator().phoneNumbers()).containsEntry("u-1001", "+821012345678")
			.containsEntry("u-1005", "+821099990000")
			.doesNotContainKey("u-1003")
			.doesNotContainKey("u-1006");
		assertThat(emulator().subscriptions().get("push-subscriptions:user:u-1002"))
			.containsEntry("marketingSubscriptionStatus", "UNSUBSCRIBED")
			.containsEntry("informationSubscriptionStatus", "SUBSCRIBED");
		// each rejection names its destination, in the report and in the table
		assertThat(report.reasons()).extracting((reason) -> reason.destination() + " " + reason.reasonCode())
			.containsExactlyInAnyOrder("hackle/properties BAD_TYPE", "hackle/phone-numbers BAD_PHONE",
					"hackle/phone-number-deletions MISSING_FIELD", "hackle/push-subscriptions BAD_VALUE");
		assertThat(this.jdbc.queryForList("SELECT DESTINATION, REASON_CODE FROM AS_REJECTED_ROW WHERE JOB_NAME = ?",
				spec.name()))
			.extracting((row) -> row.get("DESTINATION") + " " + row.get("REASON_CODE"))
			.containsExactlyInAnyOrder("hackle/properties BAD_TYPE", "hackle/phone-numbers BAD_PHONE",
					"hackle/phone-number-deletions MISSING_FIELD", "hackle/push-subscriptions BAD_VALUE");
		// no personal data in the job repository
		String stored = String.join("\n", this.jdbc.queryForList(
				"SELECT CAST(SHORT_CONTEXT AS VARCHAR(4000)) FROM BATCH_STEP_EXECUTION_CONTEXT", String.class));
		assertThat(stored).doesNotContain("1234-5678").doesNotContain("821012345678").doesNotContain(KEY);
	}

	@Test
	void propertiesHackleHoldsAreNotSentAgain() {
		users("users.csv", 0, 200);
		JobSpec spec = propertiesSpec("users.csv", 100, 1);
		this.launcher.run(spec, DATE, this.options);
		int requests = emulator().requestCount();

		RunOutcome next = this.launcher.run(spec, DATE.plusDays(1), this.options);

		assertThat(next.report().unchanged()).isEqualTo(200);
		assertThat(emulator().requestCount()).isEqualTo(requests);
	}

	private void users(String name, int from, int rows) {
		List<String> lines = new ArrayList<>();
		lines.add("user_id,grade,points");
		for (int i = from; i < from + rows; i++) {
			lines.add("u-" + i + ",GOLD," + i);
		}
		TestExtracts.write(this.dir.resolve("data").resolve(name), String.join("\n", lines) + "\n");
	}

	private JobSpec propertiesSpec(String path, int chunk, int concurrency) {
		String name = "hackle-props-" + UUID.randomUUID().toString().substring(0, 8);
		return new SpecLoader().load(TestExtracts.write(this.dir.resolve(name + ".yml"), """
				name: %s
				source: { type: file, path: data/%s, format: csv }
				mapping:
				  fields: { userId: user_id }
				  properties:
				    fields:
				      grade: grade
				      points: { column: points, type: integer }
				destination: { vendor: hackle, endpoint: properties }
				chunk: %d
				concurrency: %d
				""".formatted(name, path, chunk, concurrency)));
	}

	@Test
	void aHackleUserWhosePhoneNumberIsGoneHasItDeleted() {
		// given six users' phone numbers at Hackle, mirrored
		Path extract = TestExtracts.write(this.dir.resolve("data/phones.csv"),
				"user_id,phone\nh-1,01011112222\nh-2,01033334444\nh-3,01055556666\nh-4,01077778888\n"
						+ "h-5,01099990000\nh-6,01012121212\n");
		String name = "hackle-mirror-" + UUID.randomUUID().toString().substring(0, 8);
		JobSpec spec = new SpecLoader().load(TestExtracts.write(this.dir.resolve(name + ".yml"), """
				name: %s
				source: { type: file, path: %s, format: csv }
				mapping:
				  fields: { userId: user_id, phoneNumber: { column: phone, type: phone } }
				destination: { vendor: hackle, endpoint: phone-numbers, mode: mirror }
				mirror: { max-delete-ratio: 0.5 }
				""".formatted(name, extract)));
		HackleEmulator hackle = emulator();
		assertThat(this.launcher.run(spec, DATE, this.options).report().delivered()).isEqualTo(6);

		// when h-2 is no longer in the extract
		TestExtracts.write(extract, "user_id,phone\nh-1,01011112222\nh-3,01055556666\nh-4,01077778888\n"
				+ "h-5,01099990000\nh-6,01012121212\n");
		RunOutcome next = this.launcher.run(spec, DATE.plusDays(1), this.options);

		// then its phone number is deleted, and only its
		assertThat(next.kind()).isEqualTo(Kind.COMPLETED);
		assertThat(hackle.phoneNumbers()).containsOnlyKeys("h-1", "h-3", "h-4", "h-5", "h-6");
		assertThat(hackle.applied()).containsEntry("phone-number-deletions h-2", 1)
			.doesNotContainKeys("phone-number-deletions h-1", "phone-number-deletions h-3");
		assertThat(next.report().mirrors()).singleElement().extracting(RunReport.MirrorCount::deleted).isEqualTo(1L);
	}

}
