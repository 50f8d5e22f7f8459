package com.audiencesync.destination.braze;

import java.nio.file.Path;

import com.audiencesync.JobTest;
import com.audiencesync.TestExtracts;
import com.audiencesync.batch.launch.RunOutcome;
import com.audiencesync.batch.launch.RunOutcome.Kind;
import com.audiencesync.batch.reports.RunReport;
import com.audiencesync.spec.JobSpec;
import com.audiencesync.spec.SpecLoader;
import org.junit.jupiter.api.Test;

import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The data points of users/track attributes counted on the per-key state
 * ({@code audience-sync.state.snapshots=false}) as on a planned night: sent for the users
 * delivered, unchanged for the users Braze already holds, two attributes a user.
 */
@TestPropertySource(properties = "audience-sync.state.snapshots=false")
class BrazeDataPointsPerKeyIntegrationTests extends JobTest {

	@Override
	protected String vendor() {
		return "braze";
	}

	@Test
	void aNextNightCountsTheUnchangedUsersAttributesAsNotSent() {
		JobSpec spec = new SpecLoader().load(BrazeSpecs.attributes(this.dir, write(0).getParent(), ""));
		RunOutcome first = this.launcher.run(spec, DATE, this.options);
		assertThat(first.kind()).as(first.message()).isEqualTo(Kind.COMPLETED);
		assertThat(first.report().points()).isEqualTo(new RunReport.DataPoints(200, 0));

		// when 10 of the 100 users change, then their two attributes each are sent, and
		// the other 90 users' are counted unchanged
		write(10);
		RunOutcome next = this.launcher.run(spec, DATE.plusDays(1), this.options);
		assertThat(next.report().delivered()).isEqualTo(10);
		assertThat(next.report().points()).isEqualTo(new RunReport.DataPoints(20, 180));
	}

	private Path write(int changed) {
		StringBuilder csv = new StringBuilder("user_id,tier,points\n");
		for (int i = 0; i < 100; i++) {
			csv.append("u-").append(i).append(',').append((i < changed) ? "silver" : "gold").append(',').append(i);
			csv.append('\n');
		}
		return TestExtracts.write(this.dir.resolve("per-key/users.csv"), csv.toString());
	}

}
