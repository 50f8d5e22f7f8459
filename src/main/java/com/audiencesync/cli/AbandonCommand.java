package com.audiencesync.cli;

import java.time.LocalDateTime;
import java.util.concurrent.Callable;

import com.audiencesync.batch.recovery.Recovery;
import com.audiencesync.batch.run.RunIdentity;
import com.audiencesync.state.snapshot.Nights;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.repository.JobRepository;

/**
 * {@code abandon <executionId>}: gives up on a stopped or failed execution for good. It
 * says the true state where there is nothing to abandon, refuses a live execution and
 * recovers one whose process died before abandoning it.
 */
@Command(name = "abandon", mixinStandardHelpOptions = true,
		description = { "Marks a stopped or failed execution ABANDONED: its date is never restarted.",
				"A live execution must be stopped first; one whose process died is recovered, then abandoned." })
class AbandonCommand implements Callable<Integer> {

	@Mixin
	ExecutionById target = new ExecutionById();

	@Spec
	CommandSpec commandSpec;

	private final SpringContexts contexts;

	AbandonCommand(SpringContexts contexts) {
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
			switch (execution.getStatus()) {
				case COMPLETED -> {
					out.printf("execution %d is COMPLETED: nothing to abandon%n", this.target.id);
					return ExitCodes.USAGE;
				}
				case ABANDONED -> {
					out.printf("execution %d is already ABANDONED%n", this.target.id);
					forgetPlan(execution, out);
					return ExitCodes.OK;
				}
				case STARTING, STARTED, STOPPING -> {
					Recovery recovery = this.contexts.bean(SpringContexts.Need.REPOSITORY, Recovery.class);
					Recovery.Liveness liveness = recovery.liveness(execution);
					if (!liveness.stale()) {
						out.printf(
								"execution %d is %s and looks alive (%s): 'stop %d' first, or 'recover %d --force' "
										+ "if its process is known to be gone%n",
								this.target.id, execution.getStatus(), liveness.describe(), this.target.id,
								this.target.id);
						return ExitCodes.ALREADY_RUNNING;
					}
					recovery.recover(execution, liveness);
					out.printf("execution %d was %s but its process died (%s): marked FAILED%n", this.target.id,
							execution.getStatus(), liveness.describe());
				}
				default -> {
				}
			}
			abandon(this.contexts.bean(SpringContexts.Need.REPOSITORY, JobRepository.class));
			out.printf("execution %d abandoned%n", this.target.id);
			forgetPlan(execution, out);
			return ExitCodes.OK;
		}
		finally {
			out.flush();
		}
	}

	/**
	 * A planned night's plan is never merged or sent once its date is abandoned: its
	 * pages and planned snapshots go (again, should an earlier abandon have stopped short
	 * of it).
	 */
	private void forgetPlan(JobExecution execution, java.io.PrintWriter out) {
		int planned = this.contexts.bean(SpringContexts.Need.REPOSITORY, Nights.class)
			.abandoned(execution.getJobInstance().getJobName(), RunIdentity.of(execution.getJobParameters()).runKey());
		if (planned > 0) {
			out.printf("its plan for %d destination(s) was deleted; their sync state is as the last completed night "
					+ "left it%n", planned);
		}
	}

	/**
	 * Spring Batch's {@code JobOperator.abandon} sets the end time to now, so a run
	 * stopped at night and abandoned in the morning would report hours of work; this
	 * keeps the time it really ended.
	 */
	private void abandon(JobRepository jobRepository) {
		JobExecution execution = jobRepository.getJobExecution(this.target.id);
		if (execution.getEndTime() == null) {
			execution
				.setEndTime((execution.getLastUpdated() != null) ? execution.getLastUpdated() : LocalDateTime.now());
		}
		execution.upgradeStatus(BatchStatus.ABANDONED);
		jobRepository.update(execution);
	}

}
