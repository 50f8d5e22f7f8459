package com.audiencesync.batch.jobs;

import java.util.List;
import java.util.function.Function;

import com.audiencesync.batch.reports.RunMeters;
import com.audiencesync.delivery.DeliveryCounts;
import com.audiencesync.delivery.DeliveryWriter;
import com.audiencesync.transform.Transformed;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobInterruptedException;
import org.springframework.batch.core.listener.ChunkListener;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.ItemStreamReader;
import org.springframework.batch.infrastructure.item.ItemStreamWriter;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * A step after the sync of one destination, a chunk at a time through that destination's
 * writer. It runs only once the sync step completed:
 * <ul>
 * <li>{@code mirror:<vendor/endpoint>} sends the keys the complete read no longer has to
 * the vendor's deletion endpoint and forgets those it deleted (a failed or partial read
 * deletes nothing);</li>
 * <li>{@code replay:<vendor/endpoint>} sends again the rows the vendor refused in earlier
 * runs, mapped anew.</li>
 * </ul>
 *
 * @param <I> what its reader reads
 */
final class DestinationStep<I> implements Step {

	private static final Logger log = LoggerFactory.getLogger(DestinationStep.class);

	/**
	 * A step execution's reader, mapping and writer.
	 *
	 * @param <I> what the reader reads
	 * @param reader the reader
	 * @param processor what becomes of each item
	 * @param writer the writer of the chunks
	 * @param delivery the destination's writer inside it, whose counters are the step's
	 */
	record Parts<I>(ItemStreamReader<I> reader, Function<I, Transformed> processor,
			ItemStreamWriter<Transformed> writer, DeliveryWriter<?> delivery) {
	}

	private final String name;

	private final JobRepository jobRepository;

	private final PlatformTransactionManager transactionManager;

	private final int chunkSize;

	private final Function<DeliveryWriter.Context, Parts<I>> parts;

	private final String jobName;

	private final String runKey;

	private final RunMeters meters;

	private final String summary;

	/**
	 * @param name the step's name (a persisted name)
	 * @param parts the reader, processor and writer of an execution
	 * @param summary the end of the line logged when it ends, with three {@code {}}: the
	 * rows delivered, the requests, the rows rejected
	 */
	DestinationStep(String name, String jobName, String runKey, JobRepository jobRepository,
			PlatformTransactionManager transactionManager, int chunkSize,
			Function<DeliveryWriter.Context, Parts<I>> parts, RunMeters meters, String summary) {
		this.name = name;
		this.jobName = jobName;
		this.runKey = runKey;
		this.jobRepository = jobRepository;
		this.transactionManager = transactionManager;
		this.chunkSize = chunkSize;
		this.parts = parts;
		this.meters = meters;
		this.summary = summary;
	}

	@Override
	public String getName() {
		return this.name;
	}

	@Override
	public void execute(StepExecution stepExecution) throws JobInterruptedException {
		try (LogContext ignored = LogContext.partition(stepExecution)) {
			deliver(stepExecution);
		}
	}

	private void deliver(StepExecution stepExecution) throws JobInterruptedException {
		Parts<I> parts = this.parts.apply(new DeliveryWriter.Context(stepExecution.getJobExecutionId(), this.jobName,
				this.runKey, stepExecution.getStepName()));
		ChunkListener<I, Transformed> counted = this.meters.rows(this.jobName, List.of(parts.delivery().destination()),
				() -> List.of(parts.delivery().counts()));
		ChunkedSteps.execute(stepExecution, this.jobRepository, this.transactionManager, this.meters.observations(),
				this.chunkSize, parts.reader(), parts.processor()::apply, parts.writer(), List.of(counted));
		for (DeliveryCounts counts : DeliveryCounts.of(stepExecution.getExecutionContext())) {
			if (counts.seen() > 0 || stepExecution.getStatus() != BatchStatus.COMPLETED) {
				log.info("{}: {}, " + this.summary, stepExecution.getStepName(), stepExecution.getStatus(),
						counts.delivered(), counts.requests(), counts.rejected());
			}
		}
	}

}
