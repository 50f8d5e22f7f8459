package com.audiencesync.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import com.audiencesync.TestExtracts;
import com.audiencesync.batch.launch.RunOutcome;
import com.audiencesync.spec.JobSpec;
import org.junit.jupiter.api.Test;

import org.springframework.test.context.TestPropertySource;

import static com.audiencesync.TestExtracts.phone;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link RejectedImportIntegrationTests} on planned nights: what an import sends is kept
 * in the per-key table, which the next planned night takes into its snapshot, so a fixed
 * row the source then has as fixed is not sent again.
 */
@TestPropertySource(properties = "audience-sync.state.snapshots=true")
class PlannedRejectedImportIntegrationTests extends RejectedImportIntegrationTests {

	@Test
	void anImportedRowIsTakenIntoTheSnapshotSoTheNextNightDoesNotSendItAgain() throws IOException {
		// given a planned night whose vendor refused m-7, fixed and imported
		JobSpec spec = job(20);
		members(0, 0, 20, List.of());
		groobee().reject("m-7");
		assertThat(this.launcher.run(spec, DATE, this.options).report().rejected()).isEqualTo(1);
		groobee().clearFaults();
		Path export = this.dir.resolve("rejected.csv");
		assertThat(cli("rejected", spec.name(), "--export", export.toString()).code()).isZero();
		List<List<String>> file = read(export);
		set(file, "m-7", "grade", "VIP");
		RunOutcome imported = this.launcher.importFixed(spec, write(this.dir.resolve("fixed.csv"), file), this.options);
		assertThat(imported.report().delivered()).isEqualTo(1);

		// when the next night's extract has the same members, m-7 as fixed
		members(1, 0, 20, List.of());
		Path next = this.dir.resolve("data/day-" + DATE.plusDays(1) + ".csv");
		TestExtracts.write(next, java.nio.file.Files.readString(next)
			.replace("m-7," + phone(7).replace("-", "") + ",GOLD,", "m-7," + phone(7).replace("-", "") + ",VIP,"));
		int requests = groobee().requestCount();
		RunOutcome night = this.launcher.run(spec, DATE.plusDays(1), this.options);

		// then nothing is sent: the snapshot holds what the import sent
		assertThat(night.kind()).as(night.message()).isEqualTo(RunOutcome.Kind.COMPLETED);
		assertThat(night.report().delivered()).isZero();
		assertThat(groobee().requestCount()).isEqualTo(requests);
		assertThat(groobee().deliveries(phone(7))).isOne();
	}

}
