package com.audiencesync.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;

import com.audiencesync.batch.recovery.Recovery;
import com.audiencesync.batch.run.RunIdentity;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.repository.JobRepository;

/**
 * {@code recover <executionId> | --stale}: marks executions whose process died FAILED, so
 * their dates restart.
 */
@Command(name = "recover", mixinStandardHelpOptions = true,
		description = { "Marks a running execution whose process died FAILED, so that its date can resume.",
				"A process dies by SIGKILL, OOM or eviction. Its running steps are marked FAILED too, and the next run "
						+ "of its date restarts from the last committed chunk.",
				"'run' does this by itself once the heartbeat is older than audience-sync.recovery.stale-after; "
						+ "this is for an operator who knows sooner." })
class RecoverCommand implements Callable<Integer> {

	@ArgGroup(exclusive = true, multiplicity = "1")
	Target target;

	static class Target {

		@Parameters(index = "0", paramLabel = "EXECUTION_ID", description = "one execution")
		Long executionId;

		@Option(names = "--stale", description = "every running execution whose heartbeat is stale")
		boolean stale;

	}

	@Option(names = "--force", description = "with EXECUTION_ID: even if its heartbeat is fresh (its process is "
			+ "known to be gone, e.g. a deleted pod)")
	boolean force;

	@Spec
	CommandSpec commandSpec;

	private final SpringContexts contexts;

	RecoverCommand(SpringContexts contexts) {
		this.contexts = contexts;
	}

	@Override
	public Integer call() {
		JobRepository jobRepository = this.contexts.bean(SpringContexts.Need.REPOSITORY, JobRepository.class);
		Recovery recovery = this.contexts.bean(SpringContexts.Need.REPOSITORY, Recovery.class);
		var out = this.commandSpec.commandLine().getOut();
		try {
			if (this.target.stale) {
				List<JobExecution> stale = recovery.stale(jobRepository.getJobNames());
				for (JobExecution execution : stale) {
					recover(recovery, out, execution, recovery.liveness(execution));
				}
				out.printf("%d stale execution(s) recovered%n", stale.size());
				return ExitCodes.OK;
			}
			JobExecution execution = ExecutionById.load(this.contexts, SpringContexts.Need.REPOSITORY, out,
					this.target.executionId);
			if (execution == null) {
				return ExitCodes.USAGE;
			}
			if (!execution.getStatus().isRunning() && !Recovery.hasRunningStep(execution)) {
				out.printf("execution %d is %s, not running: nothing to recover%n", execution.getId(),
						execution.getStatus());
				return ExitCodes.USAGE;
			}
			Recovery.Liveness liveness = recovery.liveness(execution);
			if (!liveness.stale() && !this.force) {
				out.printf("execution %d looks alive (%s): 'stop %d' asks it to stop; --force recovers it anyway%n",
						execution.getId(), liveness.describe(), execution.getId());
				return ExitCodes.ALREADY_RUNNING;
			}
			recover(recovery, out, execution, liveness);
			return ExitCodes.OK;
		}
		finally {
			out.flush();
		}
	}

	private static void recover(Recovery recovery, PrintWriter out, JobExecution execution,
			Recovery.Liveness liveness) {
		recovery.recover(execution, liveness);
		RunIdentity identity = RunIdentity.of(execution.getJobParameters());
		out.printf("execution %d of %s (%s) marked FAILED (%s); 'run %s%s' resumes it%n", execution.getId(),
				execution.getJobInstance().getJobName(), (identity != null) ? identity.describe() : "?",
				liveness.describe(), execution.getJobInstance().getJobName(),
				(identity != null && identity.kind() == RunIdentity.Kind.NIGHTLY) ? " --param runDate=" + identity.to()
						: "");
	}

}
