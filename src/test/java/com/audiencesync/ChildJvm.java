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
		return start(jvmOptions, args, log, null);
	}

	/**
	 * Starts it in that working directory (its default H2 repository under {@code data/}
	 * there).
	 */
	public static Process start(List<String> jvmOptions, List<String> args, Path log, Path workingDirectory)
			throws IOException {
		return start(AudienceSyncApplication.class, jvmOptions, args, log, workingDirectory);
	}

	/** Starts another main class of the test classpath the same way. */
	public static Process start(Class<?> main, List<String> jvmOptions, List<String> args, Path log,
			Path workingDirectory) throws IOException {
		return start(System.getProperty("java.class.path"), main, jvmOptions, args, log, workingDirectory);
	}

	/**
	 * Starts a main class on another classpath (a benchmark's image layout) the same way.
	 */
	public static Process start(String classpath, Class<?> main, List<String> jvmOptions, List<String> args, Path log,
			Path workingDirectory) throws IOException {
		List<String> command = new ArrayList<>();
		command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
		command.addAll(jvmOptions);
		command.add("-cp");
		command.add(classpath);
		command.add(main.getName());
		command.addAll(args);
		ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
		if (workingDirectory != null) {
			builder.directory(workingDirectory.toFile());
		}
		return builder.start();
	}

}
