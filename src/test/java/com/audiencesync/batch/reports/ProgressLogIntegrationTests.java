package com.audiencesync.batch.reports;

import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;

import com.audiencesync.JobTest;
import com.audiencesync.TestExtracts;
import com.audiencesync.batch.launch.RunOutcome;
import com.audiencesync.batch.launch.RunOutcome.Kind;
import com.audiencesync.spec.JobSpec;
import com.audiencesync.spec.SpecLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static com.audiencesync.TestExtracts.members;
import static org.assertj.core.api.Assertions.assertThat;

/** A running partition says how far it is, a line at a time, not a line per row. */
@ExtendWith(OutputCaptureExtension.class)
class ProgressLogIntegrationTests extends JobTest {

	private static final Pattern LINE = Pattern.compile(
			"deliver:part:members\\.csv: (\\d+) rows read \\((\\d+)%\\), (\\d+) delivered, 0 rejected, 0 unchanged, "
					+ "\\d+ rows/s(, ETA \\S+)?");

	@Override
	protected String vendor() {
		return "groobee";
	}

	@Test
	void aPartitionPrintsAProgressLineEachTenthOfItsFileWithAnEta(CapturedOutput output) {
		members(this.dir, "data/members.csv", 0, 50_000, List.of(), List.of());
		String job = "progress-" + UUID.randomUUID().toString().substring(0, 8);
		JobSpec spec = new SpecLoader()
			.load(TestExtracts.groobeeSpec(this.dir, job, "data/members.csv", 1000, 1000, 1));

		RunOutcome outcome = this.launcher.run(spec, DATE, this.options);

		assertThat(outcome.kind()).isEqualTo(Kind.COMPLETED);
		List<String> lines = output.getOut().lines().filter((line) -> line.contains("ProgressLog")).toList();
		assertThat(lines).hasSizeBetween(8, 12).allSatisfy((line) -> assertThat(line).containsPattern(LINE));
		assertThat(lines).anySatisfy((line) -> assertThat(line).contains(", ETA "));
		long previous = 0;
		for (String line : lines) {
			var matcher = LINE.matcher(line);
			assertThat(matcher.find()).isTrue();
			long read = Long.parseLong(matcher.group(1));
			assertThat(read).isGreaterThan(previous);
			assertThat(Long.parseLong(matcher.group(3))).isEqualTo(read);
			previous = read;
		}
		assertThat(output.getOut()).doesNotContain("010-");
	}

}
