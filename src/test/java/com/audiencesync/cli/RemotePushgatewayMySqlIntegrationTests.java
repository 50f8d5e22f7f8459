package com.audiencesync.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import com.audiencesync.AlertRules;
import com.audiencesync.ChildJvm;
import com.audiencesync.MySqlRepository;
import com.audiencesync.RabbitQueue;
import com.audiencesync.RealPrometheus;
import com.audiencesync.TestExtracts;
import com.audiencesync.destination.emulator.Emulator;
import com.audiencesync.sandbox.Sandbox;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import static com.audiencesync.TestExtracts.members;
import static com.audiencesync.TestExtracts.phone;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A manager and two worker JVMs (remote partitioning over the local RabbitMQ, MariaDB's
 * job repository) pushing to a real Pushgateway that a real Prometheus scrapes: no push
 * is refused, the manager's last-run totals are the rows the vendor got, each worker's
 * requests are in a group of its own, and the no-worker alert fires when a run's
 * partitions wait with the workers gone. Skipped, loudly, without a RabbitMQ.
 */
@Tag("mysql")
class RemotePushgatewayMySqlIntegrationTests {

	static final String KEY = "remote-metrics-key-" + UUID.randomUUID();

	static final int FILES = 4;

	static final int ROWS = 400;

	static final int CHUNK = 50;

	private static final Duration SCRAPED = Duration.ofSeconds(20);

	@RegisterExtension
	static final Sandbox sandbox = Sandbox.perTest(KEY);

	@TempDir
	Path dir;

	@RegisterExtension
	final RabbitQueue rabbit = new RabbitQueue();

	private RealPrometheus prometheus;

	@BeforeEach
	void start() throws IOException {
		this.prometheus = RealPrometheus.start(this.dir.resolve("prometheus"),
				List.of(AlertRules.forTests(this.dir.resolve("rules"))));
	}

	@AfterEach
	void stop() {
		this.rabbit.killAll();
		if (this.prometheus != null) {
			this.prometheus.close();
		}
	}

	private List<String> common() {
		List<String> args = new ArrayList<>(MySqlRepository.arguments());
		sandbox.options("groobee").properties().forEach((name, value) -> args.add("--" + name + "=" + value));
		String pushgateway = "--management.prometheus.metrics.export.pushgateway.";
		args.addAll(
				List.of("--audience-sync.jobs-dir=" + this.dir, "--audience-sync.remote.queue=" + this.rabbit.name(),
						"--audience-sync.remote.poll-interval=200ms", pushgateway + "enabled=true",
						pushgateway + "address=" + this.prometheus.gatewayAddress(), pushgateway + "push-rate=1s"));
		return args;
	}

	private Process worker(String name) throws Exception {
		List<String> args = new ArrayList<>(List.of("worker"));
		args.addAll(common());
		Process worker = ChildJvm.start(List.of("-Xmx256m"), args, this.dir.resolve(name + ".log"));
		this.rabbit.keep(worker);
		return worker;
	}

	private Emulator groobee() {
		return sandbox.emulator("groobee");
	}

	private double value(String promql) {
		JsonNode result = this.prometheus.awaitQuery(promql, (found) -> !found.isEmpty(), SCRAPED);
		assertThat(result).as(promql).hasSize(1);
		return Double.parseDouble(result.get(0).get("value").get(1).asString());
	}

	@Test
	void aManagerAndTwoWorkersPushWithoutConflictAndTheManagersTotalsAreTheRowsSent() throws Exception {
		// given two workers pushing every second, and a slow vendor so that both work
		String job = "remote-metrics-" + UUID.randomUUID().toString().substring(0, 8);
		for (int f = 0; f < FILES; f++) {
			members(this.dir, "data/part-" + f + ".csv", f * ROWS, ROWS, List.of(), List.of());
		}
		TestExtracts.groobeeSpec(this.dir, job, "data", CHUNK, CHUNK, FILES);
		groobee().delayEachRequest(Duration.ofMillis(20));
		worker("a");
		worker("b");

		// when the manager runs the sync with its partitions handed out
		List<String> args = new ArrayList<>(List.of("run", job, "--remote", "--param", "runDate=2026-11-22"));
		args.addAll(common());
		Process manager = ChildJvm.start(List.of("-Xmx256m"), args, this.dir.resolve("manager.log"));
		assertThat(manager.waitFor(180, TimeUnit.SECONDS)).isTrue();
		String output = Files.readString(this.dir.resolve("manager.log"));
		assertThat(manager.exitValue()).as(output).isZero();

		// then the manager's totals are the rows the vendor got
		int sent = 0;
		for (int i = 0; i < FILES * ROWS; i++) {
			sent += groobee().deliveries(phone(i));
		}
		assertThat(sent).isEqualTo(FILES * ROWS);
		String sync = "sync=\"" + job + "\"";
		assertThat(value("audience_sync_last_run_rows{" + sync + ",outcome=\"delivered\"}")).isEqualTo(sent);
		assertThat(value("audience_sync_last_run_rows_read{" + sync + "}")).isEqualTo(FILES * ROWS);
		assertThat(value("audience_sync_last_outcome_exit_code{" + sync + ",status=\"COMPLETED\"}")).isZero();
		// each worker in a group of its own, whose requests add up to the vendor's count
		JsonNode groups = this.prometheus.awaitQuery("push_time_seconds{worker!=\"\"}", (found) -> found.size() == 2,
				SCRAPED);
		assertThat(groups).hasSize(2);
		assertThat(this.prometheus.awaitQuery(
				"sum(audience_sync_requests_seconds_count{" + sync + ",worker!=\"\"}) == " + groobee().requestCount(),
				(found) -> !found.isEmpty(), SCRAPED))
			.as("the workers' requests, %d at the vendor", groobee().requestCount())
			.hasSize(1);
		// and no push was ever refused
		assertThat(this.prometheus.gatewayMetrics()).contains("push_time_seconds");
		assertThat(this.prometheus.query("push_failure_time_seconds > 0")).isEmpty();
		assertThat(this.prometheus.firing()).isEmpty();

		// when the workers are gone (SIGKILL: they push nothing more), no run waits: no
		// night is lost, and the no-worker alert stays quiet
		this.rabbit.killAll();
		assertThat(this.prometheus.awaitFiring("AudienceSyncNoWorker", null, Duration.ofSeconds(5))).isFalse();

		// when the next night's manager hands its partitions out, and no worker takes
		// them
		List<String> next = new ArrayList<>(List.of("run", job, "--remote", "--param", "runDate=2026-11-23",
				"--audience-sync.remote.worker-warning=2s", "--audience-sync.remote.worker-timeout=40s"));
		next.addAll(common());
		Process waiting = ChildJvm.start(List.of("-Xmx256m"), next, this.dir.resolve("waiting.log"));
		this.rabbit.keep(waiting);

		// then the no-worker alert fires for that sync while it waits
		assertThat(this.prometheus.awaitFiring("AudienceSyncNoWorker", job, Duration.ofSeconds(40))).isTrue();
		assertThat(value("audience_sync_remote_partitions_waiting{" + sync + "}")).isEqualTo(FILES);
		// and once the manager gives up (exit 1), it is the failed run that alerts
		assertThat(waiting.waitFor(120, TimeUnit.SECONDS)).isTrue();
		assertThat(waiting.exitValue()).as(Files.readString(this.dir.resolve("waiting.log"))).isEqualTo(1);
		assertThat(this.prometheus.awaitQuery("ALERTS{alertname=\"AudienceSyncNoWorker\",alertstate=\"firing\"}",
				JsonNode::isEmpty, SCRAPED))
			.isEmpty();
		assertThat(this.prometheus.awaitFiring("AudienceSyncFailed", job, SCRAPED)).isTrue();
	}

}
