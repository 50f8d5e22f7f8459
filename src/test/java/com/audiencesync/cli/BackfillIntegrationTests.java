package com.audiencesync.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;

import com.audiencesync.IntegrationTest;
import com.audiencesync.TestExtracts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Backfills: one run per day, identified apart from the nightly runs of the same dates.
 */
@IntegrationTest
class BackfillIntegrationTests {

	@Autowired
	ApplicationContext context;

	@TempDir
	Path dir;

	@Test
	void aRerunRestartsOnlyTheFailedDayAndTheNightlyRunsStayApart() {
		// given a daily extract for five days, of which the third has not arrived
		for (int day : new int[] { 1, 2, 4, 5 }) {
			extract(day);
		}
		Path spec = TestExtracts.groobeeSpec(this.dir, "daily-members", "data/dt=${runDate}", 100, 100, 1);

		// when the backfill runs, then day 3 fails and the others complete
		StringWriter first = new StringWriter();
		assertThat(run(first, "backfill", spec.toString(), "--from", "2026-11-01", "--to", "2026-11-05", "--sandbox"))
			.isEqualTo(1);
		assertThat(first.toString()).contains("[1/5] daily-members backfill 2026-11-01")
			.contains("[5/5] daily-members backfill 2026-11-05")
			.contains("4 completed now, 0 already completed, 1 failed [backfill 2026-11-03 (not started)]")
			.contains("daily-members for backfill 2026-11-03 in the sandbox cannot start: source.path ")
			.contains("dt=2026-11-03 does not exist (nothing ran)");

		// when the day arrives and the same backfill runs again
		extract(3);
		StringWriter second = new StringWriter();
		assertThat(run(second, "backfill", spec.toString(), "--from", "2026-11-01", "--to", "2026-11-05", "--sandbox"))
			.isZero();

		// then only day 3 is sent; the other days are listed as already completed
		assertThat(second.toString())
			.contains("1 completed now, 4 already completed [backfill 2026-11-01, "
					+ "backfill 2026-11-02, backfill 2026-11-04, backfill 2026-11-05], 0 failed")
			.containsOnlyOnce("groobee received 1 request(s)")
			.contains("groobee received 0 request(s)");

		// and the nightly run of day 3 is a run of its own, neither completed nor
		// restarted by the backfill: it reads the day again and finds the vendor holds it
		StringWriter nightly = new StringWriter();
		assertThat(run(nightly, "run", spec.toString(), "--param", "runDate=2026-11-03", "--sandbox")).isZero();
		assertThat(nightly.toString()).contains("daily-members (runDate 2026-11-03), execution")
			.contains(": completed")
			.contains("read        30 rows")
			.contains("unchanged   30 rows (the vendor already holds them: not sent)")
			.contains("groobee received 0 request(s)");
		StringWriter status = new StringWriter();
		run(status, "status", "daily-members", "--json");
		assertThat(status.toString()).contains("\"run\" : \"nightly\"").contains("\"run\" : \"backfill\"");
	}

	@Test
	void aWindowIsOneRun() {
		extract(1);
		extract(2);
		Path spec = TestExtracts.groobeeSpec(this.dir, "window-members", "data", 100, 100, 1);

		StringWriter out = new StringWriter();
		assertThat(run(out, "backfill", spec.toString(), "--from", "2026-11-01", "--to", "2026-11-02", "--by", "window",
				"--sandbox"))
			.isZero();

		assertThat(out.toString()).contains("[1/1] window-members backfill 2026-11-01..2026-11-02")
			.contains("window-members (backfill 2026-11-01..2026-11-02)")
			.contains("delivered   60 rows");
	}

	@Test
	void aWindowOverAPathOfOneDayIsRefusedBeforeAnythingRuns() {
		// given daily extracts and a spec whose path names one day
		extract(1);
		extract(2);
		Path spec = TestExtracts.groobeeSpec(this.dir, "window-of-a-day", "data/dt=${runDate}", 100, 100, 1);

		// when a window backfill is asked for, then it is refused, saying what to do
		StringWriter out = new StringWriter();
		assertThat(run(out, "backfill", spec.toString(), "--from", "2026-11-01", "--to", "2026-11-02", "--by", "window",
				"--sandbox"))
			.isEqualTo(2);
		assertThat(out.toString()).isEqualTo("error: window-of-a-day: a backfill window is one run over "
				+ "2026-11-01..2026-11-02, but source.path data/dt=${runDate} names one day (${runDate} is the "
				+ "window's last, 2026-11-02): use ${from} and ${to} in source.path to read the window, or --by day "
				+ "for a run a day (nothing ran)\n");

		// and nothing ran
		StringWriter status = new StringWriter();
		run(status, "status", "window-of-a-day");
		assertThat(status.toString()).isEqualTo("no executions of window-of-a-day\n");

		// and a backfill by day reads each day
		StringWriter byDay = new StringWriter();
		assertThat(run(byDay, "backfill", spec.toString(), "--from", "2026-11-01", "--to", "2026-11-02", "--sandbox"))
			.isZero();
		assertThat(byDay.toString()).contains("2 completed now");
	}

	private void extract(int day) {
		TestExtracts.members(this.dir, "data/dt=2026-11-0" + day + "/members.csv", day * 100, 30, List.of(), List.of());
	}

	private int run(StringWriter out, String... args) {
		CommandLine commandLine = Cli.commandLine(this.context);
		commandLine.setOut(new PrintWriter(out, true));
		commandLine.setErr(new PrintWriter(out, true));
		return commandLine.execute(args);
	}

}
