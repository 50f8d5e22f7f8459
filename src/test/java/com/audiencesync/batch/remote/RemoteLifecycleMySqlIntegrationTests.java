package com.audiencesync.batch.remote;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import com.audiencesync.ChildJvm;
import com.audiencesync.MySqlRepository;
import com.audiencesync.RabbitQueue;
import com.audiencesync.TestExtracts;
import com.audiencesync.destination.emulator.Emulator;
import com.audiencesync.sandbox.Sandbox;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static com.audiencesync.TestExtracts.members;
import static com.audiencesync.TestExtracts.phone;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * How remote runs end, on MariaDB and the local RabbitMQ, as an operator sees it: a
 * manager with no worker warns, then fails; a manager stopped with no worker stops at
 * once, no step left STARTED; a worker stopped mid-run leaves its partition at a chunk
 * boundary to another; a worker skips, out loud, the messages of a run that is over;
 * structured logs of a manager and a worker are JSON, every line of the run naming its
 * job and execution. Skipped, loudly, without a RabbitMQ.
 */
@Tag("mysql")
class RemoteLifecycleMySqlIntegrationTests {

	static final String KEY = "remote-lifecycle-key-" + UUID.randomUUID();

	static final int FILES = 4;

	static final int ROWS = 200;

	static final int CHUNK = 20;

	@RegisterExtension
	static final Sandbox sandbox = Sandbox.perTest(KEY);

	@TempDir
	Path dir;

	@RegisterExtension
	final RabbitQueue rabbit = new RabbitQueue();

	private String job(String prefix) {
		String job = prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
		for (int f = 0; f < FILES; f++) {
			members(this.dir, "data/part-" + f + ".csv", f * ROWS, ROWS, List.of(), List.of());
		}
		TestExtracts.groobeeSpec(this.dir, job, "data", CHUNK, CHUNK, FILES);
		return job;
	}

	private Process start(String log, List<String> command, String... more) throws Exception {
		List<String> args = new ArrayList<>(command);
		args.addAll(MySqlRepository.arguments());
		sandbox.options("groobee").properties().forEach((name, value) -> args.add("--" + name + "=" + value));
		args.addAll(List.of("--audience-sync.jobs-dir=" + this.dir,
				"--audience-sync.remote.queue=" + this.rabbit.name(), "--audience-sync.remote.poll-interval=200ms"));
		args.addAll(List.of(more));
		Process process = ChildJvm.start(List.of("-Xmx256m"), args, this.dir.resolve(log));
		this.rabbit.keep(process);
		return process;
	}

	private Process manager(String job, String... more) throws Exception {
		return start("manager.log", List.of("run", job, "--remote", "--param", "runDate=2026-11-22"), more);
	}

	private String log(String name) throws Exception {
		return Files.readString(this.dir.resolve(name));
	}

	private void await(String what, Duration within, Predicate<String> log, String name) throws Exception {
		long deadline = System.nanoTime() + within.toNanos();
		while (!log.test(log(name))) {
			assertThat(System.nanoTime()).as("%s within %s:%n%s", what, within, log(name)).isLessThan(deadline);
			Thread.sleep(100);
		}
	}

	private Emulator groobee() {
		return sandbox.emulator("groobee");
	}

	private List<String> stepStatuses(String job) {
		return MySqlRepository.jdbc()
			.queryForList(
					"SELECT s.STATUS FROM BATCH_STEP_EXECUTION s "
							+ "JOIN BATCH_JOB_EXECUTION e ON e.JOB_EXECUTION_ID = s.JOB_EXECUTION_ID "
							+ "JOIN BATCH_JOB_INSTANCE i ON i.JOB_INSTANCE_ID = e.JOB_INSTANCE_ID WHERE i.JOB_NAME = ?",
					String.class, job);
	}

	@Test
	void aManagerWithNoWorkerWarnsThenFailsAndALaterWorkerSkipsItsMessages() throws Exception {
		// given no worker on the queue
		String job = job("remote-none");

		// when a manager hands its partitions out
		long started = System.nanoTime();
		Process manager = manager(job, "--audience-sync.remote.worker-warning=2s",
				"--audience-sync.remote.worker-timeout=8s");
		assertThat(manager.waitFor(120, TimeUnit.SECONDS)).isTrue();
		Duration took = Duration.ofNanos(System.nanoTime() - started);
		String output = log("manager.log");

		// then it warned, naming the queue and the partitions waiting, and failed in
		// one line, exit 1, within its worker-timeout (and a JVM's start)
		System.out.printf("remote: a manager with no worker failed after %d ms (worker-timeout 8s)%n", took.toMillis());
		assertThat(manager.exitValue()).as(output).isEqualTo(1);
		assertThat(output).contains(FILES + " partition(s) wait on queue " + this.rabbit.name())
			.contains("no worker has taken one in")
			.contains("no worker took any of the " + FILES + " partition(s) on queue " + this.rabbit.name())
			.contains("audience-sync.remote.worker-timeout");
		assertThat(took).isLessThan(Duration.ofSeconds(60));
		assertThat(stepStatuses(job)).doesNotContain("STARTING", "STARTED", "STOPPING");

		// when a worker comes later, it finds the failed run's messages: skipped, out
		// loud, and nothing sent
		start("worker.log", List.of("worker"));
		await("four stale messages skipped", Duration.ofSeconds(60),
				(log) -> log.split("skipped a stale message", -1).length - 1 == FILES, "worker.log");
		// (a planned night's partitions: its plan's first)
		assertThat(log("worker.log")).contains("partition plan:part:part-0.csv of execution")
			.contains("is already FAILED");
		assertThat(groobee().requestCount()).isZero();
	}

	@Test
	void aManagerWithNoWorkerStopsAtOnceOnSigtermLeavingNoStepStarted() throws Exception {
		// given a manager waiting for workers
		String job = job("remote-stop");
		Process manager = manager(job);
		await("partitions handed out", Duration.ofSeconds(90), (log) -> stepStatuses(job).contains("STARTING"),
				"manager.log");

		// when it is sent SIGTERM
		long signalled = System.nanoTime();
		manager.destroy();
		assertThat(manager.waitFor(60, TimeUnit.SECONDS)).isTrue();
		Duration took = Duration.ofNanos(System.nanoTime() - signalled);

		// then it stops within seconds, not its grace, exit 4, and no step is left
		// STARTED
		String output = log("manager.log");
		System.out.printf("remote: a manager with no worker stopped %d ms after SIGTERM%n", took.toMillis());
		assertThat(manager.exitValue()).as(output).isEqualTo(4);
		assertThat(took).isLessThan(Duration.ofSeconds(15));
		assertThat(stepStatuses(job)).as(output).isNotEmpty().doesNotContain("STARTING", "STARTED", "STOPPING");
		assertThat(output).contains("STOPPED");
	}

	@Test
	void aWorkerStoppedMidRunLeavesItsPartitionAtAChunkBoundaryToAnother() throws Exception {
		// given one worker at work, a slow vendor
		String job = job("remote-term");
		groobee().delayEachRequest(Duration.ofMillis(100));
		Process a = start("a.log", List.of("worker"));
		Process manager = manager(job);
		long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
		while (groobee().requestCount() < 5) {
			assertThat(System.nanoTime()).as("requests before the deadline").isLessThan(deadline);
			Thread.sleep(20);
		}

		// when it is sent SIGTERM mid-partition, and another worker comes
		a.destroy();
		assertThat(a.waitFor(30, TimeUnit.SECONDS)).isTrue();
		String first = log("a.log");
		assertThat(first).contains("stopping at a chunk boundary").contains("left at a chunk boundary");
		start("b.log", List.of("worker"));

		// then the run completes, and no row is sent twice
		assertThat(manager.waitFor(180, TimeUnit.SECONDS)).isTrue();
		String output = log("manager.log");
		assertThat(manager.exitValue()).as(output).isZero();
		int resent = 0;
		for (int i = 0; i < FILES * ROWS; i++) {
			int deliveries = groobee().deliveries(phone(i));
			assertThat(deliveries).as("deliveries of member %d", i).isPositive();
			resent += deliveries - 1;
		}
		System.out.printf("remote: a worker stopped with SIGTERM mid-partition; %d row(s) sent twice (chunk %d)%n",
				resent, CHUNK);
		assertThat(resent).isZero();
	}

	@Test
	void structuredLogsOfAManagerAndAWorkerAreJsonNamingJobAndExecution() throws Exception {
		// given a worker and a manager asked for ECS logs
		String job = job("remote-json");
		start("worker.log", List.of("worker"), "--logging.structured.format.console=ecs",
				"--logging.level.org.springframework.batch.core.launch=info");
		Process manager = manager(job, "--logging.structured.format.console=ecs",
				"--logging.level.org.springframework.batch.core.launch=info");

		// when the run completes
		assertThat(manager.waitFor(180, TimeUnit.SECONDS)).isTrue();
		String output = log("manager.log");
		assertThat(manager.exitValue()).as(output).isZero();

		// then every line of both is JSON, the worker's banner and the manager's report
		// too; the run's lines name its job and execution, a partition's its partition
		JsonMapper json = JsonMapper.builder().build();
		List<JsonNode> managers = output.lines().map(json::readTree).toList();
		List<JsonNode> workers = log("worker.log").lines().map(json::readTree).toList();
		assertThat(workers).anySatisfy((line) -> assertThat(line.at("/message").asString())
			.startsWith("worker: taking partitions from queue " + this.rabbit.name()));
		String execution = managers.stream()
			.filter((
					line) -> line.at("/message").asString().startsWith("Job: [SimpleJob: [name=" + job + "]] launched"))
			.findFirst()
			.orElseThrow(() -> new AssertionError("no 'launched' line in " + output))
			.at("/execution")
			.asString();
		assertThat(execution).matches("\\d+");
		List<JsonNode> run = new ArrayList<>(managers.subList(indexOf(managers, "launched"), managers.size()));
		assertThat(run).as(output)
			.anySatisfy((line) -> assertThat(line.at("/message").asString()).contains("completed with"))
			.anySatisfy((line) -> assertThat(line.at("/message").asString()).contains("delivered   800 rows"))
			.allSatisfy((line) -> {
				assertThat(line.at("/job").asString()).as(line.toString()).isEqualTo(job);
				assertThat(line.at("/execution").asString()).as(line.toString()).isEqualTo(execution);
			});
		List<JsonNode> taken = workers.stream()
			.filter((line) -> line.at("/message").asString().contains("taken by worker"))
			.toList();
		// each file's plan, then its delivery
		assertThat(taken).hasSize(2 * FILES).allSatisfy((line) -> {
			assertThat(line.at("/job").asString()).isEqualTo(job);
			assertThat(line.at("/execution").asString()).isEqualTo(execution);
			assertThat(line.at("/partition").asString()).matches("(plan|deliver):part:part-.*");
		});
		assertThat(taken).filteredOn((line) -> line.at("/partition").asString().startsWith("deliver:")).hasSize(FILES);
		assertThat(workers.stream().filter((line) -> !line.at("/job").isMissingNode()))
			.allSatisfy((line) -> assertThat(line.at("/execution").asString()).isEqualTo(execution));
	}

	private static int indexOf(List<JsonNode> lines, String message) {
		for (int i = 0; i < lines.size(); i++) {
			if (lines.get(i).at("/message").asString().contains(message)) {
				return i;
			}
		}
		throw new AssertionError("no line with '" + message + "'");
	}

}
