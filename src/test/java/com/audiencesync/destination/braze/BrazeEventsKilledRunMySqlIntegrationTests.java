package com.audiencesync.destination.braze;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import com.audiencesync.KilledRuns;
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
		Path spec = BrazeSpecs.events(this.dir, job, this.dir.resolve("data"),
				"chunk: " + CHUNK + "\nconcurrency: " + PARTITIONS);
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
		return KilledRuns.run(spec, "2026-11-22", List.of(), sandbox.options("braze").properties(), log);
	}

	private void awaitRequests(int count, Process process) throws InterruptedException {
		KilledRuns.awaitRequests(braze(), count, process);
	}

}
