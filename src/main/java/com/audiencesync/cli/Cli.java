package com.audiencesync.cli;

import java.lang.reflect.Constructor;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.audiencesync.batch.RunningExecutions;
import com.audiencesync.spec.SpecException;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;

import org.springframework.context.ApplicationContext;

/**
 * The command line. Picocli parses it before any Spring application starts, so
 * {@code --help}, {@code -V} and usage errors answer at once; a command then starts only
 * the application it needs ({@link Contexts}). Spring Boot properties ({@code --a.b=c})
 * keep working beside the commands' own options.
 */
public final class Cli {

	/**
	 * Any command: print the stack trace of an error too (and Spring Boot's debug
	 * output).
	 */
	static final String DEBUG = "--debug";

	private Cli() {
	}

	/**
	 * Runs a command line to its exit code.
	 * @param application the whole application's main class
	 * @param args the command line
	 * @return the exit code (README, exit codes)
	 */
	public static int run(Class<?> application, String[] args) {
		return run(Contexts.starting(application, args), args);
	}

	static int run(Contexts contexts, String[] args) {
		int[] exitCode = new int[1];
		CountDownLatch done = new CountDownLatch(1);
		Thread hook = new Thread(() -> onTermination(contexts, done, exitCode), "sigterm");
		Runtime.getRuntime().addShutdownHook(hook);
		try {
			CommandLine commandLine = commandLine(contexts);
			boolean debug = Arrays.asList(args).contains(DEBUG);
			if (debug) {
				IExecutionExceptionHandler handler = commandLine.getExecutionExceptionHandler();
				commandLine.setExecutionExceptionHandler((ex, cmd, parsed) -> {
					ex.printStackTrace(cmd.getErr());
					return handler.handleExecutionException(ex, cmd, parsed);
				});
			}
			exitCode[0] = commandLine.execute(withoutSpringProperties(args));
		}
		finally {
			done.countDown();
			try {
				Runtime.getRuntime().removeShutdownHook(hook);
				contexts.close();
			}
			catch (IllegalStateException ex) {
				// the JVM is shutting down: the hook is running, closes and uses the exit
				// code
			}
		}
		return exitCode[0];
	}

	/**
	 * SIGTERM (a pod deleted, drained or rescheduled): a running execution is asked to
	 * stop after its current chunk and given {@code audience-sync.shutdown.grace} to do
	 * so, then the process exits with the command's exit code (4 once it stopped), the
	 * applications closed. Spring Boot's own shutdown hook is off (see {@link Contexts}):
	 * it would close the job repository under the running chunk.
	 */
	private static void onTermination(Contexts contexts, CountDownLatch done, int[] exitCode) {
		ApplicationContext context = contexts.ifStarted(Contexts.Need.ALL).orElse(null);
		RunningExecutions running = (context != null) ? context.getBean(RunningExecutions.class) : null;
		boolean stopping = running != null && running.any();
		Duration grace = stopping
				? context.getEnvironment()
					.getProperty("audience-sync.shutdown.grace", Duration.class, Duration.ofSeconds(25))
				: Duration.ZERO;
		if (stopping) {
			running.stopAll();
		}
		try {
			boolean finished = done.await(grace.toMillis(), TimeUnit.MILLISECONDS);
			if (stopping && !finished) {
				// not a static logger: logging starts with the Spring application, not
				// before
				Logger log = LoggerFactory.getLogger(Cli.class);
				log.warn("the run did not stop within audience-sync.shutdown.grace ({}s): exiting; the next run "
						+ "recovers it once its heartbeat is stale", grace.toSeconds());
			}
			contexts.close();
			if (stopping) {
				System.out.flush();
				Runtime.getRuntime().halt(finished ? exitCode[0] : ExitCodes.STOPPED);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	/** The command line on one running application (tests). */
	static CommandLine commandLine(ApplicationContext context) {
		return commandLine(Contexts.of(context));
	}

	/** The command line, its commands given the applications they start. */
	static CommandLine commandLine(Contexts contexts) {
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
			cmd.getErr().println("error: " + ex.getMessage());
			// a spec or configuration problem means nothing ran; anything else is a
			// failure
			boolean usage = ex instanceof SpecException || ex instanceof IllegalStateException
					|| ex instanceof IllegalArgumentException;
			return usage ? ExitCodes.USAGE : ExitCodes.FAILED;
		});
		return commandLine;
	}

	private static <K> Constructor<K> withContexts(Class<K> type) {
		try {
			return type.getDeclaredConstructor(Contexts.class);
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
