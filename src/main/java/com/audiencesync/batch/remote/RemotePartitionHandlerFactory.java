package com.audiencesync.batch.remote;

import com.audiencesync.batch.jobs.PartitionHandlerFactory;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.batch.core.partition.PartitionHandler;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.integration.partition.MessageChannelPartitionHandler;
import org.springframework.integration.core.MessagingTemplate;
import org.springframework.messaging.MessageChannel;

/**
 * Hands a run's partitions to remote workers: each partition is a message (its step
 * execution's id) on the RabbitMQ queue, and the manager polls the job repository until
 * every partition's step execution has ended (Spring Batch's
 * {@link MessageChannelPartitionHandler}, watched: {@link WatchedPartitionHandler}).
 * Polling, not replies: two runs on one queue never take each other's results
 * (spring-batch#4945).
 */
final class RemotePartitionHandlerFactory implements PartitionHandlerFactory {

	private final JobRepository jobRepository;

	private final MessageChannel requests;

	private final RemoteProperties properties;

	private final String broker;

	private final MeterRegistry meters;

	RemotePartitionHandlerFactory(JobRepository jobRepository, MessageChannel requests, RemoteProperties properties,
			String broker, MeterRegistry meters) {
		this.jobRepository = jobRepository;
		this.requests = requests;
		this.properties = properties;
		this.broker = broker;
		this.meters = meters;
	}

	/**
	 * A handler for one run's manager step; the workers build the partitions' step
	 * themselves, from the spec in their jobs folder, and take as many partitions at once
	 * as they are configured to ({@code worker-concurrency}), so {@code worker} and
	 * {@code concurrency} are not used here.
	 */
	@Override
	public PartitionHandler create(Step worker, int gridSize, int concurrency) {
		MessageChannelPartitionHandler handler = new WatchedPartitionHandler(this.jobRepository, this.properties,
				this.broker, this.meters);
		// the partitions' kind: a worker builds their step by their names
		handler.setStepName(worker.getName());
		handler.setGridSize(gridSize);
		handler.setMessagingOperations(new MessagingTemplate(this.requests));
		try {
			handler.afterPropertiesSet();
		}
		catch (Exception ex) {
			throw new IllegalStateException("cannot build the remote partition handler: " + ex.getMessage(), ex);
		}
		return handler;
	}

}
