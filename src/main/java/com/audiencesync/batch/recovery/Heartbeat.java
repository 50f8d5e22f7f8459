package com.audiencesync.batch.recovery;

import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import com.audiencesync.state.Heartbeats;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.listener.JobExecutionListener;

/**
 * Writes a running execution's heartbeat from its own thread, whatever the run is doing
 * (a long chunk, a vendor's backoff), and removes it when the execution ends. A process
 * killed with SIGKILL leaves the heartbeat to age: that is how the next run knows.
 */
public final class Heartbeat implements JobExecutionListener {

	private static final Logger log = LoggerFactory.getLogger(Heartbeat.class);

	private final Heartbeats heartbeats;

	private final Duration interval;

	private ScheduledExecutorService timer;

	public Heartbeat(Heartbeats heartbeats, Duration interval) {
		this.heartbeats = heartbeats;
		this.interval = interval;
	}

	@Override
	public void beforeJob(JobExecution execution) {
		long id = execution.getId();
		this.heartbeats.start(id, owner());
		this.timer = Executors.newSingleThreadScheduledExecutor((runnable) -> {
			Thread thread = new Thread(runnable, "heartbeat-" + id);
			thread.setDaemon(true);
			return thread;
		});
		this.timer.scheduleWithFixedDelay(() -> {
			if (execution.getEndTime() != null || !execution.isRunning()) {
				// the job has ended, whatever its process does next: a run never looks
				// alive past its work
				this.timer.shutdown();
				return;
			}
			try {
				this.heartbeats.beat(id);
			}
			catch (RuntimeException ex) {
				// the database is away for a moment: the next beat tries again
				log.warn("heartbeat of execution {} not written: {}", id, ex.getMessage());
			}
		}, this.interval.toMillis(), this.interval.toMillis(), TimeUnit.MILLISECONDS);
	}

	/**
	 * Stops the beats, letting one in flight finish rather than interrupting it in the
	 * middle of its statement (an interrupted JDBC call can leave its pooled connection
	 * half-read for the next borrower), then removes the heartbeat.
	 */
	@Override
	public void afterJob(JobExecution execution) {
		if (this.timer != null) {
			this.timer.shutdown();
			try {
				if (!this.timer.awaitTermination(this.interval.toMillis(), TimeUnit.MILLISECONDS)) {
					log.warn("heartbeat of execution {} still writing after {}: left to end by itself",
							execution.getId(), this.interval);
				}
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
		this.heartbeats.end(execution.getId());
	}

	/** {@code host:pid}, to tell an operator where a run lives. */
	public static String owner() {
		String host;
		try {
			host = InetAddress.getLocalHost().getHostName();
		}
		catch (java.io.IOException ex) {
			host = "unknown-host";
		}
		return host + ":" + ManagementFactory.getRuntimeMXBean().getPid();
	}

}
