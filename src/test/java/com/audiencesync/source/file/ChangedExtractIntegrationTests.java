package com.audiencesync.source.file;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;

import com.audiencesync.JobTest;
import com.audiencesync.TestExtracts;
import com.audiencesync.batch.launch.RunOutcome;
import com.audiencesync.batch.launch.RunOutcome.Kind;
import com.audiencesync.destination.emulator.Emulator;
import com.audiencesync.destination.emulator.StoredRecord;
import com.audiencesync.spec.JobSpec;
import com.audiencesync.spec.SpecLoader;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An extract replaced between a failed run and its restart (the export ran again): the
 * restart would go on at a line of other rows, so it fails naming the file before it
 * reads or sends anything more; the same bytes put back (a fresh download, a new
 * modification time) let it finish, every row delivered once.
 */
class ChangedExtractIntegrationTests extends JobTest {

	@Override
	protected String vendor() {
		return "groobee";
	}

	@Test
	void aRestartOfAnExtractThatWasRegeneratedFailsNamingItAndSendsNothingMore() throws Exception {
		// given a night that failed once 200 of its 400 rows arrived
		Path extract = TestExtracts.members(this.dir, "data/members.csv", 0, 400, List.of(), List.of());
		byte[] listed = Files.readAllBytes(extract);
		JobSpec spec = new SpecLoader()
			.load(TestExtracts.groobeeSpec(this.dir, "changed-" + System.nanoTime(), "data", 50, 50, 1));
		Emulator groobee = sandbox.emulator("groobee");
		groobee.failAfterItems(200, 503);
		RunOutcome failed = this.launcher.run(spec, DATE, this.options);
		assertThat(failed.kind()).isEqualTo(Kind.FAILED);
		assertThat(groobee.records()).hasSize(200);
		groobee.clearFaults();

		// when the export runs again, with other rows, and the date is restarted
		TestExtracts.members(this.dir, "data/members.csv", 1_000, 400, List.of(), List.of());
		RunOutcome refused = this.launcher.run(spec, DATE, this.options);

		// then it fails naming the file, and nothing more was sent
		assertThat(refused.kind()).isEqualTo(Kind.FAILED);
		assertThat(refused.report().exitMessage()).contains("members.csv changed since this run read it")
			.contains("backfill");
		assertThat(groobee.records()).hasSize(200);

		// when the bytes it listed are put back, as a fresh download would (a newer
		// modification time)
		Files.write(extract, listed);
		Files.setLastModifiedTime(extract, FileTime.from(Instant.now().plusSeconds(60)));
		RunOutcome resumed = this.launcher.run(spec, DATE, this.options);

		// then the night completes with every row delivered once
		assertThat(resumed.kind()).as(resumed.message()).isEqualTo(Kind.COMPLETED);
		assertThat(groobee.records()).hasSize(400);
		assertThat(groobee.records().values()).extracting(StoredRecord::deliveries).containsOnly(1);
	}

}
