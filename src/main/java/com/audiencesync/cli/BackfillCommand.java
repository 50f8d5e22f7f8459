package com.audiencesync.cli;

import java.io.PrintWriter;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import com.audiencesync.batch.SyncProperties;
import com.audiencesync.batch.launch.Preflight;
import com.audiencesync.batch.launch.RunOutcome;
import com.audiencesync.batch.launch.RunOutcome.Kind;
import com.audiencesync.batch.launch.SyncLauncher;
import com.audiencesync.batch.reports.SyncOutcomes;
import com.audiencesync.batch.run.RunIdentity;
import com.audiencesync.spec.JobSpec;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code backfill <job> --from <date> --to <date> [--by day|window] [--allow-mass-delete] [--sandbox]}.
 */
@Command(name = "backfill", mixinStandardHelpOptions = true, description = {
		"Runs a job over a window of business dates: one run a day (default), or one for the window.",
		"Backfill runs are identified apart from nightly runs: a backfill never completes, restarts or "
				+ "collides with a nightly run of the same date.",
		"Running a backfill again restarts the days that failed and skips (and lists) the days that completed." })
class BackfillCommand implements Callable<Integer> {

	/** How a window is split into runs. */
	enum By {

		/** One run per business date. */
		day,
		/** One run for the whole window. */
		window

	}

	@Parameters(index = "0", paramLabel = "JOB", description = "job name (a spec in the jobs folder) or spec file")
	String job;

	@Option(names = "--from", required = true, paramLabel = "yyyy-MM-dd", description = "first business date")
	LocalDate from;

	@Option(names = "--to", required = true, paramLabel = "yyyy-MM-dd", description = "last business date (included)")
	LocalDate to;

	@Option(names = "--by", defaultValue = "day", description = "day (default) or window")
	By by;

	@Mixin
	RunFlags flags = new RunFlags();

	@Spec
	CommandSpec commandSpec;

	private final SpringContexts contexts;

	BackfillCommand(SpringContexts contexts) {
		this.contexts = contexts;
	}

	@Override
	public Integer call() {
		this.flags.prepare(this.contexts);
		this.contexts.forSync(this.job);
		this.contexts.reportsOutcome(this.job, SyncOutcomes.Trigger.BACKFILL);
		window(this.commandSpec, this.from, this.to);
		JobSpec spec = this.contexts.bean(SpringContexts.Need.ALL, Preflight.class)
			.resolve(this.contexts.bean(SpringContexts.Need.ALL, SyncProperties.class).jobsDir(), this.job,
					this.flags.sandbox ? Preflight.Use.SANDBOX : Preflight.Use.RUN);
		PrintWriter out = this.commandSpec.commandLine().getOut();
		SyncLauncher launcher = this.contexts.bean(SpringContexts.Need.ALL, SyncLauncher.class);
		List<RunIdentity> runs = new ArrayList<>();
		if (this.by == By.window) {
			RunIdentity window = RunIdentity.backfillWindow(this.from, this.to);
			// before anything runs: the window would read its last day only, and say
			// nothing of it
			window.unfit(spec.source()).ifPresent((why) -> {
				throw new IllegalArgumentException(spec.name() + ": " + why + " (nothing ran)");
			});
			runs.add(window);
		}
		else {
			for (LocalDate day = this.from; !day.isAfter(this.to); day = day.plusDays(1)) {
				runs.add(RunIdentity.backfillDay(day));
			}
		}
		List<String> skipped = new ArrayList<>();
		List<String> failed = new ArrayList<>();
		int done = 0;
		for (RunIdentity run : runs) {
			done++;
			out.printf("[%d/%d] %s %s%n", done, runs.size(), spec.name(), run.describe());
			out.flush();
			RunOutcome outcome = this.flags.run(out, spec, (options) -> launcher.run(spec, run, options));
			this.contexts.ran(spec, outcome);
			if (outcome.kind() == Kind.ALREADY_COMPLETED) {
				skipped.add(run.describe());
			}
			else if (outcome.kind() != Kind.COMPLETED) {
				failed.add(run.describe() + " ("
						+ ((outcome.kind() == Kind.UNAVAILABLE) ? "not started" : outcome.kind().toString()) + ")");
			}
		}
		out.printf("backfill %s %s..%s by %s: %d run(s), %d completed now, %d already completed%s, %d failed%s%n",
				spec.name(), this.from, this.to, this.by, runs.size(), runs.size() - skipped.size() - failed.size(),
				skipped.size(), skipped.isEmpty() ? "" : " " + skipped, failed.size(),
				failed.isEmpty() ? "" : " " + failed + ": run the same backfill again to restart them");
		out.flush();
		return failed.isEmpty() ? ExitCodes.OK : ExitCodes.FAILED;
	}

	/** Refuses a window that ends before it starts, as bad usage (exit 2). */
	static void window(CommandSpec command, LocalDate from, LocalDate to) {
		if (to.isBefore(from)) {
			throw new ParameterException(command.commandLine(), "--to " + to + " is before --from " + from);
		}
	}

}
