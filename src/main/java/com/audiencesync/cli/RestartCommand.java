package com.audiencesync.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

import com.audiencesync.batch.SyncProperties;
import com.audiencesync.batch.launch.Preflight;
import com.audiencesync.batch.launch.RunOutcome;
import com.audiencesync.batch.launch.SyncLauncher;
import com.audiencesync.names.Names;
import com.audiencesync.spec.JobSpec;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import org.springframework.batch.core.job.JobExecution;

/**
 * {@code restart <executionId>}: resumes a failed or stopped execution from its last
 * committed chunk.
 */
@Command(name = "restart", mixinStandardHelpOptions = true,
		description = "Restarts a failed or stopped execution from its last committed chunk. "
				+ "The spec is read again from the file it ran from (or by job name).")
class RestartCommand implements Callable<Integer> {

	@Mixin
	ExecutionById target = new ExecutionById();

	@Mixin
	RunFlags flags = new RunFlags();

	@Spec
	CommandSpec commandSpec;

	private final SpringContexts contexts;

	RestartCommand(SpringContexts contexts) {
		this.contexts = contexts;
	}

	@Override
	public Integer call() {
		this.flags.prepare(this.contexts);
		// its live series in a group of their own: the sync is known only once the
		// execution is read, after the application has started
		this.contexts.byDefault("management.prometheus.metrics.export.pushgateway.grouping-key.execution",
				String.valueOf(this.target.id));
		var out = this.commandSpec.commandLine().getOut();
		JobExecution execution = this.target.load(this.contexts, SpringContexts.Need.ALL, out);
		if (execution == null) {
			out.flush();
			return ExitCodes.USAGE;
		}
		JobSpec spec = specOf(execution);
		SyncLauncher launcher = this.contexts.bean(SpringContexts.Need.ALL, SyncLauncher.class);
		RunOutcome outcome = this.flags.run(out, spec, (options) -> launcher.restart(this.target.id, spec, options));
		// a restart that completes is the sync's success, as a run's is
		this.contexts.ran(spec, outcome);
		return ExitCodes.of(outcome.kind());
	}

	/**
	 * The spec the execution ran from, or else the job's, checked with the configuration
	 * the restart needs.
	 */
	private JobSpec specOf(JobExecution execution) {
		String file = execution.getJobParameters().getString(Names.SPEC);
		String spec = (file != null && Files.isRegularFile(Path.of(file))) ? file
				: execution.getJobInstance().getJobName();
		return this.contexts.bean(SpringContexts.Need.ALL, Preflight.class)
			.resolve(this.contexts.bean(SpringContexts.Need.ALL, SyncProperties.class).jobsDir(), spec,
					this.flags.sandbox ? Preflight.Use.SANDBOX : Preflight.Use.RUN);
	}

}
