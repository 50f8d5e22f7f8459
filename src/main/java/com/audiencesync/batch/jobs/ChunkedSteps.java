package com.audiencesync.batch.jobs;

import java.util.List;

import io.micrometer.observation.ObservationRegistry;

import org.springframework.batch.core.job.JobInterruptedException;
import org.springframework.batch.core.listener.ChunkListener;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.core.step.builder.ChunkOrientedStepBuilder;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.infrastructure.item.ItemProcessor;
import org.springframework.batch.infrastructure.item.ItemStreamReader;
import org.springframework.batch.infrastructure.item.ItemStreamWriter;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * The chunk-oriented step a partition or a step after the sync runs inside its own step
 * execution: a reader, what becomes of each item and a writer, in transactions of
 * {@code chunkSize} items, observed, both streams saving their position.
 */
final class ChunkedSteps {

	private ChunkedSteps() {
	}

	/**
	 * Runs the chunks of one step execution.
	 * @param <I> what the reader reads
	 * @param <O> what the writer writes
	 */
	static <I, O> void execute(StepExecution stepExecution, JobRepository jobRepository,
			PlatformTransactionManager transactionManager, ObservationRegistry observations, int chunkSize,
			ItemStreamReader<I> reader, ItemProcessor<I, O> processor, ItemStreamWriter<O> writer,
			List<ChunkListener<I, O>> listeners) throws JobInterruptedException {
		ChunkOrientedStepBuilder<I, O> builder = new StepBuilder(stepExecution.getStepName(), jobRepository)
			.observationRegistry(observations)
			.<I, O>chunk(chunkSize)
			.transactionManager(transactionManager)
			.interruptionPolicy(new ChunkBoundary())
			.reader(reader)
			.processor(processor)
			.writer(writer)
			.stream(reader)
			.stream(writer);
		for (ChunkListener<I, O> listener : listeners) {
			builder = builder.listener(listener);
		}
		builder.build().execute(stepExecution);
	}

}
