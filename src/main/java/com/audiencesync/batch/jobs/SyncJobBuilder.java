package com.audiencesync.batch.jobs;

import java.util.List;
import java.util.function.Function;

import com.audiencesync.batch.reports.RunReports;
import com.audiencesync.batch.run.RunIdentity;
import com.audiencesync.batch.run.RunOptions;
import com.audiencesync.delivery.DeliveryRun;
import com.audiencesync.delivery.DeliveryWriter;
import com.audiencesync.delivery.MirrorReader;
import com.audiencesync.delivery.PlannedMirrorReader;
import com.audiencesync.delivery.Replays;
import com.audiencesync.destination.EndpointDescriptor;
import com.audiencesync.destination.RequestPool;
import com.audiencesync.names.Names;
import com.audiencesync.source.Source;
import com.audiencesync.spec.DestinationSpec;
import com.audiencesync.spec.JobSpec;
import com.audiencesync.transform.Transformed;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.builder.SimpleJobBuilder;
import org.springframework.batch.core.listener.JobExecutionListener;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.infrastructure.item.ItemStreamReader;
import org.springframework.stereotype.Component;

/**
 * The job of a nightly run or a backfill: a partitioned step ({@code sync}) whose
 * partitions ({@code deliver:part:<file>} or {@code deliver:part:keys-03-of-08}) read,
 * map and deliver, at most {@code concurrency} at once; then, for each destination, the
 * replay of rows refused in earlier runs (when {@code retry.max-runs} is above one), and
 * for each mirrored destination the deletion of the keys the run no longer read.
 */
@Component
class SyncJobBuilder {

	private final RunBinder binder;

	private final StepFactory steps;

	private final RunListeners listeners;

	private final PartitionHandlerFactory partitionHandlers;

	private final EndpointBinder endpoints;

	private final SyncStoresFactory stores;

	private final RunReports reports;

	private final SnapshotSteps snapshots;

	SyncJobBuilder(RunBinder binder, StepFactory steps, RunListeners listeners,
			PartitionHandlerFactory partitionHandlers, EndpointBinder endpoints, SyncStoresFactory stores,
			RunReports reports, SnapshotSteps snapshots) {
		this.binder = binder;
		this.steps = steps;
		this.listeners = listeners;
		this.partitionHandlers = partitionHandlers;
		this.endpoints = endpoints;
		this.stores = stores;
		this.reports = reports;
		this.snapshots = snapshots;
	}

	Job build(JobSpec spec, RunIdentity identity, RunOptions options) {
		BoundRun run = this.binder.bind(spec, identity, options);
		Source source = this.binder.source(spec, identity);
		Step worker = this.steps.worker(run, source);
		// remote workers when this process hands partitions to them (the remote factory
		// is then the primary one), else threads of this process
		Step manager = this.steps.manager(source,
				this.partitionHandlers.create(worker, spec.gridSizeOrDefault(), spec.concurrencyOrDefault()));
		// a planned night plans and merges before it sends (docs/design/snapshots.md)
		List<BoundDestination> planned = SnapshotSteps.planned(run);
		SimpleJobBuilder job = planned.isEmpty() ? this.steps.job(spec.name(), manager)
				: this.steps.job(spec.name(), this.snapshots.plan(run, source, planned, this.partitionHandlers))
					.next(this.snapshots.merge(run, source, planned, options))
					.next(manager);
		int maxRuns = spec.retryOrDefault().maxRunsOrDefault();
		if (maxRuns > 1) {
			for (BoundDestination destination : run.destinations()) {
				job = job.next(this.steps.replay(run, destination,
						Replays.pending(spec.name(), destination.id(), maxRuns, run.stores().account())));
			}
		}
		for (BoundDestination destination : run.destinations()) {
			if (destination.spec().mirrors()) {
				job = job.next(mirror(run, destination, options, planned.contains(destination)));
			}
		}
		if (!planned.isEmpty()) {
			job = job.next(this.snapshots.snapshot(run, planned));
		}
		RequestPool pool = run.pool();
		return this.listeners.add(job)
			.listener(new SkipRatioCheck(spec.skipOrDefault().ratioOrDefault(), this.reports))
			.listener(new JobExecutionListener() {
				@Override
				public void beforeJob(JobExecution jobExecution) {
					// kept after the job, for Spring Batch's "completed" line and the
					// report (LogContextRepository)
					LogContext.job(spec.name(), jobExecution.getId());
				}

				@Override
				public void afterJob(JobExecution jobExecution) {
					pool.close();
					if (jobExecution.getStatus() == BatchStatus.COMPLETED) {
						SyncJobBuilder.this.stores.completed(spec.name(), run.runKey());
					}
				}
			})
			.build();
	}

	/**
	 * The step ({@code mirror:<vendor/endpoint>}) that deletes, through the vendor's
	 * deletion endpoint, the keys of a mirrored destination that the run did not read: on
	 * a planned night, those its merge decided (and limited) before anything was sent.
	 */
	private Step mirror(BoundRun run, BoundDestination destination, RunOptions options, boolean planned) {
		JobSpec spec = run.spec();
		EndpointDescriptor upserts = destination.endpoint().endpoint().descriptor();
		EndpointBinder.Prepared deletions = this.endpoints.prepare(
				new DestinationSpec(destination.spec().vendor(), upserts.deletions(), null, null), options,
				spec.name());
		MirrorReader.Limit limit = run.mirrorLimit(options);
		DeliveryRun budget = this.steps.budget(spec, run.runKey(), false);
		return this.steps.<Transformed>destinationStep(Names.mirrorStep(destination.id()), run, (context) -> {
			DeliveryWriter<?> writer = this.steps.deleting(run, deletions, upserts, budget, context, planned);
			ItemStreamReader<Transformed> reader = planned
					? new PlannedMirrorReader(run.stores(), context, destination.id())
					: new MirrorReader(run.stores(), context, destination.id(), limit);
			return new DestinationStep.Parts<>(reader, Function.identity(), writer, writer);
		}, "{} key(s) deleted in {} request(s), {} refused");
	}

}
