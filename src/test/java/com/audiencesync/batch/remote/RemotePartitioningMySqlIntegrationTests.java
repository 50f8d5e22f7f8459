package com.audiencesync.batch.remote;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

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

import static com.audiencesync.TestExtracts.members;
import static com.audiencesync.TestExtracts.phone;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A manager and two worker JVMs on MariaDB and the local RabbitMQ: the manager hands its
 * 8 partitions out over the queue, the workers share them, and a worker killed with
 * SIGKILL mid-partition leaves it to the other. Skipped, loudly, without a RabbitMQ.
 */
@Tag("mysql")
class RemotePartitioningMySqlIntegrationTests {

	static final String KEY = "remote-key-" + UUID.randomUUID();

	static final int FILES = 8;

	static final int ROWS = 400;

	static final int CHUNK = 50;

	@RegisterExtension
	static final Sandbox sandbox = Sandbox.perTest(KEY);

	@TempDir
	Path dir;

	@RegisterExtension
	final RabbitQueue rabbit = new RabbitQueue();

	Path spec(String job) {
		for (int f = 0; f < FILES; f++) {
			members(this.dir, "data/part-" + f + ".csv", f * ROWS, ROWS, List.of(), List.of());
		}
		return TestExtracts.groobeeSpec(this.dir, job, "data", CHUNK, CHUNK, FILES);
	}

	/** What the manager and the workers are all started with. */
	List<String> common() {
		List<String> args = new ArrayList<>(MySqlRepository.arguments());
		sandbox.options("groobee").properties().forEach((name, value) -> args.add("--" + name + "=" + value));
		args.addAll(
				List.of("--audience-sync.jobs-dir=" + this.dir, "--audience-sync.remote.queue=" + this.rabbit.name(),
						"--audience-sync.remote.poll-interval=200ms", "--audience-sync.state.snapshots=" + planned()));
		return args;
	}

	/**
	 * Whether the runs are planned: not here, where the per-key table is what partitions
	 * share ({@link PlannedRemotePartitioningMySqlIntegrationTests} runs them planned,
	 * the default).
	 */
	boolean planned() {
		return false;
	}

	/** The partitions a run hands out: one a file. */
	int partitionsPerRun() {
		return FILES;
	}

	Process worker(String name) throws Exception {
		return worker(name, common());
	}

	Process worker(String name, List<String> settings) throws Exception {
		List<String> args = new ArrayList<>(List.of("worker"));
		args.addAll(settings);
		Process worker = ChildJvm.start(List.of("-Xmx256m"), args, this.dir.resolve(name + ".log"));
		this.rabbit.keep(worker);
		return worker;
	}

	Process manager(String job) throws Exception {
		return manager(job, "2026-11-22", "manager.log");
	}

	Process manager(String job, String runDate, String log) throws Exception {
		List<String> args = new ArrayList<>(List.of("run", job, "--remote", "--param", "runDate=" + runDate));
		args.addAll(common());
		return ChildJvm.start(List.of("-Xmx256m"), args, this.dir.resolve(log));
	}

	int taken(String worker) throws Exception {
		return (int) Pattern.compile("taken by worker")
			.matcher(Files.readString(this.dir.resolve(worker + ".log")))
			.results()
			.count();
	}

	Emulator groobee() {
		return sandbox.emulator("groobee");
	}

	@Test
	void eightPartitionsAreSharedByTwoWorkersAndEveryRowIsDeliveredOnce() throws Exception {
		// given two workers and a slow vendor, so that neither takes every partition
		String job = "remote-" + UUID.randomUUID().toString().substring(0, 8);
		spec(job);
		groobee().delayEachRequest(Duration.ofMillis(20));
		worker("a");
		worker("b");

		// when the manager runs the job with its partitions handed out
		Process manager = manager(job);
		assertThat(manager.waitFor(180, TimeUnit.SECONDS)).isTrue();
		String output = Files.readString(this.dir.resolve("manager.log"));

		// then it completes, every row delivered once, the partitions spread over both
		assertThat(manager.exitValue()).as(output).isZero();
		assertThat(output).contains("8 partition(s)").contains("delivered   3200 rows");
		for (int i = 0; i < FILES * ROWS; i++) {
			assertThat(groobee().deliveries(phone(i))).as("deliveries of member %d", i).isEqualTo(1);
		}
		System.out.printf("remote partitioning: worker a ran %d partition(s), worker b %d%n", taken("a"), taken("b"));
		assertThat(taken("a") + taken("b")).isEqualTo(partitionsPerRun());
		assertThat(taken("a")).isPositive();
		assertThat(taken("b")).isPositive();
	}

	@Test
	void twoRunsOfOneJobOnOneQueueEachEndWithTheirOwnPartitions() throws Exception {
		// given two nights of one job started at once, on one queue (spring-batch#4945:
		// with
		// replies, one could be marked complete by the other's)
		String job = "remote-two-" + UUID.randomUUID().toString().substring(0, 8);
		spec(job);
		groobee().delayEachRequest(Duration.ofMillis(10));
		worker("a");
		worker("b");
		Process first = manager(job, "2026-11-22", "first.log");
		Process second = manager(job, "2026-11-23", "second.log");

		// then both complete, each having read its own 8 partitions' rows
		for (String log : List.of("first.log", "second.log")) {
			Process manager = log.equals("first.log") ? first : second;
			assertThat(manager.waitFor(180, TimeUnit.SECONDS)).isTrue();
			String output = Files.readString(this.dir.resolve(log));
			assertThat(manager.exitValue()).as(output).isZero();
			assertThat(output).contains("COMPLETED").contains("8 partition(s)").contains("read        3200 rows");
		}
		assertThat(taken("a") + taken("b")).isEqualTo(2 * partitionsPerRun());
		for (int i = 0; i < FILES * ROWS; i++) {
			assertThat(groobee().deliveries(phone(i))).as("deliveries of member %d", i).isPositive();
		}
	}

	@Test
	void aWorkerKilledMidPartitionLeavesItToTheOtherAndNoRowIsLost() throws Exception {
		// given one worker at work on the run's partitions
		String job = "remote-kill-" + UUID.randomUUID().toString().substring(0, 8);
		spec(job);
		groobee().delayEachRequest(Duration.ofMillis(40));
		Process a = worker("a");
		Process manager = manager(job);
		long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
		while (groobee().requestCount() < 5) {
			assertThat(System.nanoTime()).as("requests before the deadline").isLessThan(deadline);
			Thread.sleep(20);
		}

		// when it is killed mid-partition, and a second worker is there
		a.destroyForcibly();
		assertThat(a.waitFor(30, TimeUnit.SECONDS)).isTrue();
		worker("b");

		// then the run completes on the other worker, no row lost, at most the chunk in
		// flight sent twice
		assertThat(manager.waitFor(180, TimeUnit.SECONDS)).isTrue();
		String output = Files.readString(this.dir.resolve("manager.log"));
		assertThat(manager.exitValue()).as(output).isZero();
		int resent = 0;
		for (int i = 0; i < FILES * ROWS; i++) {
			int deliveries = groobee().deliveries(phone(i));
			assertThat(deliveries).as("deliveries of member %d", i).isPositive();
			resent += deliveries - 1;
		}
		System.out.printf("remote partitioning: a worker killed with SIGKILL mid-partition; %d row(s) sent twice "
				+ "(chunk %d); worker b ran %d partition(s)%n", resent, CHUNK, taken("b"));
		assertThat(resent).isLessThanOrEqualTo(CHUNK);
		assertThat(taken("b")).isGreaterThanOrEqualTo(partitionsPerRun() - taken("a") + 1);
	}

}
