package com.audiencesync.batch.recovery;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.audiencesync.ChildJvm;
import com.audiencesync.MySqlRepository;
import com.audiencesync.TcpProxy;
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
 * The job repository's database lost in the middle of a run (a failover, a network cut):
 * the run fails in one line, without a stack trace, naming what happened and what the
 * next run does; the next run recovers the execution the lost process could not end,
 * resumes from its last committed chunk and delivers every row.
 */
@Tag("mysql")
class RepositoryLostMySqlIntegrationTests {

	static final String KEY = "lost-key-" + UUID.randomUUID();

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

	private Process run(Path spec, String url, Path log, String staleAfter, String repositoryWait) throws Exception {
		return run(spec, url, log, staleAfter, repositoryWait, List.of());
	}

	private Process run(Path spec, String url, Path log, String staleAfter, String repositoryWait, List<String> more)
			throws Exception {
		List<String> args = new ArrayList<>(List.of("run", spec.toString(), "--param", "runDate=2026-11-22"));
		for (String argument : MySqlRepository.arguments()) {
			args.add(argument.startsWith("--spring.datasource.url=") ? "--spring.datasource.url=" + url : argument);
		}
		sandbox.options("groobee").properties().forEach((name, value) -> args.add("--" + name + "=" + value));
		args.addAll(List.of("--audience-sync.recovery.heartbeat=300ms",
				"--audience-sync.recovery.stale-after=" + staleAfter,
				"--audience-sync.recovery.repository-wait=" + repositoryWait,
				"--spring.datasource.hikari.connection-timeout=2000"));
		args.addAll(more);
		return ChildJvm.start(List.of("-Xmx256m"), args, log);
	}

	@Test
	void aRunThatLosesItsDatabaseFailsInOneLineAndTheNextRunCompletesIt() throws Exception {
		String job = "lost-" + UUID.randomUUID().toString().substring(0, 8);
		members(this.dir, "data/members.csv", 0, ROWS, List.of(), List.of());
		Path spec = TestExtracts.groobeeSpec(this.dir, job, "data/members.csv", CHUNK, CHUNK, 1);
		groobee().delayEachRequest(Duration.ofMillis(100));
		Path log = this.dir.resolve("run-lost.log");
		try (TcpProxy proxy = proxy()) {
			// given a run part way through its rows, when its database is lost
			Process process = runThenCut(spec, proxy, log, "2s", "1s");

			// then the run fails with one line saying so, and no stack trace
			String output = failedInOneLine(process, log);
			assertThat(output).contains(job + " for runDate 2026-11-22 (execution ")
				.contains("the next run of this date resumes from them once its heartbeat is older than "
						+ "audience-sync.recovery.stale-after (2s)");
		}
		// the lost process could not end its execution
		assertThat(statuses(job)).containsExactly("STARTED");
		Thread.sleep(2500);

		// when the database is back and the date runs again
		Path next = this.dir.resolve("run-next.log");
		Process again = run(spec, url(), next, "2s", "1s");
		assertThat(again.waitFor(180, TimeUnit.SECONDS)).isTrue();
		String output = Files.readString(next);

		// then it recovers the lost execution, completes, and every row was delivered
		assertThat(again.exitValue()).as(output).isZero();
		assertThat(output).contains("recovered execution").contains("; completed");
		assertThat(statuses(job)).containsExactly("FAILED", "COMPLETED");
		int resent = 0;
		for (int i = 0; i < ROWS; i++) {
			int deliveries = groobee().deliveries(phone(i));
			assertThat(deliveries).as("deliveries of member %d", i).isPositive();
			resent += deliveries - 1;
		}
		// at least once: the chunk whose commit was lost goes again
		assertThat(resent).isLessThanOrEqualTo(CHUNK);
	}

	@Test
	void aRunWhoseDatabaseComesBackMarksItsExecutionFailedAndTheNextRunResumesAtOnce() throws Exception {
		String job = "back-" + UUID.randomUUID().toString().substring(0, 8);
		members(this.dir, "data/members.csv", 0, ROWS, List.of(), List.of());
		Path spec = TestExtracts.groobeeSpec(this.dir, job, "data/members.csv", CHUNK, CHUNK, 1);
		groobee().delayEachRequest(Duration.ofMillis(100));
		Path log = this.dir.resolve("run-back.log");
		try (TcpProxy proxy = proxy()) {
			// given a run part way through its rows, its database lost
			Process process = runThenCut(spec, proxy, log, "10m", "60s");

			// when it comes back while the run waits for it
			long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
			while (!Files.readString(log).contains("waiting up to 60s (audience-sync.recovery.repository-wait)")) {
				assertThat(process.isAlive()).as(Files.readString(log)).isTrue();
				assertThat(System.nanoTime()).isLessThan(deadline);
				Thread.sleep(100);
			}
			proxy.restore();

			// then the run marks its execution FAILED itself, and says so in one line
			assertThat(failedInOneLine(process, log)).contains("it answered again and the execution is marked "
					+ "FAILED: the next run of this date resumes from its last committed chunk");
		}
		assertThat(statuses(job)).containsExactly("FAILED");

		// and the next run resumes at once, without waiting for the heartbeat to go stale
		Path next = this.dir.resolve("run-after-back.log");
		Process again = run(spec, url(), next, "10m", "60s");
		assertThat(again.waitFor(180, TimeUnit.SECONDS)).isTrue();
		String output = Files.readString(next);
		assertThat(again.exitValue()).as(output).isZero();
		assertThat(output).contains("restarting from its last committed chunk").contains("completed");
		for (int i = 0; i < ROWS; i++) {
			assertThat(groobee().deliveries(phone(i))).as("deliveries of member %d", i).isPositive();
		}
	}

	@Test
	void aRunWhoseDatabaseStopsAnsweringMidStatementFailsWithinItsTimeoutAndStopsBeating() throws Exception {
		String job = "stalled-" + UUID.randomUUID().toString().substring(0, 8);
		members(this.dir, "data/members.csv", 0, ROWS, List.of(), List.of());
		Path spec = TestExtracts.groobeeSpec(this.dir, job, "data/members.csv", CHUNK, CHUNK, 1);
		groobee().delayEachRequest(Duration.ofMillis(100));
		Path log = this.dir.resolve("run-stalled.log");
		try (TcpProxy proxy = proxy()) {
			// given a run part way through its rows, whose database stops answering
			// without closing anything (a hung server, a network that drops packets)
			Process process = runThen(TcpProxy::stall, spec, proxy, log, "10m", "2s",
					List.of("--audience-sync.recovery.repository-timeout=3s"));
			long stalled = System.nanoTime();

			// then the statement in flight times out, and the run fails in one line,
			// not waiting for ever while its heartbeat says it is alive
			String output = failedInOneLine(process, log);
			assertThat(Duration.ofNanos(System.nanoTime() - stalled)).as("the run's end after the stall")
				.isLessThan(Duration.ofSeconds(60));
			assertThat(output).contains(job + " for runDate 2026-11-22 (execution ");
			int sent = groobee().requestCount();
			Thread.sleep(1000);
			assertThat(groobee().requestCount()).as("nothing sent once failed").isEqualTo(sent);
		}
		// and its heartbeat is no longer written: the execution it left looks dead
		Thread.sleep(1000);
		List<java.sql.Timestamp> beats = beats(job);
		Thread.sleep(1500);
		assertThat(beats(job)).isEqualTo(beats);
	}

	/** A proxy in front of the test server. */
	private static TcpProxy proxy() throws IOException {
		Matcher server = server(url());
		return new TcpProxy(server.group(1), (server.group(2) != null) ? Integer.parseInt(server.group(2)) : 3306);
	}

	/** Starts a run through the proxy, and cuts it once five more requests were sent. */
	private Process runThenCut(Path spec, TcpProxy proxy, Path log, String staleAfter, String repositoryWait)
			throws Exception {
		return runThen(TcpProxy::cut, spec, proxy, log, staleAfter, repositoryWait, List.of());
	}

	/**
	 * Starts a run through the proxy, and does that to the proxy once five more requests
	 * were sent.
	 */
	private Process runThen(Consumer<TcpProxy> fault, Path spec, TcpProxy proxy, Path log, String staleAfter,
			String repositoryWait, List<String> more) throws Exception {
		String url = url();
		Process process = run(spec, url.replace(server(url).group(), "//127.0.0.1:" + proxy.port() + "/"), log,
				staleAfter, repositoryWait, more);
		int before = groobee().requestCount();
		long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
		while (groobee().requestCount() < before + 5) {
			assertThat(process.isAlive()).as("the run ended before its database was lost").isTrue();
			assertThat(System.nanoTime()).isLessThan(deadline);
			Thread.sleep(20);
		}
		fault.accept(proxy);
		return process;
	}

	/** The run's output, once it failed (exit 1) in one line, with no stack frame. */
	private static String failedInOneLine(Process process, Path log) throws Exception {
		assertThat(process.waitFor(120, TimeUnit.SECONDS)).as("the run ends").isTrue();
		String output = Files.readString(log);
		assertThat(process.exitValue()).as(output).isEqualTo(1);
		assertThat(output).contains("the job repository (spring.datasource.url) was lost during the run (");
		assertThat(output.lines()).as(output).noneMatch((line) -> line.matches("\\s+at .*\\(.*\\)"));
		return output;
	}

	private List<java.sql.Timestamp> beats(String job) {
		return this.jdbc.queryForList(
				"SELECT h.BEAT_AT FROM AS_HEARTBEAT h JOIN BATCH_JOB_EXECUTION e "
						+ "ON e.JOB_EXECUTION_ID = h.JOB_EXECUTION_ID JOIN BATCH_JOB_INSTANCE i "
						+ "ON i.JOB_INSTANCE_ID = e.JOB_INSTANCE_ID WHERE i.JOB_NAME = ?",
				java.sql.Timestamp.class, job);
	}

	private List<String> statuses(String job) {
		return this.jdbc.queryForList(
				"SELECT e.STATUS FROM BATCH_JOB_EXECUTION e JOIN BATCH_JOB_INSTANCE i "
						+ "ON e.JOB_INSTANCE_ID = i.JOB_INSTANCE_ID WHERE i.JOB_NAME = ? ORDER BY e.JOB_EXECUTION_ID",
				String.class, job);
	}

	private static String url() {
		return MySqlRepository.arguments()
			.stream()
			.filter((argument) -> argument.startsWith("--spring.datasource.url="))
			.findFirst()
			.orElseThrow()
			.substring("--spring.datasource.url=".length());
	}

	private static Matcher server(String url) {
		Matcher server = Pattern.compile("//([^:/]+)(?::(\\d+))?/").matcher(url);
		assertThat(server.find()).as(url).isTrue();
		return server;
	}

}
