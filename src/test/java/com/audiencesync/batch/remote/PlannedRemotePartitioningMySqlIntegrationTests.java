package com.audiencesync.batch.remote;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import static com.audiencesync.TestExtracts.phone;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link RemotePartitioningMySqlIntegrationTests} on planned nights (sorted snapshots):
 * the plan's partitions go out over the queue as the sync's do, so a run hands out each
 * file twice (to plan it, then to send it), and a worker killed mid-partition loses no
 * row. A worker whose settings do not plan refuses the partitions of a run that does.
 */
@Tag("mysql")
class PlannedRemotePartitioningMySqlIntegrationTests extends RemotePartitioningMySqlIntegrationTests {

	private static final String PLANNED = "--audience-sync.state.snapshots=true";

	@Override
	boolean planned() {
		return true;
	}

	@Override
	int partitionsPerRun() {
		return 2 * FILES;
	}

	@Test
	void aWorkerThatDoesNotPlanRefusesAPlannedRunsPartitionsAndNothingIsSent() throws Exception {
		// given a worker started with snapshots off, unlike its manager
		String job = "remote-unplanned-" + UUID.randomUUID().toString().substring(0, 8);
		spec(job);
		List<String> settings = new ArrayList<>(common());
		settings.remove(PLANNED);
		settings.add("--audience-sync.state.snapshots=false");
		worker("a", settings);

		// when the manager runs a planned night
		Process manager = manager(job);
		assertThat(manager.waitFor(180, TimeUnit.SECONDS)).isTrue();

		// then the run fails at its plan, naming the setting, and nothing was sent
		String output = Files.readString(this.dir.resolve("manager.log"));
		assertThat(manager.exitValue()).as(output).isNotZero();
		assertThat(Files.readString(this.dir.resolve("a.log"))).contains("audience-sync.state.snapshots=true")
			.contains("give the worker the manager's audience-sync.state.* settings");
		assertThat(groobee().requestCount()).isZero();
	}

	/**
	 * Two nights of one job at once, planned: they share one snapshot, so the later merge
	 * gives way (nothing sent) and its date completes when run again.
	 */
	@Override
	@Test
	void twoRunsOfOneJobOnOneQueueEachEndWithTheirOwnPartitions() throws Exception {
		String job = "remote-two-" + UUID.randomUUID().toString().substring(0, 8);
		spec(job);
		groobee().delayEachRequest(java.time.Duration.ofMillis(10));
		worker("a");
		worker("b");
		Process first = manager(job, "2026-11-22", "first.log");
		Process second = manager(job, "2026-11-23", "second.log");
		List<String> failed = new ArrayList<>();
		for (String log : List.of("first.log", "second.log")) {
			Process manager = log.equals("first.log") ? first : second;
			assertThat(manager.waitFor(180, TimeUnit.SECONDS)).isTrue();
			String output = Files.readString(this.dir.resolve(log));
			if (manager.exitValue() != 0) {
				assertThat(output).contains("one at a time");
				failed.add(log.equals("first.log") ? "2026-11-22" : "2026-11-23");
			}
		}
		assertThat(failed).as("nights that gave way").hasSizeLessThan(2);
		for (String date : failed) {
			Process again = manager(job, date, "again.log");
			assertThat(again.waitFor(180, TimeUnit.SECONDS)).isTrue();
			assertThat(again.exitValue()).as(Files.readString(this.dir.resolve("again.log"))).isZero();
		}
		for (int i = 0; i < FILES * ROWS; i++) {
			assertThat(groobee().deliveries(phone(i))).as("deliveries of member %d", i).isOne();
		}
	}

}
