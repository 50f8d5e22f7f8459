package com.audiencesync.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.reflect.Constructor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;

import com.audiencesync.logging.LogLines;
import com.audiencesync.logging.LogMasking;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;

import org.springframework.context.ApplicationContext;

/**
 * The command line. Picocli parses it before any Spring application starts, so
 * {@code --help}, {@code -V} and usage errors answer at once; a command then starts only
 * the application it needs ({@link SpringContexts}). Spring Boot properties
 * ({@code --a.b=c}) keep working beside the commands' own options.
 */
public final class Cli {

	/**
	 * Any command: print the stack trace of an error too (and Spring Boot's debug
	 * output).
	 */
	static final String DEBUG = "--debug";

	/** Spring Boot's structured console logs, whose format it names. */
	private static final String STRUCTURED = "logging.structured.format.console";

	private Cli() {
	}

	/**
	 * Runs a command line to its exit code.
	 * @param application the whole application's main class
	 * @param args the command line
	 * @return the exit code (docs/cli.md, exit codes)
	 */
	public static int run(Class<?> application, String[] args) {
		OutOfMemory.watch();
		return run(SpringContexts.starting(application, springArguments(args)), args);
	}

	/**
	 * The command line as the Spring applications see it: with {@code --debug}, the
	 * loggers that are quiet for a user (Spring Batch's step failures, Spring Boot's
	 * start failures, whose stack traces repeat the one line the command prints) speak,
	 * and an exception logged prints its stack trace rather than its root cause in one
	 * line.
	 */
	static String[] springArguments(String[] args) {
		if (!Arrays.asList(args).contains(DEBUG)) {
			return args;
		}
		List<String> all = new ArrayList<>(Arrays.asList(args));
		for (String logger : QUIET) {
			all.add("--logging.level." + logger + "=debug");
		}
		all.add("--audience-sync.logging.cause=");
		all.add("--audience-sync.logging.trace=%wEx");
		return all.toArray(String[]::new);
	}

	/** Loggers off unless {@code --debug} (application.yml). */
	static final List<String> QUIET = List.of("org.springframework.batch.core.step.AbstractStep",
			"org.springframework.batch.core.step.item.ChunkOrientedStep",
			"org.springframework.batch.core.job.AbstractJob", "org.springframework.boot.SpringApplication",
			"org.springframework.boot.diagnostics.LoggingFailureAnalysisReporter",
			"org.springframework.context.annotation.AnnotationConfigApplicationContext");

	static int run(SpringContexts contexts, String[] args) {
		try (contexts; Termination termination = Termination.install(contexts)) {
			CommandLine commandLine = commandLine(contexts);
			// printed lines become log events (JSON) once structured logging is on
			BooleanSupplier structured = () -> structured(contexts);
			commandLine.setOut(new PrintWriter(LogLines.out(System.out, structured), true));
			commandLine.setErr(new PrintWriter(LogLines.err(System.err, structured), true));
			if (Arrays.asList(args).contains(DEBUG)) {
				IExecutionExceptionHandler handler = commandLine.getExecutionExceptionHandler();
				commandLine.setExecutionExceptionHandler((ex, cmd, parsed) -> {
					StringWriter trace = new StringWriter();
					ex.printStackTrace(new PrintWriter(trace));
					cmd.getErr().print(LogMasking.mask(trace.toString()));
					return handler.handleExecutionException(ex, cmd, parsed);
				});
			}
			int exitCode = commandLine.execute(withoutSpringProperties(args));
			SyncOutcomeReport.push(contexts, exitCode, commandLine.getErr());
			return exitCode;
		}
	}

	/** Whether an application the command started logs structured (JSON) lines. */
	private static boolean structured(SpringContexts contexts) {
		return Arrays.stream(SpringContexts.Need.values())
			.map(contexts::ifStarted)
			.flatMap(Optional::stream)
			.anyMatch((context) -> context.getEnvironment().containsProperty(STRUCTURED));
	}

	/** The command line on one running application (tests). */
	static CommandLine commandLine(ApplicationContext context) {
		return commandLine(SpringContexts.of(context));
	}

	/** The command line, its commands given the applications they start. */
	static CommandLine commandLine(SpringContexts contexts) {
		CommandLine.IFactory fallback = CommandLine.defaultFactory();
		CommandLine.IFactory factory = new CommandLine.IFactory() {
			@Override
			public <K> K create(Class<K> type) throws Exception {
				Constructor<K> withContexts = withContexts(type);
				return (withContexts != null) ? withContexts.newInstance(contexts) : fallback.create(type);
			}
		};
		CommandLine commandLine = new CommandLine(AudienceSyncCommand.class, factory);
		commandLine.setExecutionExceptionHandler((ex, cmd, parsed) -> {
			// a spec or configuration problem means nothing ran (2); anything else is a
			// failure (1)
			Errors.lines(ex).forEach((line) -> cmd.getErr().println("error: " + line));
			return Errors.exitCode(ex);
		});
		return commandLine;
	}

	private static <K> Constructor<K> withContexts(Class<K> type) {
		try {
			return type.getDeclaredConstructor(SpringContexts.class);
		}
		catch (NoSuchMethodException ex) {
			return null;
		}
	}

	/**
	 * Spring Boot reads {@code --some.property=value} (and {@code --debug}); the commands
	 * never see them.
	 */
	static String[] withoutSpringProperties(String[] args) {
		return Arrays.stream(args).filter((arg) -> !isSpringProperty(arg) && !DEBUG.equals(arg)).toArray(String[]::new);
	}

	private static boolean isSpringProperty(String arg) {
		if (!arg.startsWith("--") || !arg.contains("=")) {
			return false;
		}
		return arg.substring(2, arg.indexOf('=')).contains(".");
	}

}
