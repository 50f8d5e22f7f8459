package com.audiencesync.batch.jobs;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import com.audiencesync.batch.reports.RunMeters;
import com.audiencesync.delivery.CommitHook;
import com.audiencesync.delivery.Deliveries;
import com.audiencesync.delivery.DeliveryRun;
import com.audiencesync.delivery.DeliveryWriter;
import com.audiencesync.delivery.Replays;
import com.audiencesync.destination.Endpoint;
import com.audiencesync.destination.EndpointDescriptor;
import com.audiencesync.names.Names;
import com.audiencesync.source.Source;
import com.audiencesync.source.SourceRow;
import com.audiencesync.spec.JobSpec;
import com.audiencesync.state.RejectedRows;
import com.audiencesync.state.snapshot.Nights;
import com.audiencesync.state.snapshot.RecordCursor;

import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.job.builder.SimpleJobBuilder;
import org.springframework.batch.core.partition.PartitionHandler;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * The steps the job builders assemble, and the writers they deliver through: the sync's
 * manager step and the worker step of each partition ({@code sync} and
 * {@code deliver:part:*}), the replay step of refused rows (the sync job's and the
 * operator's replay job's), and any other step after the sync of one destination.
 */
@Component
class StepFactory {

	private final JobRepository jobRepository;

	private final PlatformTransactionManager transactionManager;

	private final RejectedRows rejectedRows;

	private final CommitHook commitHook;

	private final RunMeters meters;

	private final Duration progressInterval;

	StepFactory(JobRepository jobRepository, PlatformTransactionManager transactionManager, RejectedRows rejectedRows,
			CommitHook commitHook, RunMeters meters,
			@Value("${audience-sync.progress.interval:10s}") Duration progressInterval) {
		this.jobRepository = jobRepository;
		this.transactionManager = transactionManager;
		this.rejectedRows = rejectedRows;
		this.commitHook = commitHook;
		this.meters = meters;
		this.progressInterval = progressInterval;
	}

	/** A job of that name, observed, that starts with that step. */
	SimpleJobBuilder job(String name, Step first) {
		return new JobBuilder(name, this.jobRepository).observationRegistry(this.meters.observations())
			.listener(this.meters.errors())
			.start(first);
	}

	/**
	 * The sync step ({@code sync}): the source's partitions, each run by the worker step,
	 * handed out by that handler.
	 */
	Step manager(Source source, PartitionHandler handler) {
		return new StepBuilder(Names.MANAGER_STEP, this.jobRepository).observationRegistry(this.meters.observations())
			.partitioner(Names.WORKER_STEP, source)
			.partitionHandler(handler)
			.listener(source)
			.build();
	}

	/**
	 * The step each partition of a run runs: its rows read, mapped for every destination
	 * and delivered through each destination's writer. The partitions share the run's
	 * budget of rejected rows ({@code skip.limit}).
	 */
	Step worker(BoundRun run, Source source) {
		JobSpec spec = run.spec();
		DeliveryRun budget = budget(spec, run.runKey(), spec.primary().rejectsChains());
		return new PartitionWorkerStep(this.jobRepository, this.transactionManager, source, run.mappers(),
				(stepExecution) -> {
					DeliveryWriter.Context context = new DeliveryWriter.Context(stepExecution.getJobExecutionId(),
							spec.name(), run.runKey(), stepExecution.getStepName());
					List<DeliveryWriter<?>> writers = new ArrayList<>();
					for (BoundDestination destination : run.destinations()) {
						writers.add(writer(run, destination, budget, context, run.single() ? "" : destination.id()));
					}
					return new Deliveries(writers);
				}, spec.chunkSize(), this.progressInterval,
				(writer) -> this.meters.rows(spec.name(), run.destinationIds(), writer::counts),
				this.meters.observations(), new ColumnGuard(spec), plannedRows(run));
	}

	/**
	 * On a planned night whose every destination is planned, the places of a partition's
	 * rows its delivery reads (when the merge chose so); otherwise every row.
	 */
	private static Function<String, RecordCursor> plannedRows(BoundRun run) {
		List<BoundDestination> planned = SnapshotSteps.planned(run);
		if (planned.isEmpty() || planned.size() != run.destinations().size()) {
			return (part) -> null;
		}
		return (part) -> {
			List<Integer> targets = planned.stream()
				.map((destination) -> run.stores()
					.state()
					.number(run.stores().target(run.spec().name(), destination.id())))
				.toList();
			Nights nights = run.stores().nights();
			return (nights.dropped(targets.get(0), run.runKey(), part) >= 0)
					? nights.deliverable(targets, run.runKey(), part) : null;
		};
	}

	/**
	 * The step that sends again the rows a destination's vendor refused (those the query
	 * finds), mapped as today's rows are. Their refusals do not count against
	 * {@code skip.limit}: they are recorded and tried again, not a sign of a bad extract.
	 */
	Step replay(BoundRun run, BoundDestination destination, RejectedRows.Query pending) {
		String runKey = run.runKey();
		DeliveryRun budget = new DeliveryRun(Long.MAX_VALUE, 0, run.spec().primary().rejectsChains());
		return this.<SourceRow>destinationStep(Names.replayStep(destination.id()), run, (context) -> {
			Replays replays = new Replays(this.rejectedRows, run.stores().sealer(), pending, runKey);
			DeliveryWriter<?> writer = writer(run, destination, budget, new DeliveryWriter.Context(
					context.jobExecutionId(), context.jobName(), runKey, context.partition(), replays), "");
			return new DestinationStep.Parts<>(replays.reader(), destination.mapper()::map, replays.writer(writer),
					writer);
		}, "{} row(s) refused before delivered in {} request(s), {} refused again");
	}

	/**
	 * A step of one destination, a chunk at a time through its writer.
	 * @param <I> what its reader reads
	 * @param name the step's name (a persisted name)
	 * @param parts the reader, processor and writer of an execution
	 * @param summary the end of the line logged when it ends, with three {@code {}}
	 */
	<I> Step destinationStep(String name, BoundRun run,
			Function<DeliveryWriter.Context, DestinationStep.Parts<I>> parts, String summary) {
		return new DestinationStep<>(name, run.spec().name(), run.runKey(), this.jobRepository, this.transactionManager,
				run.spec().chunkSize(), parts, this.meters, summary);
	}

	/** A destination's writer of mapped rows. */
	<R> DeliveryWriter<R> writer(BoundRun run, BoundDestination destination, DeliveryRun budget,
			DeliveryWriter.Context context, String name) {
		@SuppressWarnings("unchecked")
		Endpoint<R> endpoint = (Endpoint<R>) destination.endpoint().endpoint();
		return new DeliveryWriter<>(endpoint, destination.spec().batchSizeOr(endpoint.descriptor().maxBatchSize()),
				destination.endpoint().retry(), this.rejectedRows, budget, context, name, run.pool(), run.stores(),
				this.commitHook, destination.spec().mirrors());
	}

	/** The writer of a mirror's deletions, through the vendor's deletion endpoint. */
	<R> DeliveryWriter<R> deleting(BoundRun run, EndpointBinder.Prepared deletions, EndpointDescriptor upserts,
			DeliveryRun budget, DeliveryWriter.Context context, boolean planned) {
		@SuppressWarnings("unchecked")
		Endpoint<R> endpoint = (Endpoint<R>) deletions.endpoint();
		return DeliveryWriter.deleting(endpoint, endpoint.descriptor().maxBatchSize(), deletions.retry(),
				this.rejectedRows, budget, context, run.pool(), run.stores(), this.commitHook, upserts, planned);
	}

	/**
	 * The budget of rejected rows of a run's steps ({@code skip.limit}), less what its
	 * earlier executions rejected.
	 */
	DeliveryRun budget(JobSpec spec, String runKey, boolean rejectsChains) {
		return new DeliveryRun(spec.skipOrDefault().limitOrDefault(), this.rejectedRows.count(spec.name(), runKey),
				rejectsChains);
	}

}
