package com.audiencesync.batch.remote;

import java.io.IOException;
import java.util.Comparator;
import java.util.Map;

import com.audiencesync.batch.SyncProperties;
import com.audiencesync.batch.jobs.JobFactory;
import com.audiencesync.batch.jobs.LogContext;
import com.audiencesync.batch.jobs.RemoteWorkerStepBuilder;
import com.audiencesync.batch.recovery.Heartbeat;
import com.audiencesync.batch.reports.RunReports;
import com.audiencesync.batch.run.RunIdentity;
import com.audiencesync.batch.run.RunOptions;
import com.audiencesync.names.Names;
import com.audiencesync.spec.JobSpec;
import com.audiencesync.spec.SpecCatalog;
import com.rabbitmq.client.Channel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.amqp.support.AmqpHeaders;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInterruptedException;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.integration.partition.StepExecutionRequest;
import org.springframework.messaging.Message;

/**
 * A worker's side of remote partitioning: takes a partition request (its step execution's
 * id), finds the run's job and spec (by name, in this worker's jobs folder), runs the
 * partition and acknowledges the message once the step execution is stored. A worker that
 * dies leaves the message unacknowledged: RabbitMQ hands it to another, which goes on
 * from the partition's last committed chunk.
 */
final class RemoteWorker {

	private static final Logger log = LoggerFactory.getLogger(RemoteWorker.class);

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final JobRepository jobRepository;

	private final RunReports reports;

	private final JobFactory jobFactory;

	private final RemoteWorkerStepBuilder steps;

	private final SyncProperties properties;

	private final WorkerShutdown shutdown;

	RemoteWorker(JobRepository jobRepository, RunReports reports, JobFactory jobFactory, RemoteWorkerStepBuilder steps,
			SyncProperties properties, WorkerShutdown shutdown) {
		this.jobRepository = jobRepository;
		this.reports = reports;
		this.jobFactory = jobFactory;
		this.steps = steps;
		this.properties = properties;
		this.shutdown = shutdown;
	}

	/**
	 * A partition request as the message body:
	 * {@code {"stepName":..,"stepExecutionId":..}}.
	 */
	static String toJson(StepExecutionRequest request) {
		return JSON.writeValueAsString(
				Map.of("stepName", request.getStepName(), "stepExecutionId", request.getStepExecutionId()));
	}

	/** Runs the partition of a message, then acknowledges it. */
	void handle(Message<?> message) {
		Channel channel = message.getHeaders().get(AmqpHeaders.CHANNEL, Channel.class);
		Long tag = message.getHeaders().get(AmqpHeaders.DELIVERY_TAG, Long.class);
		long id = JSON.readTree(String.valueOf(message.getPayload())).get("stepExecutionId").asLong();
		if (this.shutdown.draining()) {
			// stopping: the message stays unacknowledged, for the next worker
			this.shutdown.park();
		}
		try {
			run(id);
		}
		finally {
			LogContext.clear();
			try {
				channel.basicAck(tag, false);
			}
			catch (IOException ex) {
				// the channel is gone: RabbitMQ hands the message out again, and the
				// partition, complete by now, is not run twice
				log.warn("partition {}: cannot acknowledge its message ({})", id, ex.getMessage());
			}
		}
	}

	private void run(long stepExecutionId) {
		StepExecution partition = this.jobRepository.getStepExecution(stepExecutionId);
		if (partition == null) {
			log.warn("skipped a stale message: step execution {} does not exist (its job repository was cleaned "
					+ "or is another one)", stepExecutionId);
			return;
		}
		JobExecution job = this.reports.load(partition.getJobExecutionId());
		LogContext.job(job.getJobInstance().getJobName(), job.getId());
		LogContext.partition(partition.getStepName());
		if (!partition.getStatus().isRunning()) {
			log.info("skipped a stale message: partition {} of execution {} is already {}", partition.getStepName(),
					job.getId(), partition.getStatus());
			return;
		}
		if (job.getStatus() != BatchStatus.STARTING && job.getStatus() != BatchStatus.STARTED) {
			log.info("skipped a stale message: partition {} of execution {}, which is {}", partition.getStepName(),
					job.getId(), job.getStatus());
			return;
		}
		try {
			JobSpec spec = new SpecCatalog(this.properties.jobsDir()).resolve(job.getJobInstance().getJobName());
			RunIdentity identity = RunIdentity.of(job.getJobParameters());
			RunOptions options = resync(job) ? RunOptions.LIVE.resyncing() : RunOptions.LIVE;
			if (identity.sandbox()) {
				throw new IllegalStateException("execution " + job.getId() + " is a sandbox's run: its emulator lives "
						+ "in the manager's process, so no worker may send its rows");
			}
			String account = this.jobFactory.account(spec, options);
			String managers = job.getJobParameters().getString(Names.ACCOUNT);
			if (managers != null && !managers.equals(account)) {
				throw new IllegalStateException(
						"this worker sends to the vendor account '" + account + "' and the run's manager to '"
								+ managers + "': give the worker the manager's audience-sync.destinations.* settings");
			}
			// a plan partition was made by the plan step, a sync partition by the sync
			// step
			String made = partition.getStepName().startsWith(Names.PLAN_STEP + ":") ? Names.PLAN_STEP
					: Names.MANAGER_STEP;
			StepExecution manager = job.getStepExecutions()
				.stream()
				.filter((step) -> made.equals(step.getStepName()))
				.max(Comparator.comparingLong(StepExecution::getId))
				.orElseThrow(() -> new IllegalStateException("execution " + job.getId() + " has no " + made + " step"));
			// planned when the run has a plan step, in this execution or an earlier one
			boolean planned = this.jobRepository.getLastStepExecution(job.getJobInstance(), Names.PLAN_STEP) != null;
			RemoteWorkerStepBuilder.RemoteStep step = this.steps.build(spec, identity, options, manager, planned);
			partition.getExecutionContext().putString(Names.WORKER, Heartbeat.owner());
			log.info("{}: taken by worker {}", partition.getStepName(), Heartbeat.owner());
			try {
				this.shutdown.run(() -> execute(step, partition));
			}
			finally {
				step.pool().close();
			}
		}
		catch (Exception ex) {
			// the partition cannot run here (no spec, a bad configuration): it fails, so
			// the manager sees it, rather than going round the queue for ever
			log.error("{}: cannot run on this worker: {}", partition.getStepName(), ex.getMessage());
			partition.setStatus(BatchStatus.FAILED);
			partition.setExitStatus(ExitStatus.FAILED.addExitDescription(ex));
			this.jobRepository.update(partition);
		}
	}

	private static void execute(RemoteWorkerStepBuilder.RemoteStep step, StepExecution partition) {
		try {
			step.step().execute(partition);
		}
		catch (JobInterruptedException ex) {
			// the run was stopped: the step is stored STOPPED
			log.info("{}: stopped ({})", partition.getStepName(), ex.getMessage());
		}
	}

	private static boolean resync(JobExecution job) {
		return "true".equals(job.getJobParameters().getString(Names.RESYNC));
	}

}
