package com.audiencesync.cli;

import java.util.concurrent.Callable;

import com.audiencesync.batch.RunReports;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import org.springframework.batch.core.launch.JobExecutionAlreadyRunningException;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.launch.NoSuchJobExecutionException;

/** {@code abandon <executionId>}: gives up on a stopped or failed execution for good. */
@Command(name = "abandon", mixinStandardHelpOptions = true,
		description = "Marks a stopped or failed execution ABANDONED: its date is never "
				+ "restarted. A stuck execution must be stopped first.")
class AbandonCommand implements Callable<Integer> {

	@Parameters(index = "0", paramLabel = "EXECUTION_ID")
	long executionId;

	@Spec
	CommandSpec commandSpec;

	private final Contexts contexts;

	AbandonCommand(Contexts contexts) {
		this.contexts = contexts;
	}

	@Override
	public Integer call() {
		var out = this.commandSpec.commandLine().getOut();
		if (this.contexts.bean(Contexts.Need.REPOSITORY, RunReports.class).load(this.executionId) == null) {
			out.printf("no execution %d%n", this.executionId);
			out.flush();
			return ExitCodes.USAGE;
		}
		try {
			this.contexts.bean(Contexts.Need.REPOSITORY, JobOperator.class).abandon(this.executionId);
			out.printf("execution %d abandoned%n", this.executionId);
			return ExitCodes.OK;
		}
		catch (NoSuchJobExecutionException ex) {
			out.printf("no execution %d%n", this.executionId);
			return ExitCodes.USAGE;
		}
		catch (JobExecutionAlreadyRunningException ex) {
			out.printf("execution %d is running: 'stop %d' first%n", this.executionId, this.executionId);
			return ExitCodes.ALREADY_RUNNING;
		}
		finally {
			out.flush();
		}
	}

}
