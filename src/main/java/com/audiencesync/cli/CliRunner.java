package com.audiencesync.cli;

import java.util.Arrays;

import com.audiencesync.spec.SpecException;
import picocli.CommandLine;

import org.springframework.boot.CommandLineRunner;
import org.springframework.boot.ExitCodeGenerator;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.ApplicationContext;
import org.springframework.stereotype.Component;

/**
 * Runs the command line inside the Spring context, so commands get their collaborators by
 * constructor injection and Spring Boot properties ({@code --a.b=c}) keep working beside
 * the commands' own options.
 */
@Component
@ConditionalOnProperty(name = "audience-sync.cli.enabled", havingValue = "true", matchIfMissing = true)
class CliRunner implements CommandLineRunner, ExitCodeGenerator {

	private final ApplicationContext context;

	private int exitCode;

	CliRunner(ApplicationContext context) {
		this.context = context;
	}

	@Override
	public void run(String... args) {
		this.exitCode = commandLine(this.context).execute(withoutSpringProperties(args));
	}

	@Override
	public int getExitCode() {
		return this.exitCode;
	}

	/** The command line with commands created by Spring. */
	static CommandLine commandLine(ApplicationContext context) {
		CommandLine.IFactory fallback = CommandLine.defaultFactory();
		CommandLine.IFactory factory = new CommandLine.IFactory() {
			@Override
			public <K> K create(Class<K> type) throws Exception {
				if (type.getPackageName().startsWith("com.audiencesync")) {
					return context.getAutowireCapableBeanFactory().createBean(type);
				}
				return fallback.create(type);
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

	/** Spring Boot reads {@code --some.property=value}; the commands never see them. */
	static String[] withoutSpringProperties(String[] args) {
		return Arrays.stream(args).filter((arg) -> !isSpringProperty(arg)).toArray(String[]::new);
	}

	private static boolean isSpringProperty(String arg) {
		if (!arg.startsWith("--") || !arg.contains("=")) {
			return false;
		}
		return arg.substring(2, arg.indexOf('=')).contains(".");
	}

}
