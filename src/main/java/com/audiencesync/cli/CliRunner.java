package com.audiencesync.cli;

import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.audiencesync.batch.RunningExecutions;
import com.audiencesync.spec.SpecException;
import picocli.CommandLine;

import org.springframework.boot.CommandLineRunner;
import org.springframework.boot.ExitCodeGenerator;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.stereotype.Component;

/**
 * Runs the command line inside the Spring context, so commands get their collaborators by
 * constructor injection and Spring Boot properties ({@code --a.b=c}) keep working beside
 * the commands' own options.
 */
@Component
@ConditionalOnProperty(name = "audience-sync.cli.enabled", havingValue = "true", matchIfMissing = true)
class CliRunner implements CommandLineRunner, ExitCodeGenerator {

	private static final Logger log = LoggerFactory.getLogger(CliRunner.class);

	private final ApplicationContext context;

	private volatile int exitCode;

	CliRunner(ApplicationContext context) {
		this.context = context;
	}

	@Override
	public void run(String... args) {
		CountDownLatch done = new CountDownLatch(1);
		Thread hook = new Thread(() -> onTermination(done), "sigterm");
		Runtime.getRuntime().addShutdownHook(hook);
		try {
			this.exitCode = commandLine(this.context).execute(withoutSpringProperties(args));
		}
		finally {
			done.countDown();
			try {
				Runtime.getRuntime().removeShutdownHook(hook);
			}
			catch (IllegalStateException ex) {
				// the JVM is shutting down: the hook is running and uses the exit code
			}
		}
	}

	/**
	 * SIGTERM (a pod deleted, drained or rescheduled): a running execution is asked to
	 * stop after its current chunk and given {@code audience-sync.shutdown.grace} to do
	 * so, then the process exits with the command's exit code (4 once it stopped), the
	 * context closed. Spring Boot's own shutdown hook is off (see the main class): it
	 * would close the job repository under the running chunk.
	 */
	private void onTermination(CountDownLatch done) {
		RunningExecutions running = this.context.getBean(RunningExecutions.class);
		Duration grace = this.context.getEnvironment()
			.getProperty("audience-sync.shutdown.grace", Duration.class, Duration.ofSeconds(25));
		boolean stopping = running.any();
		if (stopping) {
			running.stopAll();
		}
		try {
			boolean finished = done.await(stopping ? grace.toMillis() : 0, TimeUnit.MILLISECONDS);
			if (stopping && !finished) {
				log.warn("the run did not stop within audience-sync.shutdown.grace ({}s): exiting; the next run "
						+ "recovers it once its heartbeat is stale", grace.toSeconds());
			}
			close();
			if (stopping) {
				System.out.flush();
				Runtime.getRuntime().halt(finished ? this.exitCode : ExitCodes.STOPPED);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private void close() {
		if (this.context instanceof ConfigurableApplicationContext configurable) {
			configurable.close();
		}
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
