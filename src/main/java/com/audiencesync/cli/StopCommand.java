package com.audiencesync.cli;

import java.util.concurrent.Callable;

import com.audiencesync.batch.RunReports;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import org.springframework.batch.core.launch.JobExecutionNotRunningException;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.launch.NoSuchJobExecutionException;

/**
 * {@code stop <executionId>}: asks a running execution to stop after its current chunk.
 */
@Command(name = "stop", mixinStandardHelpOptions = true,
		description = "Asks a running execution (in any process sharing the job repository) to "
				+ "stop after its current chunk. It ends STOPPED; run the same date again to resume.")
class StopCommand implements Callable<Integer> {

	@Parameters(index = "0", paramLabel = "EXECUTION_ID")
	long executionId;

	@Spec
	CommandSpec commandSpec;

	private final Contexts contexts;

	StopCommand(Contexts contexts) {
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
			this.contexts.bean(Contexts.Need.REPOSITORY, JobOperator.class).stop(this.executionId);
			out.printf("execution %d: stop requested; it stops after its current chunk%n", this.executionId);
			return ExitCodes.OK;
		}
		catch (NoSuchJobExecutionException ex) {
			out.printf("no execution %d%n", this.executionId);
			return ExitCodes.USAGE;
		}
		catch (JobExecutionNotRunningException ex) {
			out.printf("execution %d is not running: nothing to stop%n", this.executionId);
			return ExitCodes.FAILED;
		}
		finally {
			out.flush();
		}
	}

}
