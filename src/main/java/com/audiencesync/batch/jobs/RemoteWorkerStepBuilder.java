package com.audiencesync.batch.jobs;

import com.audiencesync.batch.run.RunIdentity;
import com.audiencesync.batch.run.RunOptions;
import com.audiencesync.destination.RequestPool;
import com.audiencesync.source.Source;
import com.audiencesync.spec.JobSpec;

import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.stereotype.Component;

/**
 * The step a remote worker runs for one partition of a run its manager started: the
 * partition's worker step, as the sync job's, built from the spec in the worker's jobs
 * folder. The source reads the manager step's plan (partitions may reach a worker without
 * their context, spring-batch#5138).
 */
@Component
public class RemoteWorkerStepBuilder {

	private final RunBinder binder;

	private final StepFactory steps;

	RemoteWorkerStepBuilder(RunBinder binder, StepFactory steps) {
		this.binder = binder;
		this.steps = steps;
	}

	/**
	 * The step of a partition of that run; its request pool is closed with the returned
	 * handle, once the partition ends.
	 * @param manager the run's manager step, whose plan the source reads
	 */
	public RemoteStep build(JobSpec spec, RunIdentity identity, RunOptions options, StepExecution manager) {
		BoundRun run = this.binder.bind(spec, identity, options);
		Source source = this.binder.source(spec, identity);
		source.beforeStep(manager);
		return new RemoteStep(this.steps.worker(run, source), run.pool());
	}

	/**
	 * A partition's step in a remote worker and what to close when it is done.
	 *
	 * @param step the step
	 * @param pool its request threads
	 */
	public record RemoteStep(Step step, RequestPool pool) {
	}

}
