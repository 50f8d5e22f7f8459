package com.audiencesync.batch.jobs;

import com.audiencesync.batch.recovery.Heartbeat;
import com.audiencesync.batch.recovery.RecoveryProperties;
import com.audiencesync.batch.recovery.RunningExecutions;
import com.audiencesync.batch.reports.RunMeters;
import com.audiencesync.batch.reports.RunReports;
import com.audiencesync.batch.run.RunIdentity;
import com.audiencesync.batch.run.RunOptions;
import com.audiencesync.names.Names;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import com.audiencesync.delivery.CommitHook;
import com.audiencesync.delivery.Deliveries;
import com.audiencesync.delivery.DeliveryRun;
import com.audiencesync.delivery.DeliveryWriter;
import com.audiencesync.delivery.Imports;
import com.audiencesync.delivery.MirrorReader;
import com.audiencesync.delivery.Replays;
import com.audiencesync.destination.EndpointDescriptor;
import com.audiencesync.delivery.SyncStores;
import com.audiencesync.destination.Endpoint;
import com.audiencesync.destination.RequestPool;
import com.audiencesync.source.Source;
import com.audiencesync.source.SourceContext;
import com.audiencesync.source.SourceKinds;
import com.audiencesync.source.SourceRow;
import com.audiencesync.spec.DestinationSpec;
import com.audiencesync.spec.JobSpec;
import com.audiencesync.state.Heartbeats;
import com.audiencesync.state.RejectedRow;
import com.audiencesync.state.RejectedRows;
import com.audiencesync.transform.FieldCipher;
import com.audiencesync.transform.RowMapper;
import com.audiencesync.transform.Transformed;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.job.builder.SimpleJobBuilder;
import org.springframework.batch.core.listener.JobExecutionListener;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.core.partition.PartitionHandler;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * Builds the Spring Batch job of a spec, for one run: a partitioned step ({@code sync})
 * whose partitions ({@code deliver:part:<file>} or {@code deliver:part:keys-03-of-08})
 * read, map and deliver, at most {@code concurrency} at once.
 */
@Component
public class JobFactory {

	private final JobRepository jobRepository;

	private final PlatformTransactionManager transactionManager;

	private final RejectedRows rejectedRows;

	private final Endpoints endpoints;

	private final RunReports reports;

	private final ListableBeanFactory beans;

	private final PartitionHandlerFactory partitionHandlers;

	private final Stores stores;

	private final CommitHook commitHook;

	private final Heartbeats heartbeats;

	private final RecoveryProperties recovery;

	private final RunningExecutions running;

	private final Duration progressInterval;

	JobFactory(JobRepository jobRepository, PlatformTransactionManager transactionManager, RejectedRows rejectedRows,
			Endpoints endpoints, RunReports reports, ListableBeanFactory beans,
			PartitionHandlerFactory partitionHandlers, Stores stores, CommitHook commitHook, Heartbeats heartbeats,
			RecoveryProperties recovery, RunningExecutions running,
			@Value("${audience-sync.progress.interval:10s}") Duration progressInterval, RunMeters meters) {
		this.jobRepository = jobRepository;
		this.transactionManager = transactionManager;
		this.rejectedRows = rejectedRows;
		this.endpoints = endpoints;
		this.reports = reports;
		this.beans = beans;
		this.partitionHandlers = partitionHandlers;
		this.stores = stores;
		this.commitHook = commitHook;
		this.heartbeats = heartbeats;
		this.recovery = recovery;
		this.running = running;
		this.progressInterval = progressInterval;
		this.meters = meters;
	}

	private final RunMeters meters;

	public Job create(JobSpec spec, RunIdentity identity, RunOptions options) {
		if (identity.kind() == RunIdentity.Kind.REPLAY) {
			return replayJob(spec, identity, options);
		}
		if (identity.kind() == RunIdentity.Kind.IMPORT) {
			return importJob(spec, identity, options);
		}
		Parts parts = parts(spec, identity, options);
		List<DestinationSpec> targets = spec.targets();
		List<Endpoints.Prepared> endpoints = parts.endpoints();
		SyncStores stores = parts.stores();
		Source source = parts.source();
		String runKey = identity.runKey();
		List<RowMapper> mappers = parts.mappers();
		RequestPool pool = parts.pool();
		Step worker = workerStep(spec, identity, parts);
		Step manager = new StepBuilder(Names.MANAGER_STEP, this.jobRepository)
			.observationRegistry(this.meters.observations())
			.partitioner(Names.WORKER_STEP, source)
			.partitionHandler(partitionHandler(worker, spec))
			.listener(source)
			.build();
		SimpleJobBuilder job = new JobBuilder(spec.name(), this.jobRepository)
			.observationRegistry(this.meters.observations())
			.start(manager);
		if (spec.retryOrDefault().maxRunsOrDefault() > 1) {
			for (int i = 0; i < targets.size(); i++) {
				job = job.next(replay(spec, targets.get(i), endpoints.get(i), mappers.get(i), runKey, pool, stores,
						Replays.pending(spec.name(), targets.get(i).id(), spec.retryOrDefault().maxRunsOrDefault(),
								stores.account())));
			}
		}
		for (int i = 0; i < targets.size(); i++) {
			if (targets.get(i).mirrors()) {
				job = job.next(mirror(spec, targets.get(i), endpoints.get(i), options, runKey, pool, stores));
			}
		}
		return job.listener(new Heartbeat(this.heartbeats, this.recovery.heartbeat()))
			.listener(this.running)
			.listener(new SkipRatioCheck(spec.skipOrDefault().ratioOrDefault(), this.reports))
			.listener(new JobExecutionListener() {
				private LogContext logContext;

				@Override
				public void beforeJob(JobExecution jobExecution) {
					this.logContext = LogContext.job(spec.name(), jobExecution.getId());
				}

				@Override
				public void afterJob(JobExecution jobExecution) {
					this.logContext.close();
					pool.close();
					if (jobExecution.getStatus() == BatchStatus.COMPLETED) {
						JobFactory.this.stores.completed(spec.name(), runKey);
					}
				}
			})
			.build();
	}

	/**
	 * What the partitions of a run share: the endpoints, the stores, the source, the
	 * mappers, the rejected-row budget and the request pool.
	 */
	private record Parts(List<Endpoints.Prepared> endpoints, SyncStores stores, Source source, List<RowMapper> mappers,
			DeliveryRun run, RequestPool pool) {
	}

	private Parts parts(JobSpec spec, RunIdentity identity, RunOptions options) {
		List<DestinationSpec> targets = spec.targets();
		List<Endpoints.Prepared> endpoints = new ArrayList<>();
		for (DestinationSpec target : targets) {
			endpoints.add(this.endpoints.prepare(target, options));
		}
		SyncStores stores = this.stores.forRun(spec, options, account(spec, options));
		String runKey = identity.runKey();
		FieldCipher cipher = this.stores.cipher(spec);
		List<RowMapper> mappers = new ArrayList<>();
		for (int i = 0; i < targets.size(); i++) {
			mappers.add(new RowMapper(targets.get(i), endpoints.get(i).endpoint().descriptor(), spec.zoneOrDefault(),
					spec.name() + "/" + runKey, cipher));
		}
		DeliveryRun run = new DeliveryRun(spec.skipOrDefault().limitOrDefault(),
				this.rejectedRows.count(spec.name(), runKey), spec.primary().rejectsChains());
		return new Parts(endpoints, stores, source(spec, identity), mappers, run,
				RequestPool.of(spec.vendor(), endpoints.get(0).maxInFlight()));
	}

	/** The step each partition of a run runs. */
	private Step workerStep(JobSpec spec, RunIdentity identity, Parts parts) {
		List<DestinationSpec> targets = spec.targets();
		String runKey = identity.runKey();
		return new PartitionWorkerStep(this.jobRepository, this.transactionManager, parts.source(), parts.mappers(),
				(stepExecution) -> {
					DeliveryWriter.Context context = new DeliveryWriter.Context(stepExecution.getJobExecutionId(),
							spec.name(), runKey, stepExecution.getStepName());
					List<DeliveryWriter<?>> writers = new ArrayList<>();
					for (int i = 0; i < targets.size(); i++) {
						String destination = (targets.size() == 1) ? "" : targets.get(i).id();
						writers.add(writer(parts.endpoints().get(i), targets.get(i), parts.run(), context, destination,
								parts.pool(), parts.stores()));
					}
					return new Deliveries(writers);
				}, spec.chunkSize(), this.progressInterval, (writer) -> this.meters.rows(spec.name(),
						targets.stream().map(DestinationSpec::id).toList(), writer::counts),
				this.meters.observations(), new ColumnGuard(spec));
	}

	/**
	 * The step a remote worker runs for one partition of a run its manager started: the
	 * source reads the manager step's plan (partitions may reach a worker without their
	 * context, spring-batch#5138), and the request pool is closed with the returned
	 * handle.
	 */
	public RemoteStep remoteWorkerStep(JobSpec spec, RunIdentity identity, RunOptions options, StepExecution manager) {
		Parts parts = parts(spec, identity, options);
		parts.source().beforeStep(manager);
		return new RemoteStep(workerStep(spec, identity, parts), parts.pool());
	}

	/**
	 * A partition's step in a remote worker and what to close when it is done.
	 *
	 * @param step the step
	 * @param pool its request threads
	 */
	public record RemoteStep(Step step, RequestPool pool) {
	}

	/**
	 * Remote workers when this process hands partitions to them (the remote factory is
	 * then the primary one), else its own threads.
	 */
	private PartitionHandler partitionHandler(Step worker, JobSpec spec) {
		return this.partitionHandlers.create(worker, spec.gridSizeOrDefault(), spec.concurrencyOrDefault());
	}

	private <R> DeliveryWriter<R> writer(Endpoints.Prepared prepared, DestinationSpec target, DeliveryRun run,
			DeliveryWriter.Context context, String destination, RequestPool pool, SyncStores stores) {
		@SuppressWarnings("unchecked")
		Endpoint<R> endpoint = (Endpoint<R>) prepared.endpoint();
		return new DeliveryWriter<>(endpoint, target.batchSizeOr(endpoint.descriptor().maxBatchSize()),
				prepared.retry(), this.rejectedRows, run, context, destination, pool, stores, this.commitHook,
				target.mirrors());
	}

	/**
	 * The step that deletes, through the vendor's deletion endpoint, the keys of a
	 * mirrored destination that the run did not read.
	 */
	private Step mirror(JobSpec spec, DestinationSpec target, Endpoints.Prepared upserts, RunOptions options,
			String runKey, RequestPool pool, SyncStores stores) {
		EndpointDescriptor descriptor = upserts.endpoint().descriptor();
		Endpoints.Prepared deletions = this.endpoints
			.prepare(new DestinationSpec(target.vendor(), descriptor.deletions(), null, null), options);
		MirrorReader.Limit limit = new MirrorReader.Limit(spec.mirrorOrDefault().maxDeleteRatioOrDefault(),
				options.allowMassDelete());
		DeliveryRun run = new DeliveryRun(spec.skipOrDefault().limitOrDefault(),
				this.rejectedRows.count(spec.name(), runKey), false);
		return new DestinationStep<Transformed>(Names.mirrorStep(target.id()), spec.name(), runKey, this.jobRepository,
				this.transactionManager, spec.chunkSize(), (context) -> {
					DeliveryWriter<?> writer = deleting(deletions, descriptor, run, context, pool, stores);
					return new DestinationStep.Parts<>(new MirrorReader(stores, context, target.id(), limit),
							Function.identity(), writer, writer);
				}, this.meters, "{} key(s) deleted in {} request(s), {} refused");
	}

	/**
	 * An operator's replay: only the replay steps, sending the refused rows of one run
	 * that no run sent again yet, given up ones included.
	 */
	private Job replayJob(JobSpec spec, RunIdentity identity, RunOptions options) {
		SyncStores stores = this.stores.forRun(spec, options, account(spec, options));
		FieldCipher cipher = this.stores.cipher(spec);
		RequestPool pool = null;
		SimpleJobBuilder job = null;
		for (DestinationSpec target : spec.targets()) {
			Endpoints.Prepared prepared = this.endpoints.prepare(target, options);
			pool = (pool != null) ? pool : RequestPool.of(spec.vendor(), prepared.maxInFlight());
			RowMapper mapper = new RowMapper(target, prepared.endpoint().descriptor(), spec.zoneOrDefault(),
					spec.name() + "/" + identity.runKey(), cipher);
			// the operator names the run; its refusals are sent to the account they
			// were refused by, never from a sandbox's run to a vendor or back
			RejectedRows.Query refused = new RejectedRows.Query(spec.name(), identity.replayOf(), null,
					RejectedRow.VENDOR, null, target.id(), Integer.MAX_VALUE, null, stores.account());
			Step step = replay(spec, target, prepared, mapper, identity.runKey(), pool, stores, refused);
			job = (job == null)
					? new JobBuilder(spec.name(), this.jobRepository).observationRegistry(this.meters.observations())
						.start(step)
					: job.next(step);
		}
		RequestPool requests = pool;
		return job.listener(new Heartbeat(this.heartbeats, this.recovery.heartbeat()))
			.listener(this.running)
			.listener(new JobExecutionListener() {
				@Override
				public void afterJob(JobExecution jobExecution) {
					requests.close();
				}
			})
			.build();
	}

	/**
	 * The step that sends again the rows a destination's vendor refused in earlier runs
	 * (until {@code retry.max-runs} runs have sent them), mapped as today's rows are.
	 * Their refusals do not count against {@code skip.limit}: they are recorded and tried
	 * again, not a sign of a bad extract.
	 */
	private Step replay(JobSpec spec, DestinationSpec target, Endpoints.Prepared prepared, RowMapper mapper,
			String runKey, RequestPool pool, SyncStores stores, RejectedRows.Query pending) {
		DeliveryRun run = new DeliveryRun(Long.MAX_VALUE, 0, spec.primary().rejectsChains());
		return new DestinationStep<SourceRow>(Names.replayStep(target.id()), spec.name(), runKey, this.jobRepository,
				this.transactionManager, spec.chunkSize(), (context) -> {
					Replays replays = new Replays(this.rejectedRows, stores.sealer(), pending, runKey);
					DeliveryWriter<?> writer = writer(prepared, target, run,
							new DeliveryWriter.Context(context.jobExecutionId(), context.jobName(), runKey,
									context.partition(), replays),
							"", pool, stores);
					return new DestinationStep.Parts<>(replays.reader(), mapper::map, replays.writer(writer), writer);
				}, this.meters, "{} row(s) refused before delivered in {} request(s), {} refused again");
	}

	/**
	 * An operator's import of fixed rows: a step per destination that sends the rows of
	 * the file fixing that destination's rejections, mapped with today's mapping.
	 */
	private Job importJob(JobSpec spec, RunIdentity identity, RunOptions options) {
		SyncStores stores = this.stores.forRun(spec, options, account(spec, options));
		FieldCipher cipher = this.stores.cipher(spec);
		RequestPool pool = null;
		SimpleJobBuilder job = null;
		for (DestinationSpec target : spec.targets()) {
			Endpoints.Prepared prepared = this.endpoints.prepare(target, options);
			pool = (pool != null) ? pool : RequestPool.of(spec.vendor(), prepared.maxInFlight());
			RowMapper mapper = new RowMapper(target, prepared.endpoint().descriptor(), spec.zoneOrDefault(),
					spec.name() + "/" + identity.runKey(), cipher);
			Step step = fixes(spec, target, prepared, mapper, identity, pool, stores);
			job = (job == null)
					? new JobBuilder(spec.name(), this.jobRepository).observationRegistry(this.meters.observations())
						.start(step)
					: job.next(step);
		}
		RequestPool requests = pool;
		return job.listener(new Heartbeat(this.heartbeats, this.recovery.heartbeat()))
			.listener(this.running)
			.listener(new JobExecutionListener() {
				@Override
				public void afterJob(JobExecution jobExecution) {
					requests.close();
				}
			})
			.build();
	}

	/**
	 * The step that sends a destination's fixed rows. Rows fixed and still bad are
	 * rejected again, as this run's; like replays, they do not count against
	 * {@code skip.limit}.
	 */
	private Step fixes(JobSpec spec, DestinationSpec target, Endpoints.Prepared prepared, RowMapper mapper,
			RunIdentity identity, RequestPool pool, SyncStores stores) {
		DeliveryRun run = new DeliveryRun(Long.MAX_VALUE, 0, spec.primary().rejectsChains());
		return new DestinationStep<SourceRow>(Names.importStep(target.id()), spec.name(), identity.runKey(),
				this.jobRepository, this.transactionManager, spec.chunkSize(), (context) -> {
					Imports imports = new Imports(this.rejectedRows, stores, Path.of(identity.imported().file()),
							identity.imported().digest(), target.id(), context);
					DeliveryWriter<?> writer = writer(prepared, target, run, context, "", pool, stores);
					return new DestinationStep.Parts<>(imports.reader(), mapper::map, imports.writer(writer), writer);
				}, this.meters, "{} fixed row(s) delivered in {} request(s), {} rejected again");
	}

	private <R> DeliveryWriter<R> deleting(Endpoints.Prepared prepared, EndpointDescriptor upserts, DeliveryRun run,
			DeliveryWriter.Context context, RequestPool pool, SyncStores stores) {
		@SuppressWarnings("unchecked")
		Endpoint<R> endpoint = (Endpoint<R>) prepared.endpoint();
		return DeliveryWriter.deleting(endpoint, endpoint.descriptor().maxBatchSize(), prepared.retry(),
				this.rejectedRows, run, context, pool, stores, this.commitHook, upserts);
	}

	/**
	 * The identity of the vendor account a run of the spec with these options writes to
	 * (one vendor a spec): the sync state and the refusals it replays are that account's.
	 */
	public String account(JobSpec spec, RunOptions options) {
		return this.endpoints.account(spec.primary(), options);
	}

	public Source source(JobSpec spec, RunIdentity identity) {
		return SourceKinds.create(spec.source(), new SourceContext(this.jobRepository, identity.from(), identity.to(),
				spec.file().getParent(), spec.zoneOrDefault(), spec.chunkSize(), this.beans::getBean));
	}

}
