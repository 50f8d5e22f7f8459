package com.audiencesync.cli;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import com.audiencesync.batch.recovery.RunningExecutions;
import com.audiencesync.batch.remote.WorkerShutdown;
import org.slf4j.LoggerFactory;
import sun.misc.Signal;
import sun.misc.SignalHandler;

import org.springframework.context.ApplicationContext;

/**
 * SIGTERM (a pod deleted, drained or rescheduled) and SIGINT (Ctrl-C): a running
 * execution is asked to stop after its current chunk and given
 * {@code audience-sync.shutdown.grace} to do so; the command then ends as usual (exit 4,
 * STOPPED) and only then does the JVM shut down. The signal is handled rather than left
 * to shutdown hooks, which all run at once: H2's would close a local job repository under
 * the running chunk (Spring Boot's own hook is off for the same reason, see
 * {@link SpringContexts}). With nothing running, the process exits at once as the JVM
 * would.
 */
final class Termination implements AutoCloseable {

	private final SpringContexts contexts;

	private final CountDownLatch done = new CountDownLatch(1);

	private final List<Installed> installed = new ArrayList<>();

	private record Installed(Signal signal, SignalHandler previous) {
	}

	private Termination(SpringContexts contexts) {
		this.contexts = contexts;
	}

	/** Handles SIGTERM and SIGINT until closed. */
	static Termination install(SpringContexts contexts) {
		Termination termination = new Termination(contexts);
		for (String name : List.of("TERM", "INT")) {
			try {
				Signal signal = new Signal(name);
				termination.installed.add(new Installed(signal, Signal.handle(signal, termination::handle)));
			}
			catch (IllegalArgumentException ex) {
				// the signal is not handled on this platform or under -Xrs: the JVM's way
				// stays
			}
		}
		return termination;
	}

	private void handle(Signal signal) {
		ApplicationContext context = this.contexts.ifStarted(SpringContexts.Need.ALL).orElse(null);
		WorkerShutdown worker = (context != null) ? context.getBeanProvider(WorkerShutdown.class).getIfAvailable()
				: null;
		if (worker != null) {
			stopWorker(context, worker, signal);
			return;
		}
		RunningExecutions running = (context != null) ? context.getBean(RunningExecutions.class) : null;
		if (running == null || !running.any()) {
			System.exit(128 + signal.getNumber());
			return;
		}
		Duration grace = context.getEnvironment()
			.getProperty("audience-sync.shutdown.grace", Duration.class, Duration.ofSeconds(25));
		running.stopAll();
		try {
			if (!this.done.await(grace.toMillis(), TimeUnit.MILLISECONDS)) {
				// not a static logger: logging starts with the Spring application
				LoggerFactory.getLogger(Termination.class)
					.warn("the run did not stop within audience-sync.shutdown.grace ({}s): exiting; the next run "
							+ "recovers it once its heartbeat is stale", grace.toSeconds());
				System.out.flush();
				System.exit(ExitCodes.STOPPED);
			}
			// stopped: the command returns its exit code and main exits with it
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	/**
	 * A worker stops its partitions at a chunk boundary, leaving them to other workers,
	 * and exits; one still in a chunk after the grace is left as a killed worker leaves
	 * it.
	 */
	private static void stopWorker(ApplicationContext context, WorkerShutdown worker, Signal signal) {
		Duration grace = context.getEnvironment()
			.getProperty("audience-sync.shutdown.grace", Duration.class, Duration.ofSeconds(25));
		int stopped = worker.drain(grace);
		var log = LoggerFactory.getLogger(Termination.class);
		if (stopped < 0) {
			log.warn("a partition did not reach a chunk boundary within audience-sync.shutdown.grace ({}s): exiting; "
					+ "another worker goes on from its last committed chunk", grace.toSeconds());
		}
		else {
			log.info("worker stopped (SIG{}): {} partition(s) left at a chunk boundary for other workers",
					signal.getName(), stopped);
		}
		System.out.flush();
		System.exit(128 + signal.getNumber());
	}

	/** The command returned: the JVM's own handling of the signals comes back. */
	@Override
	public void close() {
		this.done.countDown();
		this.installed.forEach((each) -> Signal.handle(each.signal(), each.previous()));
	}

}
