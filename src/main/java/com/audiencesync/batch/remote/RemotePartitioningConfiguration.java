package com.audiencesync.batch.remote;

import com.audiencesync.batch.SyncProperties;
import com.audiencesync.batch.jobs.JobFactory;
import com.audiencesync.batch.jobs.RemoteWorkerStepBuilder;
import com.audiencesync.batch.reports.RunReports;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.amqp.core.AcknowledgeMode;
import org.springframework.amqp.core.AmqpTemplate;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.core.QueueBuilder;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.integration.partition.StepExecutionRequest;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;
import org.springframework.integration.amqp.dsl.Amqp;
import org.springframework.integration.channel.DirectChannel;
import org.springframework.integration.config.EnableIntegration;
import org.springframework.integration.dsl.IntegrationFlow;
import org.springframework.messaging.MessageChannel;

/**
 * Remote partitioning over RabbitMQ through Spring Integration AMQP: the manager side (a
 * partition request becomes a message on the durable queue) in any process with
 * {@code audience-sync.remote.enabled}, the worker side (a listener taking one message at
 * a time, acknowledged once the partition's step execution is stored) in {@code worker}
 * processes only.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "audience-sync.remote.enabled", havingValue = "true")
@EnableIntegration
class RemotePartitioningConfiguration {

	static final String REQUESTS = "audienceSyncPartitionRequests";

	@Bean
	Queue partitionQueue(RemoteProperties properties) {
		return QueueBuilder.durable(properties.queue()).build();
	}

	@Bean(REQUESTS)
	MessageChannel partitionRequests() {
		return new DirectChannel();
	}

	@Bean
	IntegrationFlow partitionRequestsToRabbit(AmqpTemplate amqp, RemoteProperties properties) {
		return IntegrationFlow.from(REQUESTS)
			.transform(StepExecutionRequest.class, RemoteWorker::toJson)
			.handle(Amqp.outboundAdapter(amqp).routingKey(properties.queue()))
			.get();
	}

	@Bean
	Broker broker(ConnectionFactory connectionFactory) {
		return new Broker(connectionFactory);
	}

	/**
	 * Primary: where remote partitioning is enabled, it takes the place of the default
	 * partition handlers (the threads of this process).
	 */
	@Bean
	@Primary
	RemotePartitionHandlerFactory remotePartitionHandlerFactory(JobRepository jobRepository,
			@Qualifier(REQUESTS) MessageChannel requests, RemoteProperties properties,
			ConnectionFactory connectionFactory, MeterRegistry meters) {
		return new RemotePartitionHandlerFactory(jobRepository, requests, properties, Broker.of(connectionFactory),
				meters);
	}

	/** The worker side: only in a {@code worker} process. */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnProperty(name = "audience-sync.remote.worker", havingValue = "true")
	static class Worker {

		@Bean
		IntegrationFlow partitionsFromRabbit(ConnectionFactory connectionFactory, RemoteProperties properties,
				RemoteWorker worker) {
			return IntegrationFlow
				.from(Amqp.inboundAdapter(connectionFactory, properties.queue())
					.configureContainer((container) -> container.acknowledgeMode(AcknowledgeMode.MANUAL)
						.prefetchCount(1)
						.concurrentConsumers(properties.workerConcurrency())))
				.handle(worker::handle)
				.get();
		}

		@Bean
		RemoteWorker remoteWorker(JobRepository jobRepository, RunReports reports, JobFactory jobFactory,
				RemoteWorkerStepBuilder steps, SyncProperties properties, WorkerShutdown shutdown) {
			return new RemoteWorker(jobRepository, reports, jobFactory, steps, properties, shutdown);
		}

		@Bean
		WorkerHealth workerHealth(ConnectionFactory connectionFactory, JobRepository jobRepository,
				RemoteProperties properties) {
			return new WorkerHealth(connectionFactory, jobRepository, properties);
		}

		@Bean
		WorkerShutdown workerShutdown() {
			return new WorkerShutdown();
		}

	}

}
