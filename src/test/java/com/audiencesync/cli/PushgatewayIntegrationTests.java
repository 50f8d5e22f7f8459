package com.audiencesync.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import com.audiencesync.AlertRules;
import com.audiencesync.RealPrometheus;
import com.audiencesync.sandbox.Sandbox;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.util.FileSystemUtils;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs push to a real Prometheus Pushgateway, which a real Prometheus scrapes every
 * second and evaluates the shipped alert rules on (their copy with short {@code for:},
 * {@link AlertRules}): a sync's last success and last run outlive a failed start and an
 * "already completed" rerun, every dashboard query returns data, and each alert fires in
 * the situation it names.
 */
class PushgatewayIntegrationTests {

	private static final Duration SCRAPED = Duration.ofSeconds(20);

	@RegisterExtension
	static final Sandbox sandbox = new Sandbox("metrics-key");

	@TempDir
	static Path dir;

	static RealPrometheus prometheus;

	@BeforeAll
	static void start() throws IOException {
		prometheus = RealPrometheus.start(dir.resolve("prometheus"),
				List.of(AlertRules.forTests(dir.resolve("rules"))));
		// groobee-demo with a daily schedule, in a jobs folder of its own
		Path jobs = dir.resolve("jobs");
		FileSystemUtils.copyRecursively(Path.of("jobs/data/groobee-demo"), jobs.resolve("data/groobee-demo"));
		Files.writeString(jobs.resolve("groobee-nightly.yml"), Files.readString(Path.of("jobs/groobee-demo.yml"))
			.replace("name: groobee-demo", "name: groobee-nightly") + "schedule:\n  cron: \"0 3 * * *\"\n");
		Files
			.writeString(jobs.resolve("groobee-backfill.yml"),
					Files.readString(Path.of("jobs/groobee-demo.yml"))
						.replace("name: groobee-demo", "name: groobee-backfill")
							+ "schedule:\n  cron: \"0 3 * * *\"\n");
	}

	@AfterAll
	static void stop() {
		if (prometheus != null) {
			prometheus.close();
		}
	}

	private static String pushing() {
		String pushgateway = " --management.prometheus.metrics.export.pushgateway.";
		return pushgateway + "enabled=true" + pushgateway + "address=" + prometheus.gatewayAddress();
	}

	private static String database() {
		return " --spring.datasource.url=jdbc:h2:mem:push-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
	}

	private static double value(JsonNode result) {
		assertThat(result).as("a query's result").hasSize(1);
		return Double.parseDouble(result.get(0).get("value").get(1).asString());
	}

	private static double value(String promql) {
		return value(prometheus.awaitQuery(promql, (result) -> !result.isEmpty(), SCRAPED));
	}

	@Test
	void aSyncsLastSuccessAndLastRunOutliveAFailedStartAndAnAlreadyCompletedRerun() {
		String nightly = "run groobee-nightly --param runDate=2026-11-21 --audience-sync.jobs-dir="
				+ dir.resolve("jobs") + database() + pushing();

		// given a run that completed: 15 rows read, 9 delivered, 1 superseded by a later
		// row of its key, 5 rejected
		InProcessCli.Result good = InProcessCli.run(nightly + " --sandbox");
		assertThat(good.code()).as(good.out() + good.err()).isZero();
		double success = value("audience_sync_last_success_timestamp_seconds{sync=\"groobee-nightly\"}");
		assertThat(value("audience_sync_last_run_rows{sync=\"groobee-nightly\",outcome=\"delivered\"}")).isEqualTo(9);
		// its schedule's allowance: a day's interval, an hour's starting deadline, 23
		// hours
		assertThat(value("audience_sync_last_success_max_age_seconds{sync=\"groobee-nightly\"}")).isEqualTo(48 * 3600);
		assertThat(prometheus.awaitFiring("AudienceSyncFailed", "groobee-nightly", Duration.ofSeconds(3))).isFalse();

		// when a start fails on its configuration (no Groobee account configured: exit 2)
		InProcessCli.Result failed = InProcessCli.run(nightly);
		assertThat(failed.code()).as(failed.out() + failed.err()).isEqualTo(2);

		// then it is recorded, and the run-failed alert fires
		assertThat(prometheus.awaitQuery("audience_sync_last_outcome_exit_code{sync=\"groobee-nightly\"} == 2",
				(result) -> !result.isEmpty(), SCRAPED))
			.hasSize(1);
		assertThat(prometheus.awaitFiring("AudienceSyncFailed", "groobee-nightly", SCRAPED)).isTrue();

		// when the date runs again, already completed
		InProcessCli.Result again = InProcessCli.run(nightly + " --sandbox");
		assertThat(again.code()).as(again.out() + again.err()).isZero();
		assertThat(prometheus.awaitQuery(
				"audience_sync_last_outcome_exit_code{sync=\"groobee-nightly\",status=\"ALREADY_COMPLETED\"} == 0",
				(result) -> !result.isEmpty(), SCRAPED))
			.hasSize(1);

		// then the run-failed alert ends, and the last success and the last good run's
		// counts are still there
		assertThat(prometheus.awaitQuery("ALERTS{alertname=\"AudienceSyncFailed\",sync=\"groobee-nightly\"}",
				JsonNode::isEmpty, SCRAPED))
			.isEmpty();
		assertThat(value("audience_sync_last_success_timestamp_seconds{sync=\"groobee-nightly\"}")).isEqualTo(success);
		assertThat(value("audience_sync_last_run_rows_read{sync=\"groobee-nightly\"}")).isEqualTo(15);
		assertThat(value("audience_sync_last_run_rows{sync=\"groobee-nightly\",outcome=\"delivered\"}")).isEqualTo(9);
		assertThat(value("audience_sync_last_run_rows{sync=\"groobee-nightly\",outcome=\"rejected\"}")).isEqualTo(5);
		assertThat(prometheus.query("audience_sync_last_run_status{sync=\"groobee-nightly\",status=\"COMPLETED\"}"))
			.hasSize(1);
		// late by the test's allowance (1.7 s), not by the shipped one (48 hours)
		assertThat(prometheus.awaitFiring("AudienceSyncLate", "groobee-nightly", SCRAPED)).isTrue();
		assertThat(prometheus.query("time() - audience_sync_last_success_timestamp_seconds{sync=\"groobee-nightly\"}"
				+ " > audience_sync_last_success_max_age_seconds"))
			.isEmpty();
		// and no push was refused
		assertThat(prometheus.query("push_failure_time_seconds > 0")).isEmpty();
	}

	@Test
	void aBrazeNightPrintsAndPushesTheDataPointsItSentAndTheOnesUnchanged() throws IOException {
		Path jobs = dir.resolve("braze-jobs");
		FileSystemUtils.copyRecursively(Path.of("jobs/data/braze"), jobs.resolve("data/braze"));
		Files.copy(Path.of("jobs/braze-attributes.yml"), jobs.resolve("braze-attributes.yml"));
		String run = "run braze-attributes --sandbox --audience-sync.jobs-dir=" + jobs
				+ " --spring.datasource.url=jdbc:h2:file:" + jobs.resolve("state/audience-sync") + pushing();

		// a dry run first says what the night would send
		InProcessCli.Result dry = InProcessCli.run(run + " --param runDate=2026-11-21 --dry-run");
		assertThat(dry.code()).as(dry.out() + dry.err()).isZero();
		assertThat(dry.out()).contains("data points    12 would be sent, 0 unchanged");

		// when the sample's first night runs: four users, a row without a user rejected
		InProcessCli.Result first = InProcessCli.run(run + " --param runDate=2026-11-21");
		assertThat(first.code()).as(first.out() + first.err()).isZero();
		// then its four users' three attributes each are sent (a blank one as null, which
		// removes it at Braze)
		assertThat(first.out()).contains("data points 12 sent, 0 unchanged");

		// when the same extract runs the next night (its dry run saying so first), then
		// nothing is sent, and the report and the pushed gauge say what Braze did not
		// bill
		InProcessCli.Result nextDry = InProcessCli.run(run + " --param runDate=2026-11-22 --dry-run");
		assertThat(nextDry.out()).as(nextDry.out() + nextDry.err())
			.contains("data points    0 would be sent, 12 unchanged");
		InProcessCli.Result next = InProcessCli.run(run + " --param runDate=2026-11-22");
		assertThat(next.code()).as(next.out() + next.err()).isZero();
		assertThat(next.out()).contains("data points 0 sent, 12 unchanged");
		// (the first night's push said 0 unchanged: wait for the next one's)
		assertThat(value("audience_sync_last_run_data_points{sync=\"braze-attributes\",outcome=\"unchanged\"} == 12"))
			.isEqualTo(12);
		assertThat(value("audience_sync_last_run_data_points{sync=\"braze-attributes\",outcome=\"sent\"}")).isZero();
	}

	@Test
	void aBackfillPushesItsOutcomeAndTotalsToAGroupOfItsOwnAndNeverCountsAsTheLastSuccess() {
		String backfill = "backfill groobee-backfill --from 2026-10-01 --to 2026-10-02 --audience-sync.jobs-dir="
				+ dir.resolve("jobs") + database() + pushing();
		String group = "sync=\"groobee-backfill\"";

		// when a backfill fails on its configuration (no Groobee account: exit 2)
		InProcessCli.Result failed = InProcessCli.run(backfill);
		assertThat(failed.code()).as(failed.out() + failed.err()).isEqualTo(2);

		// then it is recorded as the backfill's, and the run-failed alert fires for it
		assertThat(prometheus.awaitQuery(
				"audience_sync_last_outcome_exit_code{" + group + ",report=\"backfill\",status=\"ERROR\"} == 2",
				(result) -> !result.isEmpty(), SCRAPED))
			.hasSize(1);
		assertThat(prometheus.awaitQuery(
				"ALERTS{alertname=\"AudienceSyncFailed\"," + group + ",report=\"backfill\",alertstate=\"firing\"}",
				(result) -> !result.isEmpty(), SCRAPED))
			.hasSize(1);

		// when it runs: two days of the same 15 rows, 10 good ones (the second day finds
		// them held, but one)
		InProcessCli.Result good = InProcessCli.run(backfill + " --sandbox");
		assertThat(good.code()).as(good.out() + good.err()).isZero();

		// then its outcome and its two runs' totals replace the failed one's
		assertThat(prometheus.awaitQuery(
				"audience_sync_last_outcome_exit_code{" + group + ",report=\"backfill\",status=\"COMPLETED\"} == 0",
				(result) -> !result.isEmpty(), SCRAPED))
			.hasSize(1);
		assertThat(value("audience_sync_last_run_rows_read{" + group + ",report=\"backfill\"}")).isEqualTo(30);
		assertThat(value(
				"sum(audience_sync_last_run_rows{" + group + ",report=\"backfill\",outcome=~\"delivered|unchanged\"})"))
			.isEqualTo(20);
		assertThat(value("audience_sync_last_run_rows{" + group + ",report=\"backfill\",outcome=\"rejected\"}"))
			.isEqualTo(10);
		assertThat(prometheus.awaitQuery("ALERTS{alertname=\"AudienceSyncFailed\"," + group + "}", JsonNode::isEmpty,
				SCRAPED))
			.isEmpty();
		// and past dates are not the schedule's success: no last success, no nightly run
		assertThat(prometheus.query("audience_sync_last_success_timestamp_seconds{" + group + "}")).isEmpty();
		assertThat(prometheus.query("audience_sync_last_run_rows_read{" + group + ",report=\"last_run\"}")).isEmpty();
	}

	@Test
	void everyDashboardQueryReturnsDataAndTheAlertsFireInTheirSituations() throws IOException {
		// given a run with rejected rows (5 of 15), and one that met 503s and a rate
		// limit
		InProcessCli.Result demo = InProcessCli
			.run("run groobee-demo --sandbox --param runDate=2026-11-21" + database() + pushing());
		assertThat(demo.code()).as(demo.out() + demo.err()).isZero();
		sandbox.emulator("hackle").failNextWithHttpStatus(2, 503, null);
		String hackle = sandbox.server()
			.clientProperties("hackle")
			.entrySet()
			.stream()
			.map((entry) -> " --" + entry.getKey() + "=" + entry.getValue())
			.collect(Collectors.joining());
		InProcessCli.Result run = InProcessCli.run("run hackle-properties --param runDate=2026-11-21" + hackle
				+ " --audience-sync.destinations.hackle.rate-limit.requests=1000"
				+ " --audience-sync.destinations.hackle.rate-limit.window=1s --audience-sync.retry.sleep=false"
				+ database() + pushing());
		assertThat(run.code()).as(run.out() + run.err()).isZero();
		String pushed = prometheus.gatewayMetrics();
		assertThat(pushed)
			.contains("audience_sync_retries_total{endpoint=\"properties\",instance=\"\","
					+ "job=\"audience-sync\",reason=\"unavailable\",sync=\"hackle-properties\",vendor=\"hackle\"} 2")
			// a completed run's error tag
			.containsPattern(
					"spring_batch_job_seconds_count\\{error=\"none\",[^}]*spring_batch_job_name=\"groobee-demo\","
							+ "spring_batch_job_status=\"COMPLETED\"[^}]*} 1")
			// items are not observed one by one (a cost per row), and no personal data in
			// a
			// label
			.doesNotContain("spring_batch_item_read")
			.doesNotContain("010-");
		prometheus.awaitQuery("audience_sync_last_run_rows_read{sync=\"hackle-properties\"}",
				(result) -> !result.isEmpty(), SCRAPED);
		prometheus.awaitQuery("jvm_memory_used_bytes{sync=\"hackle-properties\"}", (result) -> !result.isEmpty(),
				SCRAPED);

		// when each of the dashboard's queries runs, for every sync and for one
		JsonNode dashboard = JsonMapper.builder().build().readTree(Files.readString(Path.of("k8s/dashboard.json")));
		List<String> queries = new ArrayList<>();
		for (JsonNode panel : dashboard.get("panels")) {
			for (JsonNode target : panel.get("targets")) {
				String expr = target.get("expr").asString();
				assertThat(expr).as(panel.get("title").asString() + " honours $sync").contains("=~\"$sync\"");
				queries.add(expr);
			}
		}
		queries.add(dashboard.get("templating")
			.get("list")
			.get(0)
			.get("query")
			.asString()
			.replaceFirst("^label_values\\((.*), sync\\)$", "$1"));

		// then each returns data
		assertThat(queries).hasSizeGreaterThan(12).allSatisfy((query) -> {
			for (String sync : List.of(".*", "hackle-properties")) {
				assertThat(prometheus.query(query.replace("$sync", sync))).as(query + " for " + sync).isNotEmpty();
			}
		});
		// the true rate: rows read over the time the run's attempts took
		double rate = value(prometheus.query("audience_sync_last_run_rows_read{sync=\"hackle-properties\"}"
				+ " / audience_sync_last_run_attempts_seconds{sync=\"hackle-properties\"}"));
		assertThat(rate).isPositive();

		// and a run that rejected a third of its rows fires its alert
		assertThat(prometheus.awaitFiring("AudienceSyncRejectedRows", "groobee-demo", SCRAPED)).isTrue();

		// and a push the Pushgateway refuses (a series of another type than the one
		// pushed
		// before) fires its alert
		assertThat(prometheus.put("/metrics/job/audience-sync/sync/refused",
				"# TYPE audience_sync_last_run_rows_read counter\naudience_sync_last_run_rows_read 1\n"))
			.isEqualTo(400);
		assertThat(prometheus.awaitFiring("AudienceSyncPushFailed", "refused", SCRAPED)).isTrue();
		assertThat(Stream.of("groobee-demo", "hackle-properties")).noneMatch((sync) -> prometheus.firing()
			.stream()
			.anyMatch((alert) -> "AudienceSyncPushFailed".equals(alert.path("alertname").asString())
					&& sync.equals(alert.path("sync").asString())));
	}

	@Test
	void aFailedRunIsTaggedWithTheExceptionThatFailedIt() {
		// given a vendor that answers 503 to every request
		sandbox.emulator("hackle").failNextWithHttpStatus(1000, 503, null);
		String hackle = sandbox.server()
			.clientProperties("hackle")
			.entrySet()
			.stream()
			.map((entry) -> " --" + entry.getKey() + "=" + entry.getValue())
			.collect(Collectors.joining());

		// when a run fails on it
		InProcessCli.Result run;
		try {
			run = InProcessCli.run("run hackle-consents --param runDate=2026-11-21" + hackle
					+ " --audience-sync.retry.sleep=false" + database() + pushing());
		}
		finally {
			sandbox.emulator("hackle").clearFaults();
		}
		assertThat(run.code()).as(run.out() + run.err()).isEqualTo(1);

		// then its job series says FAILED, with what failed it rather than "none"
		JsonNode failed = prometheus.awaitQuery(
				"spring_batch_job_seconds_count{spring_batch_job_name=\"hackle-consents\",spring_batch_job_status=\"FAILED\"}",
				(result) -> !result.isEmpty(), SCRAPED);
		assertThat(failed).hasSize(1);
		assertThat(failed.get(0).get("metric").get("error").asString()).isNotIn("none", "IllegalStateException");
		System.out.println("a failed run's error tag: " + failed.get(0).get("metric").get("error").asString());
		// and its outcome and last run say it too
		assertThat(value("audience_sync_last_outcome_exit_code{sync=\"hackle-consents\",status=\"FAILED\"}"))
			.isEqualTo(1);
		assertThat(prometheus.query("audience_sync_last_run_status{sync=\"hackle-consents\",status=\"FAILED\"}"))
			.hasSize(1);
		assertThat(prometheus.query("audience_sync_last_success_timestamp_seconds{sync=\"hackle-consents\"}"))
			.isEmpty();
	}

}
