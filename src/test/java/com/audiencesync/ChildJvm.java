package com.audiencesync;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The application in a JVM of its own, as a CronJob's pod runs it: the test classpath,
 * its output to a file. Tests kill it (SIGKILL, SIGTERM) or watch its memory.
 */
public final class ChildJvm {

	private ChildJvm() {
	}

	/**
	 * Starts {@code java <jvmOptions> AudienceSyncApplication <args>}, output and errors
	 * to {@code log}.
	 */
	public static Process start(List<String> jvmOptions, List<String> args, Path log) throws IOException {
		List<String> command = new ArrayList<>();
		command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
		command.addAll(jvmOptions);
		command.add("-cp");
		command.add(System.getProperty("java.class.path"));
		command.add(AudienceSyncApplication.class.getName());
		command.addAll(args);
		return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
	}

}
