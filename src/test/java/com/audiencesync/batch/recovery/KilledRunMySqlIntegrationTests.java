package com.audiencesync.batch.recovery;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import com.audiencesync.KilledRuns;
import com.audiencesync.MySqlRepository;
import com.audiencesync.TestExtracts;
import com.audiencesync.destination.emulator.Emulator;
import com.audiencesync.sandbox.Sandbox;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.jdbc.core.JdbcTemplate;

import static com.audiencesync.TestExtracts.members;
import static com.audiencesync.TestExtracts.phone;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A run in its own JVM on MariaDB, killed as the kubelet kills a pod: SIGKILL mid-chunk
 * (nothing runs, not even shutdown hooks) or SIGTERM (a clean stop at the next chunk
 * boundary). The next run of the date heals it.
 */
@Tag("mysql")
class KilledRunMySqlIntegrationTests {

	static final String KEY = "kill-key-" + UUID.randomUUID();

	static final String DATE = "2026-11-22";

	static final int ROWS = 6000;

	static final int CHUNK = 200;

	@RegisterExtension
	static final Sandbox sandbox = new Sandbox(KEY);

	@TempDir
	Path dir;

	final JdbcTemplate jdbc = MySqlRepository.jdbc();

	Emulator groobee() {
		return sandbox.emulator("groobee");
	}

	Path spec(String job) {
		members(this.dir, "data/members.csv", 0, ROWS, List.of(), List.of());
		return TestExtracts.groobeeSpec(this.dir, job, "data/members.csv", CHUNK, CHUNK, 1);
	}

	/** Settings every run of the class is started with, besides the repository's. */
	List<String> settings() {
		return List.of();
	}

	Process run(Path spec, Path log) throws Exception {
		return run(spec, DATE, log);
	}

	Process run(Path spec, String date, Path log) throws Exception {
		return KilledRuns.run(spec, date, settings(), sandbox.options("groobee").properties(), log);
	}

	void awaitRequests(int count, Process process) throws InterruptedException {
		KilledRuns.awaitRequests(groobee(), count, process);
	}

	List<String> statuses(String job) {
		return this.jdbc.queryForList(
				"SELECT e.STATUS FROM BATCH_JOB_EXECUTION e JOIN BATCH_JOB_INSTANCE i "
						+ "ON e.JOB_INSTANCE_ID = i.JOB_INSTANCE_ID WHERE i.JOB_NAME = ? ORDER BY e.JOB_EXECUTION_ID",
				String.class, job);
	}

	@Test
	void aRunKilledThreeTimesWithSigkillIsRecoveredEachTimeAndDeliversEveryRow() throws Exception {
		String job = "killed-" + UUID.randomUUID().toString().substring(0, 8);
		Path spec = spec(job);
		groobee().delayEachRequest(Duration.ofMillis(150));

		for (int kill = 1; kill <= 3; kill++) {
			// given a run part way through its rows
			Path log = this.dir.resolve("run-" + kill + ".log");
			Process process = run(spec, log);
			awaitRequests(groobee().requestCount() + 4, process);

			// when the kubelet kills it
			process.destroyForcibly();
			assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
			assertThat(process.exitValue()).as("killed by SIGKILL").isEqualTo(137);

			// then it is left STARTED, as a dead process leaves it
			assertThat(statuses(job)).last().isEqualTo("STARTED");
			if (kill > 1) {
				assertThat(Files.readString(log)).contains("recovered: the process running it died");
			}
			Thread.sleep(2500);
		}

		// when the next night (or the CronJob's retry) runs the date
		Path log = this.dir.resolve("run-final.log");
		Process last = run(spec, log);
		assertThat(last.waitFor(180, TimeUnit.SECONDS)).isTrue();
		String output = Files.readString(log);

		// then it recovers the third attempt, completes, and every row was delivered
		assertThat(last.exitValue()).as(output).isZero();
		assertThat(output).contains("recovered execution").contains("; completed").contains("read        6000 rows");
		assertThat(statuses(job)).containsExactly("FAILED", "FAILED", "FAILED", "COMPLETED");
		assertThat(this.jdbc.queryForList(
				"SELECT e.EXIT_MESSAGE FROM BATCH_JOB_EXECUTION e JOIN BATCH_JOB_INSTANCE i "
						+ "ON e.JOB_INSTANCE_ID = i.JOB_INSTANCE_ID WHERE i.JOB_NAME = ? AND e.STATUS = 'FAILED'",
				String.class, job))
			.hasSize(3)
			.allSatisfy((message) -> assertThat(message).contains("recovered: the process running it died"));
		int resent = 0;
		for (int i = 0; i < ROWS; i++) {
			int deliveries = groobee().deliveries(phone(i));
			assertThat(deliveries).as("deliveries of member %d", i).isPositive();
			resent += deliveries - 1;
		}
		// at least once: at most the chunk in flight at each kill goes again
		assertThat(resent).isLessThanOrEqualTo(3 * CHUNK);
	}

	@Test
	void sigtermStopsAtAChunkBoundaryExitsFourAndTheNextRunDeliversEveryRowOnce() throws Exception {
		String job = "sigterm-" + UUID.randomUUID().toString().substring(0, 8);
		Path spec = spec(job);
		groobee().delayEachRequest(Duration.ofMillis(150));
		Path log = this.dir.resolve("run-term.log");
		Process process = run(spec, log);
		awaitRequests(groobee().requestCount() + 4, process);

		// when the pod is deleted: SIGTERM
		process.destroy();
		assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
		String output = Files.readString(log);

		// then the chunk in flight commits and the run ends STOPPED, exit 4
		assertThat(process.exitValue()).as(output).isEqualTo(4);
		assertThat(output).contains("stop requested (SIGTERM)").contains("STOPPED");
		assertThat(statuses(job)).containsExactly("STOPPED");

		// and the next run completes with every row delivered exactly once
		Process next = run(spec, this.dir.resolve("run-after-term.log"));
		assertThat(next.waitFor(180, TimeUnit.SECONDS)).isTrue();
		assertThat(next.exitValue()).as(Files.readString(this.dir.resolve("run-after-term.log"))).isZero();
		assertThat(statuses(job)).containsExactly("STOPPED", "COMPLETED");
		for (int i = 0; i < ROWS; i++) {
			assertThat(groobee().deliveries(phone(i))).as("deliveries of member %d", i).isEqualTo(1);
		}
	}

}
