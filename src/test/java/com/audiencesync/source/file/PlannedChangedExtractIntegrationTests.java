package com.audiencesync.source.file;

import java.util.List;

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
 * {@link ChangedExtractIntegrationTests} on planned nights: the plan's places are of the
 * extract it read, so a delivery of a replaced extract, even one that sent nothing yet,
 * would send rows it never planned.
 */
@TestPropertySource(properties = "audience-sync.state.snapshots=true")
class PlannedChangedExtractIntegrationTests extends ChangedExtractIntegrationTests {

	@Test
	void aDeliveryOfAnExtractRegeneratedAfterItsPlanFailsNamingItBeforeItsFirstRequest() {
		// given a planned night whose delivery failed at its first request
		TestExtracts.members(this.dir, "data/members.csv", 0, 400, List.of(), List.of());
		JobSpec spec = new SpecLoader()
			.load(TestExtracts.groobeeSpec(this.dir, "replanned-" + System.nanoTime(), "data", 50, 50, 1));
		Emulator groobee = sandbox.emulator("groobee");
		groobee.failAfterItems(0, 503);
		assertThat(this.launcher.run(spec, DATE, this.options).kind()).isEqualTo(Kind.FAILED);
		assertThat(groobee.records()).isEmpty();
		groobee.clearFaults();

		// when the export runs again, with other rows, before the date is restarted
		TestExtracts.members(this.dir, "data/members.csv", 1_000, 400, List.of(), List.of());
		RunOutcome refused = this.launcher.run(spec, DATE, this.options);

		// then the delivery refuses the bytes its plan did not read, and sends nothing
		assertThat(refused.kind()).isEqualTo(Kind.FAILED);
		assertThat(refused.report().exitMessage()).contains("members.csv changed since this run read it");
		assertThat(groobee.records()).isEmpty();
	}

}
