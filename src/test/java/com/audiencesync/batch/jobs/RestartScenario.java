package com.audiencesync.batch.jobs;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import com.audiencesync.JobTest;
import com.audiencesync.TestExtracts;
import com.audiencesync.batch.launch.RunOutcome;
import com.audiencesync.batch.launch.RunOutcome.Kind;
import com.audiencesync.spec.JobSpec;
import com.audiencesync.spec.SpecLoader;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

import static com.audiencesync.TestExtracts.members;
import static com.audiencesync.TestExtracts.phone;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The fail-then-restart contract of every job, run on each job repository database: a
 * vendor that fails permanently midway fails the run; running the same date again resumes
 * from the last committed chunk and ends with every good row delivered exactly once and
 * the bad rows recorded; a third run sends nothing.
 */
abstract class RestartScenario extends JobTest {

	@Override
	protected String vendor() {
		return "groobee";
	}

	String jobName(String prefix) {
		return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
	}

	@Test
	void failedRunRestartsFromItsLastCommittedChunkAndDeliversEveryGoodRowOnce() {
		// given 3,000 members in chunks of 500: two bad phones, one member id Groobee
		// refuses
		String job = jobName("restart");
		members(this.dir, "data/members.csv", 0, 3000, List.of(10, 2600), List.of(20));
		JobSpec spec = new SpecLoader().load(TestExtracts.groobeeSpec(this.dir, job, "data/members.csv", 500, 500, 1));
		sandbox.emulator("groobee").failAfterItems(1400, 503);

		// when Groobee fails for good after ~1,400 rows
		RunOutcome first = this.launcher.run(spec, DATE, this.options);

		// then the run fails, saying why and what to do
		assertThat(first.kind()).isEqualTo(Kind.FAILED);
		assertThat(first.report().exitMessage()).contains("groobee/personalizations unavailable")
			.contains("run the same date again");
		long deliveredBefore = sandbox.emulator("groobee").records().size();
		assertThat(deliveredBefore).isBetween(1400L, 2000L);

		// when Groobee is back and the same date runs again
		sandbox.emulator("groobee").clearFaults();
		RunOutcome second = this.launcher.run(spec, DATE, this.options);

		// then it completes with every good row delivered exactly once
		assertThat(second.kind()).isEqualTo(Kind.COMPLETED);
		assertThat(second.report().executionId()).isNotEqualTo(first.report().executionId());
		for (int i = 0; i < 3000; i++) {
			int expected = List.of(10, 2600, 20).contains(i) ? 0 : 1;
			assertThat(sandbox.emulator("groobee").deliveries(phone(i))).as("deliveries of member %d", i)
				.isEqualTo(expected);
		}
		assertThat(second.report().read()).isEqualTo(3000);
		assertThat(second.report().delivered()).isEqualTo(2997);
		assertThat(second.report().rejected()).isEqualTo(3);

		// and the bad rows are recorded once each, with file, line and reason
		List<Map<String, Object>> rejected = this.jdbc
			.queryForList("SELECT SOURCE, POSITION, STAGE, REASON_CODE, MESSAGE, ROW_MASKED FROM AS_REJECTED_ROW "
					+ "WHERE JOB_NAME = ? ORDER BY POSITION", job);
		assertThat(rejected).extracting((row) -> row.get("POSITION").toString() + " " + row.get("REASON_CODE"))
			.containsExactly("12 BAD_PHONE", "22 groobee:-1006", "2602 BAD_PHONE");
		assertThat(rejected.get(1).get("MESSAGE").toString()).contains("-1006").contains("bad memberId");
		assertThat(rejected).allSatisfy((row) -> assertThat(row.get("SOURCE")).isEqualTo("members.csv"));

		// when the same date runs a third time, then nothing is sent
		int requests = sandbox.emulator("groobee").requestCount();
		RunOutcome third = this.launcher.run(spec, DATE, this.options);
		assertThat(third.kind()).isEqualTo(Kind.ALREADY_COMPLETED);
		assertThat(sandbox.emulator("groobee").requestCount()).isEqualTo(requests);
		assertThat(third.report().delivered()).isEqualTo(2997);
	}

	@Test
	void partitionsRunInParallelAndARestartKeepsTheFirstAttemptsFileList() {
		// given three files read two at a time
		String job = jobName("partitions");
		for (int f = 0; f < 3; f++) {
			members(this.dir, "data/part-" + f + ".csv", f * 1000, 1000, List.of(), List.of());
		}
		JobSpec spec = new SpecLoader().load(TestExtracts.groobeeSpec(this.dir, job, "data", 200, 200, 2));
		sandbox.emulator("groobee").failAfterItems(1000, 503);

		// when the first attempt fails and a fourth file arrives before the restart
		RunOutcome first = this.launcher.run(spec, DATE, this.options);
		assertThat(first.kind()).isEqualTo(Kind.FAILED);
		members(this.dir, "data/part-3.csv", 3000, 100, List.of(), List.of());
		sandbox.emulator("groobee").clearFaults();
		RunOutcome second = this.launcher.run(spec, DATE, this.options);

		// then the restart completes the three partitions of the first attempt, each row
		// once
		assertThat(second.kind()).isEqualTo(Kind.COMPLETED);
		assertThat(second.report().partitions()).isEqualTo(3);
		assertThat(second.report().delivered()).isEqualTo(3000);
		assertThat(sandbox.emulator("groobee").records()).hasSize(3000);
		for (int i = 0; i < 3000; i++) {
			assertThat(sandbox.emulator("groobee").deliveries(phone(i))).as("deliveries of member %d", i).isEqualTo(1);
		}
		assertThat(sandbox.emulator("groobee").deliveries(phone(3000))).isZero();
	}

	@Test
	void restartByExecutionIdResumesAFailedRunAndRefusesAnOlderOne() {
		String job = jobName("restart-id");
		members(this.dir, "data/members.csv", 0, 400, List.of(), List.of());
		JobSpec spec = new SpecLoader().load(TestExtracts.groobeeSpec(this.dir, job, "data/members.csv", 100, 100, 1));
		sandbox.emulator("groobee").failAfterItems(100, 503);
		RunOutcome failed = this.launcher.run(spec, DATE, this.options);
		assertThat(failed.kind()).isEqualTo(Kind.FAILED);
		RunOutcome failedAgain = this.launcher.restart(failed.report().executionId(), spec, this.options);
		assertThat(failedAgain.kind()).isEqualTo(Kind.FAILED);
		sandbox.emulator("groobee").clearFaults();

		RunOutcome stale = this.launcher.restart(failed.report().executionId(), spec, this.options);
		assertThat(stale.kind()).isEqualTo(Kind.REFUSED);
		assertThat(stale.message()).contains("not the latest of its run");

		RunOutcome resumed = this.launcher.restart(failedAgain.report().executionId(), spec, this.options);
		assertThat(resumed.kind()).isEqualTo(Kind.COMPLETED);
		assertThat(resumed.report().delivered()).isEqualTo(400);
		assertThat(sandbox.emulator("groobee").records().values())
			.allSatisfy((p) -> assertThat(p.deliveries()).isEqualTo(1));
	}

	@RepeatedTest(3)
	void concurrentStartsOfOneDateRunItOnceWithoutDeadlock() throws Exception {
		// given four processes' worth of launches of the same date at once
		String job = jobName("concurrent");
		members(this.dir, "data/members.csv", 0, 2000, List.of(), List.of());
		JobSpec spec = new SpecLoader().load(TestExtracts.groobeeSpec(this.dir, job, "data/members.csv", 200, 200, 1));
		ExecutorService pool = Executors.newFixedThreadPool(4);
		CountDownLatch go = new CountDownLatch(1);
		List<Future<RunOutcome>> outcomes = new ArrayList<>();
		for (int i = 0; i < 4; i++) {
			outcomes.add(pool.submit(() -> {
				go.await();
				return this.launcher.run(spec, DATE, this.options);
			}));
		}

		// when they start together
		go.countDown();
		List<Kind> kinds = new ArrayList<>();
		for (Future<RunOutcome> outcome : outcomes) {
			kinds.add(outcome.get(60, TimeUnit.SECONDS).kind());
		}
		pool.shutdown();

		// then exactly one ran it; the others were told it is running or done; each row
		// went once
		assertThat(kinds).containsOnlyOnce(Kind.COMPLETED)
			.allMatch(
					(kind) -> kind == Kind.COMPLETED || kind == Kind.ALREADY_RUNNING || kind == Kind.ALREADY_COMPLETED);
		assertThat(sandbox.emulator("groobee").records()).hasSize(2000);
		assertThat(sandbox.emulator("groobee").records().values())
			.allSatisfy((p) -> assertThat(p.deliveries()).isEqualTo(1));
	}

	@Test
	void aRefusedKeyStopsTheRunAtOnceWithoutRetries() {
		String job = jobName("badkey");
		members(this.dir, "data/members.csv", 0, 50, List.of(), List.of());
		JobSpec spec = new SpecLoader().load(TestExtracts.groobeeSpec(this.dir, job, "data/members.csv", 50, 50, 1));

		RunOutcome outcome = this.launcher.run(spec, DATE, sandbox.optionsWithKey("groobee", "wrong-key"));

		assertThat(outcome.kind()).isEqualTo(Kind.FAILED);
		assertThat(outcome.report().exitMessage()).contains("-1001")
			.contains("audience-sync.destinations.groobee.api-key")
			.doesNotContain("wrong-key");
		assertThat(sandbox.emulator("groobee").requestCount()).isEqualTo(1);
	}

	@Test
	void tooManyRejectedRowsFailTheRunWithAClearMessage() {
		String job = jobName("skiplimit");
		List<Integer> bad = new ArrayList<>();
		for (int i = 0; i < 60; i++) {
			bad.add(i * 2);
		}
		members(this.dir, "data/members.csv", 0, 200, bad, List.of());
		JobSpec spec = new SpecLoader().load(TestExtracts.groobeeSpec(this.dir, job, "data/members.csv", 100, 100, 1));

		RunOutcome outcome = this.launcher.run(spec, DATE, this.options);

		assertThat(outcome.kind()).isEqualTo(Kind.FAILED);
		assertThat(outcome.report().exitMessage()).contains("more than skip.limit 50");
	}

	@Test
	void noSecretOrPhoneNumberReachesTheJobRepository() {
		// given a run with bad rows, a vendor refusal, a failure and a restart
		failedRunRestartsFromItsLastCommittedChunkAndDeliversEveryGoodRowOnce();

		// then no text column of the repository holds the key or a phone number
		Pattern phone = Pattern.compile("(?<!\\d)01[016789]-?\\d{3,4}-?\\d{4}(?!\\d)");
		List<String> texts = new ArrayList<>();
		for (String query : List.of("SELECT PARAMETER_VALUE FROM BATCH_JOB_EXECUTION_PARAMS",
				"SELECT SHORT_CONTEXT FROM BATCH_STEP_EXECUTION_CONTEXT",
				"SELECT SERIALIZED_CONTEXT FROM BATCH_STEP_EXECUTION_CONTEXT",
				"SELECT SHORT_CONTEXT FROM BATCH_JOB_EXECUTION_CONTEXT", "SELECT EXIT_MESSAGE FROM BATCH_JOB_EXECUTION",
				"SELECT EXIT_MESSAGE FROM BATCH_STEP_EXECUTION", "SELECT MESSAGE FROM AS_REJECTED_ROW",
				"SELECT ROW_MASKED FROM AS_REJECTED_ROW")) {
			this.jdbc.queryForList(query, String.class)
				.stream()
				.filter((t) -> t != null)
				.map(RestartScenario::decoded)
				.forEach(texts::add);
		}
		assertThat(texts).isNotEmpty();
		assertThat(texts).noneMatch((text) -> text.contains(KEY));
		assertThat(texts).noneMatch((text) -> phone.matcher(text).find());
		// the contexts were read (the file's path is there), not skipped
		assertThat(String.join("\n", texts)).contains("members.csv").contains("writer.delivered");
	}

	/**
	 * Execution contexts are stored Base64-encoded (Java serialisation): look inside
	 * them.
	 */
	private static String decoded(String text) {
		try {
			return new String(Base64.getDecoder().decode(text.strip()), StandardCharsets.ISO_8859_1);
		}
		catch (IllegalArgumentException notBase64) {
			return text;
		}
	}

}
