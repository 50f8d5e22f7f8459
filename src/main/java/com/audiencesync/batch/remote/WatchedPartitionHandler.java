package com.audiencesync.batch.remote;

import java.time.Duration;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.integration.partition.MessageChannelPartitionHandler;

/**
 * Spring Batch's handler, watched while it polls: it would wait for ever for partitions
 * no worker takes, and a stop request never reaches a partition still on the queue. Here,
 * while no worker has taken any partition, the manager warns after {@code worker-warning}
 * and fails the run after {@code worker-timeout}; on a stop, the partitions no worker has
 * taken are marked STOPPED at once (those being run stop at their workers' next chunk),
 * so no step is left STARTED. While no worker has taken any of its partitions, the
 * manager's gauge {@code audience_sync_remote_partitions_waiting{sync}} counts them (0
 * otherwise): the {@code AudienceSyncNoWorker} alert's series.
 */
final class WatchedPartitionHandler extends MessageChannelPartitionHandler {

	private static final Logger log = LoggerFactory.getLogger(WatchedPartitionHandler.class);

	/** The gauge of partitions no worker has taken: tag {@code sync}. */
	static final String WAITING = "audience.sync.remote.partitions.waiting";

	private final JobRepository jobRepository;

	private final RemoteProperties properties;

	private final String broker;

	private final MeterRegistry meters;

	WatchedPartitionHandler(JobRepository jobRepository, RemoteProperties properties, String broker,
			MeterRegistry meters) {
		this.jobRepository = jobRepository;
		this.properties = properties;
		this.broker = broker;
		this.meters = meters;
		setJobRepository(jobRepository);
		setPollInterval(properties.pollInterval().toMillis());
	}

	@Override
	protected Set<StepExecution> doHandle(StepExecution manager, Set<StepExecution> partitions) throws Exception {
		if (partitions.isEmpty()) {
			return super.doHandle(manager, partitions);
		}
		// a gauge of this wait's own, gone with it: the next run registers its own
		AtomicInteger waiting = new AtomicInteger();
		Gauge gauge = Gauge.builder(WAITING, waiting, AtomicInteger::get)
			.description("Partitions of a remote run that no worker has taken yet (0 once one has)")
			.tag("sync", manager.getJobExecution().getJobInstance().getJobName())
			.strongReference(true)
			.register(this.meters);
		Watch watch = new Watch(manager, partitions.stream().map(StepExecution::getId).toList(),
				MDC.getCopyOfContextMap(), waiting);
		ScheduledExecutorService watcher = Executors.newSingleThreadScheduledExecutor((task) -> {
			Thread thread = new Thread(task, "remote-partitions-watch");
			thread.setDaemon(true);
			return thread;
		});
		long every = Math.max(50, this.properties.pollInterval().toMillis());
		watcher.scheduleWithFixedDelay(watch::check, every, every, TimeUnit.MILLISECONDS);
		try {
			Set<StepExecution> ended = super.doHandle(manager, partitions);
			if (watch.timedOut) {
				throw new IllegalStateException(noWorker(partitions.size()) + " within "
						+ seconds(this.properties.workerTimeout()) + " (audience-sync.remote.worker-timeout): "
						+ "start 'worker' processes on that broker, then run again");
			}
			return ended;
		}
		finally {
			watcher.shutdownNow();
			watcher.awaitTermination(10, TimeUnit.SECONDS);
			waiting.set(0);
			this.meters.remove(gauge);
		}
	}

	private String noWorker(int partitions) {
		return "no worker took any of the " + partitions + " partition(s) on queue " + this.properties.queue() + " at "
				+ this.broker;
	}

	private static String seconds(Duration duration) {
		return duration.toSeconds() + "s";
	}

	/** One manager step's partitions, looked at every poll interval. */
	private final class Watch {

		private final StepExecution manager;

		private final List<Long> ids;

		private final Map<String, String> logContext;

		private final long started = System.nanoTime();

		private boolean taken;

		private boolean warned;

		private boolean stopped;

		private volatile boolean timedOut;

		private final AtomicInteger waitingGauge;

		Watch(StepExecution manager, List<Long> ids, Map<String, String> logContext, AtomicInteger waitingGauge) {
			this.manager = manager;
			this.ids = ids;
			this.logContext = logContext;
			this.waitingGauge = waitingGauge;
		}

		void check() {
			if (this.logContext != null) {
				MDC.setContextMap(this.logContext);
			}
			try {
				checkOnce();
			}
			catch (RuntimeException ex) {
				// the repository did not answer: the next look tries again, and the
				// manager's own polling fails the run if it stays away
				log.debug("cannot look at the partitions of execution {}", this.manager.getJobExecutionId(), ex);
			}
			finally {
				MDC.clear();
			}
		}

		private void checkOnce() {
			JobExecution job = WatchedPartitionHandler.this.jobRepository
				.getJobExecution(this.manager.getJobExecutionId());
			boolean stopping = this.manager.isTerminateOnly() || (job != null
					&& (job.getStatus() == BatchStatus.STOPPING || job.getStatus() == BatchStatus.STOPPED));
			if (stopping && !this.stopped) {
				this.stopped = true;
				this.waitingGauge.set(0);
				int marked = end(BatchStatus.STOPPED, ExitStatus.STOPPED
					.addExitDescription("stopped before a worker took it from queue " + properties.queue()));
				if (marked > 0) {
					log.info("stopping: {} partition(s) no worker had taken are marked STOPPED; the run's next "
							+ "start sends them again", marked);
				}
				return;
			}
			if (this.taken || this.stopped) {
				return;
			}
			int waiting = 0;
			for (long id : this.ids) {
				StepExecution partition = WatchedPartitionHandler.this.jobRepository.getStepExecution(id);
				if (partition != null && partition.getStatus() == BatchStatus.STARTING) {
					waiting++;
				}
			}
			if (waiting < this.ids.size()) {
				this.taken = true;
				this.waitingGauge.set(0);
				return;
			}
			this.waitingGauge.set(waiting);
			Duration waited = Duration.ofNanos(System.nanoTime() - this.started);
			if (waited.compareTo(properties.workerTimeout()) >= 0) {
				this.timedOut = true;
				this.stopped = true;
				this.waitingGauge.set(0);
				end(BatchStatus.FAILED, ExitStatus.FAILED.addExitDescription("no worker took it from queue "
						+ properties.queue() + " within " + seconds(properties.workerTimeout())));
				return;
			}
			if (!this.warned && waited.compareTo(properties.workerWarning()) >= 0) {
				this.warned = true;
				log.warn(
						"{} partition(s) wait on queue {} at {}: no worker has taken one in {} "
								+ "(audience-sync.remote.worker-warning); the run fails after {} (worker-timeout)",
						waiting, properties.queue(), broker, seconds(waited), seconds(properties.workerTimeout()));
			}
		}

		/** Ends the partitions no worker has taken; how many. */
		private int end(BatchStatus status, ExitStatus exit) {
			int ended = 0;
			for (long id : this.ids) {
				StepExecution partition = WatchedPartitionHandler.this.jobRepository.getStepExecution(id);
				if (partition == null || partition.getStatus() != BatchStatus.STARTING) {
					continue;
				}
				partition.setStatus(status);
				partition.setExitStatus(exit);
				partition.setEndTime(LocalDateTime.now());
				WatchedPartitionHandler.this.jobRepository.update(partition);
				ended++;
			}
			return ended;
		}

	}

}
