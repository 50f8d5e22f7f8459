package com.audiencesync.batch;

import java.util.function.Function;

import com.audiencesync.delivery.DeliveryCounts;
import com.audiencesync.delivery.DeliveryWriter;
import com.audiencesync.delivery.MirrorReader;
import com.audiencesync.names.Names;
import com.audiencesync.transform.Transformed;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.micrometer.observation.ObservationRegistry;

import org.springframework.batch.core.job.JobInterruptedException;
import org.springframework.batch.core.listener.ChunkListener;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * The step after the sync of a {@code mode: mirror} destination
 * ({@code mirror:<vendor/endpoint>}): sends the keys the complete read no longer has to
 * the vendor's deletion endpoint, a chunk at a time, and forgets those it deleted. It
 * runs only once the sync step completed: a failed or partial read deletes nothing.
 */
final class MirrorStep implements Step {

	private static final Logger log = LoggerFactory.getLogger(MirrorStep.class);

	private final String destination;

	private final JobRepository jobRepository;

	private final PlatformTransactionManager transactionManager;

	private final Function<DeliveryWriter.Context, MirrorReader> readers;

	private final Function<DeliveryWriter.Context, DeliveryWriter<?>> writers;

	private final int chunkSize;

	private final String jobName;

	private final String runKey;

	private final Function<DeliveryWriter<?>, ChunkListener<Transformed, Transformed>> meters;

	private final ObservationRegistry observations;

	MirrorStep(String destination, String jobName, String runKey, JobRepository jobRepository,
			PlatformTransactionManager transactionManager, Function<DeliveryWriter.Context, MirrorReader> readers,
			Function<DeliveryWriter.Context, DeliveryWriter<?>> writers, int chunkSize,
			Function<DeliveryWriter<?>, ChunkListener<Transformed, Transformed>> meters,
			ObservationRegistry observations) {
		this.destination = destination;
		this.jobName = jobName;
		this.runKey = runKey;
		this.jobRepository = jobRepository;
		this.transactionManager = transactionManager;
		this.readers = readers;
		this.writers = writers;
		this.chunkSize = chunkSize;
		this.meters = meters;
		this.observations = observations;
	}

	@Override
	public String getName() {
		return Names.mirrorStep(this.destination);
	}

	@Override
	public void execute(StepExecution stepExecution) throws JobInterruptedException {
		try (LogContext ignored = LogContext.partition(stepExecution)) {
			deliver(stepExecution);
		}
	}

	private void deliver(StepExecution stepExecution) throws JobInterruptedException {
		DeliveryWriter.Context context = new DeliveryWriter.Context(stepExecution.getJobExecutionId(), this.jobName,
				this.runKey, stepExecution.getStepName());
		MirrorReader reader = this.readers.apply(context);
		DeliveryWriter<?> writer = this.writers.apply(context);
		Step chunked = new StepBuilder(stepExecution.getStepName(), this.jobRepository)
			.observationRegistry(this.observations)
			.<Transformed, Transformed>chunk(this.chunkSize)
			.transactionManager(this.transactionManager)
			.reader(reader)
			.writer(writer)
			.stream(reader)
			.stream(writer)
			.listener(this.meters.apply(writer))
			.build();
		chunked.execute(stepExecution);
		for (DeliveryCounts counts : DeliveryCounts.of(stepExecution.getExecutionContext())) {
			log.info("{}: {}, {} key(s) deleted in {} request(s), {} refused", stepExecution.getStepName(),
					stepExecution.getStatus(), counts.delivered(), counts.requests(), counts.rejected());
		}
	}

}
