package com.audiencesync.batch.jobs;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import com.audiencesync.batch.reports.ProgressLog;
import com.audiencesync.delivery.Deliveries;
import com.audiencesync.delivery.DeliveryCounts;
import com.audiencesync.names.Names;
import com.audiencesync.source.SkipsAhead;
import com.audiencesync.source.Source;
import com.audiencesync.source.SourceRow;
import com.audiencesync.state.snapshot.RecordCursor;
import com.audiencesync.transform.RowMapper;
import com.audiencesync.transform.Transformed;
import io.micrometer.observation.ObservationRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.batch.core.job.JobInterruptedException;
import org.springframework.batch.core.listener.ChunkListener;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStreamReader;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * The worker step of every partition. Each partition's execution gets its own reader and
 * writer, built from that partition's execution context, so partitions share no mutable
 * state and run in parallel; the chunk-oriented step itself comes from Spring Batch's
 * builders.
 */
final class PartitionWorkerStep implements Step {

	/**
	 * The logger a partition's lines come from, as it was before this class moved to
	 * {@code batch.jobs}: structured logs are filtered by it.
	 */
	private static final Logger log = LoggerFactory.getLogger("com.audiencesync.batch.PartitionWorkerStep");

	private final JobRepository jobRepository;

	private final PlatformTransactionManager transactionManager;

	private final Source source;

	private final List<RowMapper> mappers;

	private final Function<StepExecution, Deliveries> writers;

	private final int chunkSize;

	private final Duration progressInterval;

	private final Function<Deliveries, ChunkListener<SourceRow, List<Transformed>>> meters;

	private final ObservationRegistry observations;

	private final ColumnGuard columns;

	private final Function<String, RecordCursor> planned;

	/**
	 * @param meters the row counters of a partition's writers
	 * @param observations where the chunked step's observations go
	 * @param columns fails a partition whose extract lacks a mapped column
	 * @param planned the places of a partition's rows to hand over, on a planned night
	 * whose every destination is planned; null for every row
	 */
	PartitionWorkerStep(JobRepository jobRepository, PlatformTransactionManager transactionManager, Source source,
			List<RowMapper> mappers, Function<StepExecution, Deliveries> writers, int chunkSize,
			Duration progressInterval, Function<Deliveries, ChunkListener<SourceRow, List<Transformed>>> meters,
			ObservationRegistry observations, ColumnGuard columns, Function<String, RecordCursor> planned) {
		this.jobRepository = jobRepository;
		this.transactionManager = transactionManager;
		this.source = source;
		this.mappers = mappers;
		this.writers = writers;
		this.chunkSize = chunkSize;
		this.progressInterval = progressInterval;
		this.meters = meters;
		this.observations = observations;
		this.columns = columns;
		this.planned = planned;
	}

	@Override
	public String getName() {
		return Names.WORKER_STEP;
	}

	@Override
	public void execute(StepExecution stepExecution) throws JobInterruptedException {
		try (LogContext ignored = LogContext.partition(stepExecution)) {
			deliver(stepExecution);
		}
	}

	private void deliver(StepExecution stepExecution) throws JobInterruptedException {
		ExecutionContext partition = stepExecution.getExecutionContext();
		// a partition that first runs on a restart, or on a remote worker, has no context
		// from the manager (6.0 does not store the partitioner's, spring-batch#5138), and
		// one killed as it started may hold Spring Batch's keys only: what the run's plan
		// has, it takes
		this.source.complete(stepExecution.getStepName().substring(Names.WORKER_STEP.length() + 1), partition);
		ItemStreamReader<SourceRow> reader = this.source.reader(partition);
		Deliveries writer = this.writers.apply(stepExecution);
		ItemStreamReader<SourceRow> rows = this.columns.partition(reader);
		RecordCursor places = this.planned.apply(stepExecution.getStepName().substring(Names.WORKER_STEP.length() + 1));
		if (places != null) {
			rows = new PlannedRowsReader(rows, places, (reader instanceof SkipsAhead skips) ? skips : null);
		}
		rows = new EndNoticingReader(rows, writer::sourceEnded);
		ChunkedSteps.execute(stepExecution, this.jobRepository, this.transactionManager, this.observations,
				this.chunkSize, rows, this::map, writer,
				List.of(new ProgressLog(stepExecution.getStepName(), reader, writer, this.progressInterval),
						this.meters.apply(writer)));
		for (DeliveryCounts counts : DeliveryCounts.of(stepExecution.getExecutionContext())) {
			log.info("{}{}: {}, {} rows read, {} delivered in {} request(s), {} rejected, {} skipped",
					stepExecution.getStepName(), counts.destination().isEmpty() ? "" : " " + counts.destination(),
					stepExecution.getStatus(), counts.seen(), counts.delivered(), counts.requests(), counts.rejected(),
					counts.skipped());
		}
	}

	/** The row mapped for each destination, in the spec's order. */
	private List<Transformed> map(SourceRow row) {
		List<Transformed> mapped = new ArrayList<>(this.mappers.size());
		for (RowMapper mapper : this.mappers) {
			mapped.add(mapper.map(row));
		}
		return mapped;
	}

}
