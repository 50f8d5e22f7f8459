package com.audiencesync.cli;

import java.io.PrintWriter;
import java.util.function.Function;

import com.audiencesync.batch.launch.RunOutcome;
import com.audiencesync.batch.remote.Broker;
import com.audiencesync.batch.run.RunOptions;
import com.audiencesync.spec.JobSpec;
import picocli.CommandLine.Option;

/**
 * The options of every command that runs a job: where it sends, and what it may delete.
 */
class RunFlags {

	@Option(names = "--sandbox", description = "send to the loopback vendor emulator started in-process")
	boolean sandbox;

	@Option(names = "--remote", description = "hand the partitions to workers over RabbitMQ ('worker' processes; "
			+ "the same as audience-sync.remote.enabled=true)")
	boolean remote;

	@Option(names = "--allow-mass-delete",
			description = "let a mirror delete more than its spec's mirror.max-delete-ratio of the known keys")
	boolean allowMassDelete;

	@Option(names = "--allow-mass-update", description = "let a planned night update more than "
			+ "audience-sync.state.max-change-ratio of the keys the vendor holds")
	boolean allowMassUpdate;

	private SpringContexts contexts;

	/** What the flags ask of the application, set before it starts. */
	void prepare(SpringContexts contexts) {
		this.contexts = contexts;
		if (this.remote && this.sandbox) {
			// the emulator lives in this process: a worker would send to the vendor
			throw new IllegalArgumentException(
					"--sandbox and --remote do not go together: remote workers cannot reach this process's emulator");
		}
		if (this.remote) {
			contexts.byDefault("audience-sync.remote.enabled", "true");
		}
	}

	/** These flags applied to run options. */
	RunOptions apply(RunOptions options) {
		RunOptions applied = this.allowMassDelete ? options.allowingMassDelete() : options;
		return this.allowMassUpdate ? applied.allowingMassUpdate() : applied;
	}

	/** Runs against the sandbox or the configured vendor, printing the outcome. */
	RunOutcome run(PrintWriter out, JobSpec spec, Function<RunOptions, RunOutcome> run) {
		if (this.contexts != null) {
			// handing partitions out: a broker that cannot be reached is a setting to fix
			// (exit 2), found before the run starts
			this.contexts.ifStarted(SpringContexts.Need.ALL)
				.ifPresent((context) -> context.getBeanProvider(Broker.class).ifAvailable(Broker::requireReachable));
		}
		return LiveOrSandbox.run(this.sandbox, out, spec, (options) -> run.apply(apply(options)));
	}

}
