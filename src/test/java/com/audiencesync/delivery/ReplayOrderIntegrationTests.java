package com.audiencesync.delivery;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import com.audiencesync.JobTest;
import com.audiencesync.TestExtracts;
import com.audiencesync.batch.launch.RunOutcome;
import com.audiencesync.batch.launch.RunOutcome.Kind;
import com.audiencesync.destination.emulator.Emulator;
import com.audiencesync.spec.JobSpec;
import com.audiencesync.spec.SpecLoader;
import org.junit.jupiter.api.Test;

import static com.audiencesync.TestExtracts.members;
import static com.audiencesync.TestExtracts.phone;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A row the vendor refused one night, changed in the source by the next: the next night
 * sends the new row, and the replay of the refused one must not put the older payload
 * back over it.
 */
class ReplayOrderIntegrationTests extends JobTest {

	@Override
	protected String vendor() {
		return "groobee";
	}

	@Test
	void theReplayOfAnOlderRefusalNeverOverwritesTheNewerRowTheVendorTook() throws Exception {
		members(this.dir, "data/members.csv", 0, 20, List.of(), List.of());
		JobSpec spec = new SpecLoader()
			.load(TestExtracts.groobeeSpec(this.dir, "replay-order", "data/members.csv", 10, 10, 1));
		Emulator groobee = sandbox.emulator("groobee");
		groobee.reject("m-7");
		assertThat(this.launcher.run(spec, DATE, this.options).report().rejected()).isEqualTo(1);

		// when the vendor takes it now and member 7 has changed
		groobee.clearFaults();
		Path members = this.dir.resolve("data/members.csv");
		Files.writeString(members, Files.readString(members).replace("m-7,", "m-7x,"));
		RunOutcome next = this.launcher.run(spec, DATE.plusDays(1), this.options);

		// then the vendor holds the new row
		assertThat(next.kind()).isEqualTo(Kind.COMPLETED);
		assertThat(groobee.records().get(phone(7)).identity()).isEqualTo("m-7x");
	}

}
