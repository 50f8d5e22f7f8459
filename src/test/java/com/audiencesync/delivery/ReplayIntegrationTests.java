package com.audiencesync.delivery;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;

import com.audiencesync.JobTest;
import com.audiencesync.TestExtracts;
import com.audiencesync.batch.launch.RunOutcome;
import com.audiencesync.batch.reports.RunReport;
import com.audiencesync.destination.emulator.Emulator;
import com.audiencesync.spec.JobSpec;
import com.audiencesync.spec.SpecLoader;
import com.audiencesync.state.RejectedRow;
import com.audiencesync.state.RejectedRows;
import com.audiencesync.state.RejectedRows.Stored;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import static com.audiencesync.TestExtracts.members;
import static com.audiencesync.TestExtracts.phone;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Rows a vendor refused are sent again by later runs of the job, from their sealed rows
 * as read, even when the later extracts do not hold them (an incremental extract): until
 * the vendor takes them, or {@code retry.max-runs} runs have sent them.
 */
class ReplayIntegrationTests extends JobTest {

	@Autowired
	RejectedRows rejectedRows;

	@Override
	protected String vendor() {
		return "groobee";
	}

	Emulator groobee() {
		return sandbox.emulator("groobee");
	}

	/** A job whose extract is a file a day: a day's rows only (incremental). */
	JobSpec dailySpec(int maxRuns) {
		String job = "replay-" + UUID.randomUUID().toString().substring(0, 8);
		Path spec = TestExtracts.groobeeSpec(this.dir, job, "data/day-${runDate}.csv", 20, 20, 1);
		TestExtracts.write(spec, readString(spec) + "retry:\n  max-runs: " + maxRuns + "\n");
		return new SpecLoader().load(spec);
	}

	private void day(int night, int from, int rows) {
		members(this.dir, "data/day-" + DATE.plusDays(night) + ".csv", from, rows, List.of(), List.of());
	}

	private RunOutcome night(JobSpec spec, int night) {
		return this.launcher.run(spec, DATE.plusDays(night), this.options);
	}

	private List<Stored> pending(JobSpec spec) {
		return this.rejectedRows.find(Replays.pending(spec.name(), "groobee/personalizations", 3, null), 0, 100);
	}

	@Test
	void twoRowsRefusedOnNightOneArriveOnNightTwoThoughItsExtractLacksThem() {
		// given a vendor that refuses two rows on the first night
		JobSpec spec = dailySpec(3);
		day(0, 0, 100);
		groobee().reject("m-11");
		groobee().reject("m-12");
		RunOutcome first = night(spec, 0);
		assertThat(first.report().delivered()).isEqualTo(98);
		assertThat(pending(spec)).extracting((stored) -> stored.row().position()).containsExactly(13L, 14L);

		// when the vendor takes them again and the next night's extract holds other rows
		groobee().clearFaults();
		day(1, 100, 50);
		RunOutcome second = night(spec, 1);

		// then they arrive on night two, once, and leave the pending list
		assertThat(second.report().delivered()).isEqualTo(50);
		assertThat(second.report().replays()).singleElement().satisfies((replay) -> {
			assertThat(replay.replayed()).isEqualTo(2);
			assertThat(replay.delivered()).isEqualTo(2);
			assertThat(replay.refused()).isZero();
		});
		assertThat(groobee().deliveries(phone(11))).isEqualTo(1);
		assertThat(groobee().deliveries(phone(12))).isEqualTo(1);
		assertThat(groobee().records().get(phone(11)).properties()).containsEntry("points", 11);
		assertThat(pending(spec)).isEmpty();
		assertThat(this.rejectedRows.find(RejectedRows.Query.of(spec.name()), 0, 100))
			.filteredOn((stored) -> RejectedRow.VENDOR.equals(stored.row().stage()))
			.extracting((stored) -> stored.state(3))
			.containsExactly("replayed in " + DATE.plusDays(1), "replayed in " + DATE.plusDays(1));

		// and the night after sends them no more
		day(2, 200, 10);
		RunOutcome third = night(spec, 2);
		assertThat(third.report().replays()).isEmpty();
		assertThat(groobee().deliveries(phone(11))).isEqualTo(1);
	}

	@Test
	void aRowRefusedInThreeRunsIsNoLongerSentAndIsReported() {
		// given a row the vendor refuses every time
		JobSpec spec = dailySpec(3);
		groobee().reject("m-5");
		int[] sent = new int[5];
		for (int night = 0; night < 4; night++) {
			day(night, night * 20, 20);
			RunOutcome outcome = night(spec, night);
			String runKey = DATE.plusDays(night).toString();
			sent[night] = (int) this.rejectedRows.find(RejectedRows.Query.of(spec.name()), 0, 100)
				.stream()
				.filter((stored) -> stored.row().runKey().equals(runKey))
				.count();
			if (night == 2) {
				// then the third run's refusal is its last: reported as given up
				RunReport.ReplayCount replay = outcome.report().replays().get(0);
				assertThat(replay.replayed()).isEqualTo(1);
				assertThat(replay.refused()).isEqualTo(1);
				assertThat(replay.givenUp()).isEqualTo(1);
			}
		}

		// then three runs sent it (the first from the extract, two replays), the fourth
		// did not
		assertThat(sent).containsExactly(1, 1, 1, 0, 0);
		List<Stored> refusals = this.rejectedRows.find(RejectedRows.Query.of(spec.name()), 0, 100);
		assertThat(refusals).extracting((stored) -> stored.row().attempt()).containsExactly(1, 2, 3);
		assertThat(refusals).extracting((stored) -> stored.state(3))
			.containsExactly("replayed in " + DATE.plusDays(1), "replayed in " + DATE.plusDays(2), "given up 3/3");
		assertThat(pending(spec)).isEmpty();
		assertThat(this.rejectedRows
			.find(new RejectedRows.Query(spec.name(), null, null, null, null, null, null, 3, null), 0, 100)).hasSize(1);
		assertThat(groobee().deliveries(phone(5))).isZero();
	}

	@Test
	void theSameRowInTheNextExtractGoesOnFromItsRefusalRatherThanTwice() {
		// given a full extract: the refused row is read again every night
		JobSpec spec = dailySpec(3);
		groobee().reject("m-7");
		for (int night = 0; night < 3; night++) {
			day(night, 0, 20);
			night(spec, night);
		}

		// then one refusal a night, each a later attempt of the one before
		List<Stored> refusals = this.rejectedRows.find(RejectedRows.Query.of(spec.name()), 0, 100);
		assertThat(refusals).extracting((stored) -> stored.row().attempt()).containsExactly(1, 2, 3);
		assertThat(refusals.get(1).row().replayOf()).isEqualTo(refusals.get(0).id());
		assertThat(refusals.get(2).state(3)).isEqualTo("given up 3/3");
	}

	@Test
	void maxRunsOfOneNeverReplays() {
		JobSpec spec = dailySpec(1);
		day(0, 0, 20);
		groobee().reject("m-3");
		night(spec, 0);
		groobee().clearFaults();
		day(1, 20, 20);

		RunOutcome second = night(spec, 1);

		assertThat(second.report().replays()).isEmpty();
		assertThat(groobee().deliveries(phone(3))).isZero();
	}

	@Test
	void anOperatorReplaysARunsRefusalsNowGivenUpOnesIncluded() {
		// given a row refused in a job that never replays by itself
		JobSpec spec = dailySpec(1);
		day(0, 0, 20);
		groobee().reject("m-4");
		night(spec, 0);
		assertThat(this.rejectedRows.find(RejectedRows.Query.of(spec.name()), 0, 10)).singleElement()
			.satisfies((stored) -> assertThat(stored.state(1)).isEqualTo("given up 1/1"));

		// when the vendor takes it again and an operator replays that night's refusals
		groobee().clearFaults();
		RunOutcome replay = this.launcher.replay(spec, DATE.toString(), this.options);

		// then it arrives, as a run of its own, and is no longer a refusal to act on
		assertThat(replay.kind()).isEqualTo(RunOutcome.Kind.COMPLETED);
		assertThat(replay.report().run()).isEqualTo("replay");
		assertThat(replay.report().replays()).singleElement()
			.satisfies((count) -> assertThat(count.delivered()).isEqualTo(1));
		assertThat(groobee().deliveries(phone(4))).isEqualTo(1);
		assertThat(this.rejectedRows.find(RejectedRows.Query.of(spec.name()), 0, 10)).singleElement()
			.satisfies((stored) -> assertThat(stored.state(1)).startsWith("replayed in replay:" + DATE + "@"));

		// and replaying it again sends nothing
		RunOutcome again = this.launcher.replay(spec, DATE.toString(), this.options);
		assertThat(again.report().replays()).isEmpty();
		assertThat(groobee().deliveries(phone(4))).isEqualTo(1);
	}

	private static String readString(Path file) {
		try {
			return Files.readString(file);
		}
		catch (java.io.IOException ex) {
			throw new java.io.UncheckedIOException(ex);
		}
	}

}
