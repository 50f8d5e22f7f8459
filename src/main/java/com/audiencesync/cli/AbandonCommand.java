package com.audiencesync.cli;

import java.time.LocalDateTime;
import java.util.concurrent.Callable;

import com.audiencesync.batch.recovery.Recovery;
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
			return ExitCodes.OK;
		}
		finally {
			out.flush();
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
