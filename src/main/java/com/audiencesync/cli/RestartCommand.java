package com.audiencesync.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

import com.audiencesync.batch.Names;
import com.audiencesync.batch.RunOptions;
import com.audiencesync.batch.RunOutcome;
import com.audiencesync.batch.SyncLauncher;
import com.audiencesync.batch.SyncProperties;
import com.audiencesync.sandbox.SandboxServer;
import com.audiencesync.spec.JobSpec;
import com.audiencesync.spec.SpecCatalog;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import org.springframework.batch.core.job.JobExecution;

/**
 * {@code restart <executionId>}: resumes a failed or stopped execution from its last
 * committed chunk.
 */
@Command(name = "restart", description = "Restarts a failed or stopped execution from its last committed chunk. "
		+ "The spec is read again from the file it ran from (or by job name).")
class RestartCommand implements Callable<Integer> {

	@Parameters(index = "0", paramLabel = "EXECUTION_ID")
	long executionId;

	@Option(names = "--sandbox", description = "send to the loopback vendor emulator started in-process")
	boolean sandbox;

	@Spec
	CommandSpec commandSpec;

	private final SyncProperties properties;

	private final SyncLauncher launcher;

	RestartCommand(SyncProperties properties, SyncLauncher launcher) {
		this.properties = properties;
		this.launcher = launcher;
	}

	@Override
	public Integer call() {
		var out = this.commandSpec.commandLine().getOut();
		SpecCatalog catalog = new SpecCatalog(this.properties.jobsDir());
		if (!this.sandbox) {
			RunOutcome outcome = this.launcher.restart(this.executionId, (execution) -> specOf(catalog, execution),
					RunOptions.LIVE);
			Printer.outcome(out, outcome);
			return ExitCodes.of(outcome.kind());
		}
		try (SandboxServer server = SandboxServer.start("127.0.0.1", 0, SandboxCommand.SANDBOX_KEY)) {
			RunOutcome outcome = this.launcher.restart(this.executionId, (execution) -> specOf(catalog, execution),
					new RunOptions(server.baseUrl("groobee"), SandboxCommand.SANDBOX_KEY));
			Printer.outcome(out, outcome);
			return ExitCodes.of(outcome.kind());
		}
	}

	private static JobSpec specOf(SpecCatalog catalog, JobExecution execution) {
		String file = execution.getJobParameters().getString(Names.SPEC);
		if (file != null && Files.isRegularFile(Path.of(file))) {
			return catalog.resolve(file);
		}
		return catalog.resolve(execution.getJobInstance().getJobName());
	}

}
