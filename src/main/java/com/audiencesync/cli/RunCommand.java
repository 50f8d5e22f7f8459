package com.audiencesync.cli;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;

import com.audiencesync.batch.SyncProperties;
import com.audiencesync.batch.launch.Preflight;
import com.audiencesync.batch.launch.Preview;
import com.audiencesync.batch.launch.RunOutcome;
import com.audiencesync.batch.launch.SyncLauncher;
import com.audiencesync.batch.recovery.Recovery;
import com.audiencesync.batch.reports.RunReports;
import com.audiencesync.batch.reports.SyncOutcomes;
import com.audiencesync.batch.run.RunOptions;
import com.audiencesync.names.Names;
import com.audiencesync.spec.JobSpec;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code run <job | spec> [--param runDate=yyyy-MM-dd] [--dry-run] [--resync]
 * [--allow-mass-delete] [--sandbox]}.
 */
@Command(name = "run", mixinStandardHelpOptions = true, description = {
		"Runs a job for a business date (default: yesterday in audience-sync.zone).",
		"A date that failed or was stopped restarts from its last committed chunk; a completed date sends nothing." })
class RunCommand implements Callable<Integer> {

	@Parameters(index = "0", paramLabel = "JOB", description = "job name (a spec in the jobs folder) or spec file")
	String job;

	@Option(names = "--param", paramLabel = "KEY=VALUE",
			description = "job parameter; runDate=yyyy-MM-dd is the one that identifies a run")
	Map<String, String> params = new LinkedHashMap<>();

	@Option(names = "--dry-run", description = { "read and map every row and compare it with the sync state:",
			"what would be created, updated, left unchanged, deleted and rejected; sends and writes nothing" })
	boolean dryRun;

	@Option(names = "--json", description = "with --dry-run: print the diff as JSON")
	boolean json;

	@Mixin
	RunFlags flags = new RunFlags();

	@Option(names = "--resync",
			description = "send every row, changed or not, and rewrite the sync state (after a vendor lost data)")
	boolean resync;

	@Spec
	CommandSpec commandSpec;

	private final SpringContexts contexts;

	RunCommand(SpringContexts contexts) {
		this.contexts = contexts;
	}

	@Override
	public Integer call() {
		this.flags.prepare(this.contexts);
		this.contexts.forSync(this.job);
		if (!this.dryRun) {
			this.contexts.reportsOutcome(this.job, SyncOutcomes.Trigger.RUN);
		}
		LocalDate given = runDate();
		SyncProperties properties = this.contexts.bean(SpringContexts.Need.ALL, SyncProperties.class);
		LocalDate runDate = (given != null) ? given : LocalDate.now(properties.zone()).minusDays(1);
		Preflight.Use use = this.dryRun ? Preflight.Use.DRY_RUN
				: this.flags.sandbox ? Preflight.Use.SANDBOX : Preflight.Use.RUN;
		JobSpec spec = this.contexts.bean(SpringContexts.Need.ALL, Preflight.class)
			.resolve(properties.jobsDir(), this.job, use);
		var out = this.commandSpec.commandLine().getOut();
		if (this.dryRun) {
			Preview.Result result = this.contexts.bean(SpringContexts.Need.ALL, Preview.class)
				.dryRun(spec, runDate, dryRunOptions());
			// the plan compares rows with the sync state; whether the date runs at all is
			// its last execution's to say
			DryRunDate date = DryRunDate.of(
					this.contexts.bean(SpringContexts.Need.ALL, SyncLauncher.class)
						.last(spec, runDate, dryRunOptions()),
					this.contexts.bean(SpringContexts.Need.ALL, RunReports.class),
					this.contexts.bean(SpringContexts.Need.ALL, Recovery.class), result);
			if (this.json) {
				Printer.dryRunJson(out, spec, runDate, date, result);
			}
			else {
				out.printf("%s (runDate %s): dry run, nothing sent or written%n", spec.name(), runDate);
				if (date.status() != null) {
					out.printf("  %-11s %s%n", date.status(), date.aRun());
				}
				Printer.dryRun(out, spec, result);
			}
			if (!result.missingColumns().isEmpty()) {
				// what the run would stop on before sending anything: not a diff to trust
				var err = this.commandSpec.commandLine().getErr();
				result.missingColumns().forEach((line) -> err.printf("%s: %s%n", spec.file(), line));
				err.printf("a run would not start: the spec maps column(s) its source does not have%n");
				err.flush();
				return ExitCodes.USAGE;
			}
			return ExitCodes.OK;
		}
		SyncLauncher launcher = this.contexts.bean(SpringContexts.Need.ALL, SyncLauncher.class);
		RunOutcome outcome = this.flags.run(out, spec,
				(options) -> launcher.run(spec, runDate, this.resync ? options.resyncing() : options));
		this.contexts.ran(spec, outcome);
		if (outcome.kind() != RunOutcome.Kind.COMPLETED && OutOfMemory.happened(null)) {
			// what failed next (a vendor's emulator that stopped answering, a repository
			// that closed itself) is not what to fix
			var err = this.commandSpec.commandLine().getErr();
			err.println("error: " + OutOfMemory.said() + outcome.message());
			err.flush();
		}
		return ExitCodes.of(outcome.kind());
	}

	/**
	 * A dry run compares with the state of the account a run would send to: the sandbox's
	 * with {@code --sandbox}.
	 */
	private RunOptions dryRunOptions() {
		RunOptions options = this.flags.sandbox ? RunOptions.sandbox(Map.of()) : RunOptions.LIVE;
		return this.resync ? options.resyncing() : options;
	}

	/** The runDate given, checked before anything starts, or null. */
	private LocalDate runDate() {
		for (String key : this.params.keySet()) {
			if (!Names.RUN_DATE.equals(key)) {
				throw new ParameterException(this.commandSpec.commandLine(),
						"unknown job parameter '" + key + "' (known: " + Names.RUN_DATE + ")");
			}
		}
		String value = this.params.get(Names.RUN_DATE);
		if (value == null) {
			return null;
		}
		try {
			return LocalDate.parse(value);
		}
		catch (DateTimeParseException ex) {
			throw new ParameterException(this.commandSpec.commandLine(),
					"runDate must be yyyy-MM-dd, was '" + value + "'");
		}
	}

}
