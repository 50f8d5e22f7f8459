package com.audiencesync.batch.jobs;

import java.util.List;

import com.audiencesync.batch.run.RunIdentity;
import com.audiencesync.batch.run.RunOptions;
import com.audiencesync.destination.RequestPool;
import com.audiencesync.names.Names;
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

	private final SnapshotSteps snapshots;

	RemoteWorkerStepBuilder(RunBinder binder, StepFactory steps, SnapshotSteps snapshots) {
		this.binder = binder;
		this.steps = steps;
		this.snapshots = snapshots;
	}

	/**
	 * The step of a partition of that run: a sync partition's, or a plan partition's on a
	 * planned night; its request pool is closed with the returned handle, once the
	 * partition ends.
	 * @param manager the step that made the partition ({@code sync} or {@code plan}),
	 * whose partitioning the source reads
	 * @param planned whether the run plans its nights: a worker whose own settings say
	 * otherwise refuses its partitions, as its ledger would not be the manager's
	 */
	public RemoteStep build(JobSpec spec, RunIdentity identity, RunOptions options, StepExecution manager,
			boolean planned) {
		BoundRun run = this.binder.bind(spec, identity, options);
		List<BoundDestination> destinations = SnapshotSteps.planned(run);
		if (planned != !destinations.isEmpty()) {
			throw new IllegalStateException(planned
					? "the run's manager plans its nights (audience-sync.state.snapshots=true) and this worker does "
							+ "not: give the worker the manager's audience-sync.state.* settings"
					: "this worker plans nights (audience-sync.state.snapshots=true) and the run's manager does not: "
							+ "give the worker the manager's audience-sync.state.* settings");
		}
		Source source = this.binder.source(spec, identity);
		source.beforeStep(manager);
		Step step = Names.PLAN_STEP.equals(manager.getStepName()) ? this.snapshots.planWorker(run, source, destinations)
				: this.steps.worker(run, source);
		return new RemoteStep(step, run.pool());
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
