package com.audiencesync.batch.recovery;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import com.audiencesync.ChildJvm;
import com.audiencesync.TestExtracts;
import com.audiencesync.destination.emulator.Emulator;
import com.audiencesync.sandbox.Sandbox;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

import static com.audiencesync.TestExtracts.members;
import static com.audiencesync.TestExtracts.phone;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A run on the default local job repository (the H2 file under {@code data/}), in its own
 * JVM, stopped by SIGTERM (Ctrl-C sends its sibling) or killed by SIGKILL: H2's own
 * shutdown must not close the repository under the running chunk, and a kill must not
 * lose a committed chunk.
 */
@Tag("slow")
class LocalRepositorySignalsIntegrationTests {

	static final String KEY = "local-key-" + UUID.randomUUID();

	static final int ROWS = 3000;

	static final int CHUNK = 100;

	@RegisterExtension
	static final Sandbox sandbox = Sandbox.perTest(KEY);

	@TempDir
	Path dir;

	private Emulator groobee() {
		return sandbox.emulator("groobee");
	}

	private Process run(Path log) throws Exception {
		members(this.dir, "data/members.csv", 0, ROWS, List.of(), List.of());
		Path spec = TestExtracts.groobeeSpec(this.dir, "local", "data/members.csv", CHUNK, CHUNK, 1);
		List<String> args = new ArrayList<>(List.of("run", spec.toString(), "--param", "runDate=2026-11-22"));
		sandbox.options("groobee").properties().forEach((name, value) -> args.add("--" + name + "=" + value));
		args.addAll(List.of("--audience-sync.recovery.heartbeat=300ms", "--audience-sync.recovery.stale-after=2s"));
		return ChildJvm.start(List.of("-Xmx256m"), args, log, this.dir);
	}

	private void awaitRequests(int count, Process process) throws InterruptedException {
		long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
		while (groobee().requestCount() < count) {
			assertThat(process.isAlive()).as("the run ended before the signal").isTrue();
			assertThat(System.nanoTime()).as("requests before the deadline").isLessThan(deadline);
			Thread.sleep(20);
		}
	}

	private List<String> statuses() {
		SingleConnectionDataSource h2 = new SingleConnectionDataSource(
				"jdbc:h2:file:" + this.dir.resolve("data/audience-sync") + ";AUTO_SERVER=TRUE", "sa", "", true);
		try {
			return new JdbcTemplate(h2).queryForList("SELECT STATUS FROM BATCH_JOB_EXECUTION ORDER BY JOB_EXECUTION_ID",
					String.class);
		}
		finally {
			h2.destroy();
		}
	}

	private String finish(Process process, Path log) throws Exception {
		assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
		return Files.readString(log);
	}

	@Test
	void sigtermStopsAtAChunkBoundaryAndTheNextRunDeliversEveryRowOnce() throws Exception {
		groobee().delayEachRequest(Duration.ofMillis(100));
		Path log = this.dir.resolve("term.log");
		Process process = run(log);
		awaitRequests(4, process);

		process.destroy();
		String output = finish(process, log);

		assertThat(process.exitValue()).as(output).isEqualTo(4);
		assertThat(output).contains("STOPPED").doesNotContain("Exception");
		assertThat(statuses()).containsExactly("STOPPED");
		Path next = this.dir.resolve("next.log");
		Process again = run(next);
		assertThat(finish(again, next)).contains("execution 2: completed").contains("read        3000 rows");
		assertThat(statuses()).containsExactly("STOPPED", "COMPLETED");
		for (int i = 0; i < ROWS; i++) {
			assertThat(groobee().deliveries(phone(i))).as("deliveries of member %d", i).isEqualTo(1);
		}
	}

	@Test
	void aSigkillLosesNoCommittedChunk() throws Exception {
		groobee().delayEachRequest(Duration.ofMillis(100));
		Path log = this.dir.resolve("kill.log");
		Process process = run(log);
		awaitRequests(8, process);

		process.destroyForcibly();
		finish(process, log);
		assertThat(statuses()).containsExactly("STARTED");
		Thread.sleep(2500);

		Path next = this.dir.resolve("next.log");
		Process again = run(next);
		String output = finish(again, next);
		assertThat(again.exitValue()).as(output).isZero();
		assertThat(output).contains("recovered execution");
		int resent = 0;
		for (int i = 0; i < ROWS; i++) {
			int deliveries = groobee().deliveries(phone(i));
			assertThat(deliveries).as("deliveries of member %d", i).isPositive();
			resent += deliveries - 1;
		}
		// only the chunk in flight at the kill goes again, not the last committed ones
		assertThat(resent).isLessThanOrEqualTo(CHUNK);
	}

}
