package com.audiencesync.delivery;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import com.audiencesync.JobTest;
import com.audiencesync.TestExtracts;
import com.audiencesync.batch.launch.RunOutcome;
import com.audiencesync.batch.launch.RunOutcome.Kind;
import com.audiencesync.destination.emulator.Emulator;
import com.audiencesync.spec.JobSpec;
import com.audiencesync.spec.SpecLoader;
import org.junit.jupiter.api.Test;

import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two planned nights of one destination at once (a backfill while the nightly run sends):
 * each would merge with the same snapshot and the later switch would hide what the
 * earlier sent, so the later one fails at its merge, before sending anything, naming the
 * other; run again once that one ended, it completes.
 */
@TestPropertySource(properties = "audience-sync.state.snapshots=true")
class PlannedNightsOneAtATimeIntegrationTests extends JobTest {

	@Override
	protected String vendor() {
		return "groobee";
	}

	@Test
	void aSecondNightOfADestinationWhileTheFirstSendsFailsBeforeSendingAndRunsOnceItEnded() throws Exception {
		// given a night sending 400 rows to a slow vendor
		TestExtracts.members(this.dir, "data/members.csv", 0, 400, List.of(), List.of());
		JobSpec spec = new SpecLoader()
			.load(TestExtracts.groobeeSpec(this.dir, "one-at-a-time-" + System.nanoTime(), "data", 10, 10, 1));
		Emulator groobee = sandbox.emulator("groobee");
		groobee.delayEachRequest(Duration.ofMillis(40));
		CompletableFuture<RunOutcome> first = CompletableFuture
			.supplyAsync(() -> this.launcher.run(spec, DATE, this.options));
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
		while (groobee.requestCount() < 3) {
			assertThat(System.nanoTime()).as("the first night sends").isLessThan(deadline);
			Thread.sleep(10);
		}

		// when the next date starts meanwhile
		int before = groobee.requestCount();
		RunOutcome second = this.launcher.run(spec, DATE.plusDays(1), this.options);

		// then it fails at its merge, naming the first, having sent nothing
		assertThat(second.kind()).isEqualTo(Kind.FAILED);
		assertThat(second.report().exitMessage()).contains("groobee/personalizations")
			.contains(
					"execution " + this.jdbc.queryForObject(
							"SELECT MIN(JOB_EXECUTION_ID) FROM BATCH_JOB_EXECUTION e JOIN BATCH_JOB_INSTANCE i ON "
									+ "i.JOB_INSTANCE_ID = e.JOB_INSTANCE_ID WHERE i.JOB_NAME = ?",
							Long.class, spec.name()))
			.contains("one at a time");
		RunOutcome firstOutcome = first.get(120, TimeUnit.SECONDS);
		assertThat(firstOutcome.kind()).as(firstOutcome.message()).isEqualTo(Kind.COMPLETED);
		assertThat(groobee.records()).hasSize(400);
		assertThat(groobee.records().values()).allSatisfy((held) -> assertThat(held.deliveries()).isOne());
		assertThat(before).isLessThan(400 / 10);

		// and run again once the first ended, it completes, sending nothing new
		groobee.delayEachRequest(Duration.ZERO);
		int requests = groobee.requestCount();
		RunOutcome again = this.launcher.run(spec, DATE.plusDays(1), this.options);
		assertThat(again.kind()).as(again.message()).isEqualTo(Kind.COMPLETED);
		assertThat(groobee.requestCount()).isEqualTo(requests);
	}

}
