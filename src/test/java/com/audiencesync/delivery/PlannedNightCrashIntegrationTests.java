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

/**
 * A planned night that crashes between the vendor's answer and the chunk's commit: the
 * restart goes on with the same plan, sends that chunk again and only it, and the
 * snapshot that becomes current is what the vendor holds, so the next night sends
 * nothing.
 */
@TestPropertySource(
		properties = { "audience-sync.state.snapshots=true", "audience-sync.testing.fail-after-delivered-chunks=3" })
class PlannedNightCrashIntegrationTests extends JobTest {

	/** The rows of one job's targets (the tests of a context share its repository). */
	static final String OF_JOB = " AND TARGET_ID IN (SELECT TARGET_ID FROM AS_SYNC_TARGET WHERE JOB_NAME = ?)";

	@Override
	protected String vendor() {
		return "groobee";
	}

	@Test
	void theRestartResendsAtMostTheChunkInFlightAndTheSnapshotEndsAsTheVendorHoldsIt() {
		// given 1,000 members in chunks of 100, and a crash once the third chunk was sent
		members(this.dir, "data/members.csv", 0, 1000, List.of(), List.of());
		JobSpec spec = new SpecLoader()
			.load(TestExtracts.groobeeSpec(this.dir, "planned-crash", "data/members.csv", 100, 100, 1));
		Emulator groobee = sandbox.emulator("groobee");
		RunOutcome crashed = this.launcher.run(spec, DATE, this.options);
		assertThat(crashed.kind()).isEqualTo(Kind.FAILED);
		assertThat(groobee.records()).hasSize(300);
		// nothing became the state yet
		assertThat(this.jdbc.queryForObject("SELECT COUNT(*) FROM AS_SNAPSHOT WHERE STATE = 'CURRENT'" + OF_JOB,
				Long.class, spec.name()))
			.isZero();

		// when the date runs again
		RunOutcome restarted = this.launcher.run(spec, DATE, this.options);

		// then it completes, the uncommitted chunk was sent twice and no other row was
		assertThat(restarted.kind()).as(restarted.report().exitMessage()).isEqualTo(Kind.COMPLETED);
		for (int i = 0; i < 1000; i++) {
			assertThat(groobee.deliveries(phone(i))).as("deliveries of member %d", i)
				.isEqualTo((i >= 200 && i < 300) ? 2 : 1);
		}

		// and the snapshot holds what the vendor holds: the next night sends nothing
		int requests = groobee.requestCount();
		RunOutcome next = this.launcher.run(spec, DATE.plusDays(1), this.options);
		assertThat(next.kind()).isEqualTo(Kind.COMPLETED);
		assertThat(next.report().unchanged()).isEqualTo(1000);
		assertThat(groobee.requestCount()).isEqualTo(requests);
		assertThat(this.jdbc.queryForObject("SELECT ENTRIES FROM AS_SNAPSHOT WHERE STATE = 'CURRENT'" + OF_JOB,
				Long.class, spec.name()))
			.isEqualTo(1000);
	}

}
