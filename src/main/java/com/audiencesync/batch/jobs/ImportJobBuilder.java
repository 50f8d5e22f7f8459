package com.audiencesync.batch.jobs;

import java.nio.file.Path;

import com.audiencesync.batch.run.RunIdentity;
import com.audiencesync.batch.run.RunOptions;
import com.audiencesync.delivery.DeliveryRun;
import com.audiencesync.delivery.DeliveryWriter;
import com.audiencesync.delivery.Imports;
import com.audiencesync.destination.RequestPool;
import com.audiencesync.names.Names;
import com.audiencesync.source.SourceRow;
import com.audiencesync.spec.JobSpec;
import com.audiencesync.state.RejectedRows;

import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.builder.SimpleJobBuilder;
import org.springframework.batch.core.listener.JobExecutionListener;
import org.springframework.batch.core.step.Step;
import org.springframework.stereotype.Component;

/**
 * An operator's import of fixed rows ({@code rejected --import}): a step per destination
 * that sends the rows of the file fixing that destination's rejections, mapped with
 * today's mapping.
 */
@Component
class ImportJobBuilder {

	private final RunBinder binder;

	private final StepFactory steps;

	private final RunListeners listeners;

	private final RejectedRows rejectedRows;

	ImportJobBuilder(RunBinder binder, StepFactory steps, RunListeners listeners, RejectedRows rejectedRows) {
		this.binder = binder;
		this.steps = steps;
		this.listeners = listeners;
		this.rejectedRows = rejectedRows;
	}

	Job build(JobSpec spec, RunIdentity identity, RunOptions options) {
		BoundRun run = this.binder.bind(spec, identity, options);
		SimpleJobBuilder job = null;
		for (BoundDestination destination : run.destinations()) {
			Step step = fixes(run, destination, identity.imported());
			job = (job == null) ? this.steps.job(spec.name(), step) : job.next(step);
		}
		RequestPool pool = run.pool();
		return this.listeners.add(job).listener(new JobExecutionListener() {
			@Override
			public void afterJob(JobExecution jobExecution) {
				pool.close();
			}
		}).build();
	}

	/**
	 * The step ({@code import:<vendor/endpoint>}) that sends a destination's fixed rows.
	 * Rows fixed and still bad are rejected again, as this run's; like replays, they do
	 * not count against {@code skip.limit}.
	 */
	private Step fixes(BoundRun run, BoundDestination destination, RunIdentity.Imported imported) {
		DeliveryRun budget = new DeliveryRun(Long.MAX_VALUE, 0, run.spec().primary().rejectsChains());
		return this.steps.<SourceRow>destinationStep(Names.importStep(destination.id()), run, (context) -> {
			Imports imports = new Imports(this.rejectedRows, run.stores(), Path.of(imported.file()), imported.digest(),
					destination.id(), context);
			DeliveryWriter<?> writer = this.steps.writer(run, destination, budget, context, "");
			return new DestinationStep.Parts<>(imports.reader(), destination.mapper()::map, imports.writer(writer),
					writer);
		}, "{} fixed row(s) delivered in {} request(s), {} rejected again");
	}

}
