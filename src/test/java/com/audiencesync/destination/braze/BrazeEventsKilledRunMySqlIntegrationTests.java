package com.audiencesync.destination.braze;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import com.audiencesync.ChildJvm;
import com.audiencesync.MySqlRepository;
import com.audiencesync.TestExtracts;
import com.audiencesync.destination.braze.emulator.BrazeEmulator;
import com.audiencesync.sandbox.Sandbox;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Braze events are at least once, and Braze never deduplicates them: a run of four
 * partitions in its own JVM on MariaDB, killed with SIGKILL twice mid-run, resends at
 * most the chunk in flight per partition at each kill, each resent event with the same
 * {@code _audience_sync_id} as its first copy.
 */
@Tag("mysql")
class BrazeEventsKilledRunMySqlIntegrationTests {

	static final String KEY = "braze-kill-key-" + UUID.randomUUID();

	static final int PARTITIONS = 4;

	static final int EVENTS = 1500;

	static final int CHUNK = 150;

	static final int KILLS = 2;

	@RegisterExtension
	static final Sandbox sandbox = new Sandbox(KEY);

	@TempDir
	Path dir;

	BrazeEmulator braze() {
		return sandbox.emulator("braze", BrazeEmulator.class);
	}

	@Test
	void eventsResentAfterSigkillAreAtMostTheChunkInFlightPerPartitionAndCarryTheirFirstId() throws Exception {
		String job = "braze-events-killed-" + UUID.randomUUID().toString().substring(0, 8);
		for (int f = 0; f < PARTITIONS; f++) {
			StringBuilder csv = new StringBuilder("user_id,event,at,amount\n");
			for (int i = 0; i < EVENTS; i++) {
				csv.append("u-").append(f).append('-').append(i % 300).append(",order_placed,2026-11-22 10:");
				csv.append(String.format("%02d", i % 60)).append(":00,").append(i).append('\n');
			}
			TestExtracts.write(this.dir.resolve("data/orders-" + f + ".csv"), csv.toString());
		}
		Path spec = TestExtracts.write(this.dir.resolve(job + ".yml"), """
				name: %s
				source: { type: file, path: %s, format: csv }
				mapping:
				  fields:
				    externalId: user_id
				    name: event
				    time: { column: at, type: timestamp }
				  properties:
				    fields:
				      amount: { column: amount, type: integer }
				destination: { vendor: braze, endpoint: events }
				chunk: %d
				concurrency: %d
				""".formatted(job, this.dir.resolve("data"), CHUNK, PARTITIONS));
		braze().delayEachRequest(Duration.ofMillis(60));

		for (int kill = 1; kill <= KILLS; kill++) {
			// given a run part way through its events
			Process process = run(spec, this.dir.resolve("run-" + kill + ".log"));
			awaitRequests(braze().requestCount() + 12, process);

			// when the kubelet kills it
			process.destroyForcibly();
			assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
			assertThat(process.exitValue()).as("killed by SIGKILL").isEqualTo(137);
			// past the repository's stale-after, so the next run recovers it
			Thread.sleep(2500);
		}

		// when the date runs again
		Path log = this.dir.resolve("run-final.log");
		Process last = run(spec, log);
		assertThat(last.waitFor(180, TimeUnit.SECONDS)).isTrue();
		assertThat(last.exitValue()).as(Files.readString(log)).isZero();

		// then every event arrived, and those sent twice are at most the chunk in flight
		// in each partition at each kill, each copy with its first copy's id
		List<Map<String, Object>> events = braze().events();
		Map<Object, Long> byId = events.stream()
			.collect(Collectors.groupingBy((event) -> ((Map<?, ?>) event.get("properties")).get("_audience_sync_id"),
					Collectors.counting()));
		assertThat(byId).hasSize(PARTITIONS * EVENTS);
		assertThat(byId.values()).allSatisfy((copies) -> assertThat(copies).isBetween(1L, 1L + KILLS));
		long resent = events.size() - (long) PARTITIONS * EVENTS;
		System.out.printf("braze events killed %d times: %d events, %d sent twice (at most %d)%n", KILLS,
				PARTITIONS * EVENTS, resent, KILLS * PARTITIONS * CHUNK);
		assertThat(resent).isBetween(0L, (long) KILLS * PARTITIONS * CHUNK);
	}

	private Process run(Path spec, Path log) throws Exception {
		List<String> args = new ArrayList<>(List.of("run", spec.toString(), "--param", "runDate=2026-11-22"));
		args.addAll(MySqlRepository.arguments());
		sandbox.options("braze").properties().forEach((name, value) -> args.add("--" + name + "=" + value));
		args.addAll(List.of("--audience-sync.recovery.heartbeat=300ms", "--audience-sync.recovery.stale-after=2s",
				"--logging.level.root=warn", "--logging.level.com.audiencesync=info"));
		return ChildJvm.start(List.of("-Xmx256m"), args, log);
	}

	private void awaitRequests(int count, Process process) throws InterruptedException {
		long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
		while (braze().requestCount() < count) {
			assertThat(process.isAlive()).as("the run ended before it was killed").isTrue();
			assertThat(System.nanoTime()).as("requests before the deadline").isLessThan(deadline);
			Thread.sleep(20);
		}
	}

}
