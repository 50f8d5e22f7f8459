package com.audiencesync.cli;

import java.io.PrintWriter;
import java.util.function.Function;

import com.audiencesync.batch.launch.RunOutcome;
import com.audiencesync.batch.run.RunOptions;
import com.audiencesync.sandbox.SandboxServer;
import com.audiencesync.spec.JobSpec;

/**
 * Runs a job against the configured vendor (live), or with {@code --sandbox} against the
 * vendor's emulator in a sandbox started for the run, and prints the outcome.
 */
final class LiveOrSandbox {

	private LiveOrSandbox() {
	}

	/**
	 * The outcome of {@code run} given the options; with {@code sandbox}, the options
	 * point the spec's vendor at its emulator (its base URL, key and whatever else it
	 * needs, as property overrides), and what it received is printed after the outcome.
	 */
	static RunOutcome run(boolean sandbox, PrintWriter out, JobSpec spec, Function<RunOptions, RunOutcome> run) {
		if (!sandbox) {
			RunOutcome outcome = run.apply(RunOptions.LIVE);
			Printer.outcome(out, outcome);
			return outcome;
		}
		String vendor = spec.vendor();
		try (SandboxServer server = SandboxServer.start("127.0.0.1", 0, SandboxCommand.SANDBOX_KEY)) {
			out.printf("sandbox: %s emulated at %s%n", vendor, server.baseUrl(vendor));
			RunOutcome outcome = run.apply(RunOptions.sandbox(server.clientProperties(vendor)));
			Printer.outcome(out, outcome);
			out.printf("sandbox: %s%n", server.summary(vendor));
			out.flush();
			return outcome;
		}
	}

}
