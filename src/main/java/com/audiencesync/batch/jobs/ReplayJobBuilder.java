package com.audiencesync.batch.jobs;

import java.util.List;

import com.audiencesync.batch.run.RunIdentity;
import com.audiencesync.batch.run.RunOptions;
import com.audiencesync.destination.RequestPool;
import com.audiencesync.spec.JobSpec;
import com.audiencesync.state.RejectedRow;
import com.audiencesync.state.RejectedRows;

import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.builder.SimpleJobBuilder;
import org.springframework.batch.core.listener.JobExecutionListener;
import org.springframework.batch.core.step.Step;
import org.springframework.stereotype.Component;

/**
 * An operator's replay ({@code rejected --replay}): only the replay steps, one per
 * destination, sending the refused rows of one run that no run sent again yet, given up
 * ones included.
 */
@Component
class ReplayJobBuilder {

	private final RunBinder binder;

	private final StepFactory steps;

	private final RunListeners listeners;

	private final SnapshotSteps snapshots;

	ReplayJobBuilder(RunBinder binder, StepFactory steps, RunListeners listeners, SnapshotSteps snapshots) {
		this.binder = binder;
		this.steps = steps;
		this.listeners = listeners;
		this.snapshots = snapshots;
	}

	Job build(JobSpec spec, RunIdentity identity, RunOptions options) {
		BoundRun run = this.binder.bind(spec, identity, options);
		SimpleJobBuilder job = null;
		for (BoundDestination destination : run.destinations()) {
			// the operator names the run; its refusals are sent to the account they
			// were refused by, never from a sandbox's run to a vendor or back
			RejectedRows.Query refused = new RejectedRows.Query(spec.name(), identity.replayOf(), null,
					RejectedRow.VENDOR, null, destination.id(), Integer.MAX_VALUE, null, run.stores().account());
			Step step = this.steps.replay(run, destination, refused);
			job = (job == null) ? this.steps.job(spec.name(), step) : job.next(step);
		}
		// planned destinations record in their snapshots what the vendor took
		List<BoundDestination> planned = SnapshotSteps.planned(run);
		if (job != null && !planned.isEmpty()) {
			job = job.next(this.snapshots.replayed(run, planned));
		}
		RequestPool pool = run.pool();
		return this.listeners.add(job).listener(new JobExecutionListener() {
			@Override
			public void afterJob(JobExecution jobExecution) {
				pool.close();
			}
		}).build();
	}

}
