package com.audiencesync.delivery;

import java.util.List;

import com.audiencesync.JobTest;
import com.audiencesync.TestExtracts;
import com.audiencesync.batch.launch.RunOutcome;
import com.audiencesync.batch.launch.RunOutcome.Kind;
import com.audiencesync.destination.emulator.Emulator;
import com.audiencesync.spec.JobSpec;
import com.audiencesync.spec.SpecLoader;
import org.junit.jupiter.api.Test;

import org.springframework.test.context.TestPropertySource;

import static com.audiencesync.TestExtracts.members;
import static com.audiencesync.TestExtracts.phone;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * A crash between the vendor's answer and the chunk's commit: the vendor holds the chunk,
 * the state does not. The restart sends that chunk again, and only it; the state then
 * holds what the vendor holds, so the next night sends nothing. Here with the per-key
 * table ({@code audience-sync.state.snapshots=false}); planned nights, the default, in
 * {@link PlannedNightCrashIntegrationTests}.
 */
@TestPropertySource(
		properties = { "audience-sync.state.snapshots=false", "audience-sync.testing.fail-after-delivered-chunks=3" })
class CrashBeforeCommitIntegrationTests extends JobTest {

	@Override
	protected String vendor() {
		return "groobee";
	}

	@Test
	void theRestartResendsAtMostTheChunkInFlightAndTheStateEndsAsTheVendorHoldsIt() {
		// given 1,000 members in chunks of 100, and a crash once the third chunk was sent
		members(this.dir, "data/members.csv", 0, 1000, List.of(), List.of());
		JobSpec spec = new SpecLoader()
			.load(TestExtracts.groobeeSpec(this.dir, "crash-before-commit", "data/members.csv", 100, 100, 1));
		Emulator groobee = sandbox.emulator("groobee");
		RunOutcome crashed = this.launcher.run(spec, DATE, this.options);
		assertThat(crashed.kind()).isEqualTo(Kind.FAILED);
		assertThat(crashed.report().exitMessage()).contains("before it committed");
		assertThat(groobee.records()).hasSize(300);

		// when the date runs again
		RunOutcome restarted = this.launcher.run(spec, DATE, this.options);

		// then it completes, the uncommitted chunk was sent twice and no other row was
		assertThat(restarted.kind()).isEqualTo(Kind.COMPLETED);
		// its counts add both attempts up, and so does the time they were made in
		assertThat(restarted.report().read()).isGreaterThanOrEqualTo(1000);
		assertThat(restarted.report().attempts().toMillis())
			.isCloseTo(crashed.report().duration().plus(restarted.report().duration()).toMillis(), within(2L));
		for (int i = 0; i < 1000; i++) {
			assertThat(groobee.deliveries(phone(i))).as("deliveries of member %d", i)
				.isEqualTo((i >= 200 && i < 300) ? 2 : 1);
		}

		// and the state holds what the vendor holds: the next night sends nothing
		int requests = groobee.requestCount();
		RunOutcome next = this.launcher.run(spec, DATE.plusDays(1), this.options);
		assertThat(next.report().unchanged()).isEqualTo(1000);
		assertThat(groobee.requestCount()).isEqualTo(requests);
		assertThat(this.jdbc.queryForObject(
				"SELECT COUNT(*) FROM AS_SYNC_KEY k JOIN AS_SYNC_TARGET t ON t.TARGET_ID = k.TARGET_ID WHERE t.JOB_NAME = ?",
				Long.class, spec.name()))
			.isEqualTo(1000);
	}

}
