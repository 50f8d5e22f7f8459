package com.audiencesync.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.reflect.Constructor;
import java.util.Arrays;

import com.audiencesync.logging.LogMasking;
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
		try (contexts; Termination termination = Termination.install(contexts)) {
			CommandLine commandLine = commandLine(contexts);
			if (Arrays.asList(args).contains(DEBUG)) {
				IExecutionExceptionHandler handler = commandLine.getExecutionExceptionHandler();
				commandLine.setExecutionExceptionHandler((ex, cmd, parsed) -> {
					StringWriter trace = new StringWriter();
					ex.printStackTrace(new PrintWriter(trace));
					cmd.getErr().print(LogMasking.mask(trace.toString()));
					return handler.handleExecutionException(ex, cmd, parsed);
				});
			}
			return commandLine.execute(withoutSpringProperties(args));
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
			cmd.getErr().println("error: " + LogMasking.mask(ex.getMessage()));
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
