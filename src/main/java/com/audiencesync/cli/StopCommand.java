package com.audiencesync.cli;

import java.util.concurrent.Callable;

import com.audiencesync.batch.recovery.Recovery;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.launch.JobExecutionNotRunningException;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.launch.NoSuchJobExecutionException;

/**
 * {@code stop <executionId>}: asks a running execution to stop after its current chunk.
 * An execution that is not running gets its true state; one whose process died is not
 * "stopped" (nobody would act on it) but pointed at {@code recover}.
 */
@Command(name = "stop", mixinStandardHelpOptions = true,
		description = { "Asks a running execution to stop after its current chunk.",
				"It works from any process that shares the job repository. The execution ends STOPPED; run the same "
						+ "date again to resume it." })
class StopCommand implements Callable<Integer> {

	@Mixin
	ExecutionById target = new ExecutionById();

	@Spec
	CommandSpec commandSpec;

	private final SpringContexts contexts;

	StopCommand(SpringContexts contexts) {
		this.contexts = contexts;
	}

	@Override
	public Integer call() throws Exception {
		var out = this.commandSpec.commandLine().getOut();
		try {
			JobExecution execution = this.target.load(this.contexts, SpringContexts.Need.REPOSITORY, out);
			if (execution == null) {
				return ExitCodes.USAGE;
			}
			boolean stopping = !execution.getStatus().isRunning() && Recovery.hasRunningStep(execution);
			if (!execution.getStatus().isRunning() && !stopping) {
				out.printf("execution %d is %s, not running: nothing to stop%n", this.target.id, execution.getStatus());
				return ExitCodes.USAGE;
			}
			Recovery.Liveness liveness = this.contexts.bean(SpringContexts.Need.REPOSITORY, Recovery.class)
				.liveness(execution);
			if (liveness.stale()) {
				out.printf(
						"execution %d is %s but its process looks dead (%s): 'recover %d' marks it FAILED "
								+ "(the next run resumes it), 'abandon %d' gives it up%n",
						this.target.id, execution.getStatus(), liveness.describe(), this.target.id, this.target.id);
				return ExitCodes.USAGE;
			}
			if (stopping || execution.getStatus() == BatchStatus.STOPPING) {
				out.printf("execution %d: stop already requested; it stops after its current chunk (%s)%n",
						this.target.id, liveness.describe());
				return ExitCodes.OK;
			}
			this.contexts.bean(SpringContexts.Need.REPOSITORY, JobOperator.class).stop(this.target.id);
			out.printf("execution %d: stop requested; it stops after its current chunk%n", this.target.id);
			return ExitCodes.OK;
		}
		catch (NoSuchJobExecutionException ex) {
			out.printf("no execution %d%n", this.target.id);
			return ExitCodes.USAGE;
		}
		catch (JobExecutionNotRunningException ex) {
			out.printf("execution %d ended meanwhile: see 'status'%n", this.target.id);
			return ExitCodes.USAGE;
		}
		finally {
			out.flush();
		}
	}

}
