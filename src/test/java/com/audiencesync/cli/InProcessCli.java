package com.audiencesync.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Set;

import com.audiencesync.AudienceSyncApplication;

/**
 * The command line as {@code main} runs it (the applications it starts included), in the
 * test's JVM, its output captured.
 */
final class InProcessCli {

	private InProcessCli() {
	}

	/**
	 * What a command line did.
	 *
	 * @param code the exit code
	 * @param out standard output
	 * @param err standard error
	 * @param started the applications it started
	 */
	record Result(int code, String out, String err, Set<SpringContexts.Need> started) {
	}

	/** Runs a command line, words split at spaces. */
	static Result run(String line) {
		String[] args = line.split(" ");
		SpringContexts contexts = SpringContexts.starting(AudienceSyncApplication.class, args);
		PrintStream out = System.out;
		PrintStream err = System.err;
		ByteArrayOutputStream stdout = new ByteArrayOutputStream();
		ByteArrayOutputStream stderr = new ByteArrayOutputStream();
		try {
			System.setOut(new PrintStream(stdout, true, StandardCharsets.UTF_8));
			System.setErr(new PrintStream(stderr, true, StandardCharsets.UTF_8));
			int code = Cli.run(contexts, args);
			return new Result(code, stdout.toString(StandardCharsets.UTF_8), stderr.toString(StandardCharsets.UTF_8),
					contexts.started());
		}
		finally {
			System.setOut(out);
			System.setErr(err);
		}
	}

}
