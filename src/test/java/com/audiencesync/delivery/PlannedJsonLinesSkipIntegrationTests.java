package com.audiencesync.delivery;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import com.audiencesync.JobTest;
import com.audiencesync.TestExtracts;
import com.audiencesync.batch.launch.RunOutcome;
import com.audiencesync.batch.launch.RunOutcome.Kind;
import com.audiencesync.destination.emulator.Emulator;
import com.audiencesync.spec.JobSpec;
import com.audiencesync.spec.SpecLoader;
import org.junit.jupiter.api.Test;

import static com.audiencesync.TestExtracts.phone;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A next night of JSON lines passes over the lines its plan does not send without parsing
 * them, and counts them as read, so a restart after a failure in the middle goes on from
 * its last committed chunk at the right line, blank lines included.
 */
class PlannedJsonLinesSkipIntegrationTests extends JobTest {

	@Override
	protected String vendor() {
		return "groobee";
	}

	@Test
	void aNextNightSkipsTheUnchangedLinesAndARestartGoesOnFromTheRightLine() throws Exception {
		// given 1,000 members as JSON lines, a blank line after every tenth, all
		// delivered
		Path extract = this.dir.resolve("lines/members.jsonl");
		write(extract, (i) -> "GOLD");
		JobSpec spec = spec();
		Emulator groobee = sandbox.emulator("groobee");
		assertThat(this.launcher.run(spec, DATE, this.options).kind()).isEqualTo(Kind.COMPLETED);
		assertThat(groobee.records()).hasSize(1_000);

		// when every 40th member changes (25 rows in chunks of 5) and the vendor fails
		// for good once 12 of them arrived
		write(extract, (i) -> (i % 40 == 7) ? "SILVER" : "GOLD");
		groobee.failAfterItems(groobee.itemsAccepted() + 12, 503);
		RunOutcome failed = this.launcher.run(spec, DATE.plusDays(1), this.options);
		assertThat(failed.kind()).isEqualTo(Kind.FAILED);

		// and the date runs again
		groobee.clearFaults();
		RunOutcome again = this.launcher.run(spec, DATE.plusDays(1), this.options);

		// then every changed member holds its new grade; none was sent more than twice
		// that night (the chunk in flight), and no unchanged one was sent again
		assertThat(again.kind()).as(again.message()).isEqualTo(Kind.COMPLETED);
		int twice = 0;
		for (int i = 0; i < 1_000; i++) {
			int deliveries = groobee.deliveries(phone(i));
			if (i % 40 == 7) {
				assertThat(groobee.records().get(phone(i)).properties()).as("member %d", i)
					.containsEntry("grade", "SILVER");
				assertThat(deliveries).as("deliveries of member %d", i).isBetween(2, 3);
				twice += (deliveries == 3) ? 1 : 0;
			}
			else {
				assertThat(deliveries).as("deliveries of member %d", i).isEqualTo(1);
			}
		}
		assertThat(twice).isLessThanOrEqualTo(5);

		// and the next night, unchanged, sends nothing
		int requests = groobee.requestCount();
		RunOutcome next = this.launcher.run(spec, DATE.plusDays(2), this.options);
		assertThat(next.kind()).isEqualTo(Kind.COMPLETED);
		assertThat(next.report().unchanged()).isEqualTo(1_000);
		assertThat(groobee.requestCount()).isEqualTo(requests);
	}

	private static void write(Path extract, java.util.function.IntFunction<String> grade) throws Exception {
		List<String> lines = new ArrayList<>();
		for (int i = 0; i < 1_000; i++) {
			lines.add("{\"member_id\":\"m-" + i + "\",\"phone\":\"" + phone(i).replace("-", "") + "\",\"grade\":\""
					+ grade.apply(i) + "\",\"points\":" + i + "}");
			if (i % 10 == 9) {
				lines.add("");
			}
		}
		Files.createDirectories(extract.getParent());
		Files.writeString(extract, String.join("\n", lines) + "\n");
	}

	private JobSpec spec() {
		Path file = TestExtracts.groobeeSpec(this.dir, "skip-lines", "lines", 5, 5, 1);
		try {
			Files.writeString(file, Files.readString(file).replace("format: csv", "format: jsonl"));
		}
		catch (java.io.IOException ex) {
			throw new java.io.UncheckedIOException(ex);
		}
		return new SpecLoader().load(file);
	}

}
