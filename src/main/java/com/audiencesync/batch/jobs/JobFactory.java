package com.audiencesync.batch.jobs;

import com.audiencesync.batch.run.RunIdentity;
import com.audiencesync.batch.run.RunOptions;
import com.audiencesync.source.Source;
import com.audiencesync.spec.JobSpec;

import org.springframework.batch.core.job.Job;
import org.springframework.stereotype.Component;

/**
 * Builds the Spring Batch job of one run of a spec, of the run's shape: the sync job of a
 * nightly run or a backfill ({@link SyncJobBuilder}), or an operator's replay
 * ({@link ReplayJobBuilder}) or import ({@link ImportJobBuilder}). A remote worker's step
 * is built by {@link RemoteWorkerStepBuilder}.
 */
@Component
public class JobFactory {

	private final SyncJobBuilder sync;

	private final ReplayJobBuilder replay;

	private final ImportJobBuilder imports;

	private final RunBinder binder;

	JobFactory(SyncJobBuilder sync, ReplayJobBuilder replay, ImportJobBuilder imports, RunBinder binder) {
		this.sync = sync;
		this.replay = replay;
		this.imports = imports;
		this.binder = binder;
	}

	/** The job of that run of the spec. */
	public Job create(JobSpec spec, RunIdentity identity, RunOptions options) {
		return switch (identity.kind()) {
			case NIGHTLY, BACKFILL_DAY, BACKFILL_WINDOW -> this.sync.build(spec, identity, options);
			case REPLAY -> this.replay.build(spec, identity, options);
			case IMPORT -> this.imports.build(spec, identity, options);
		};
	}

	/**
	 * The identity of the vendor account a run of the spec with these options writes to
	 * (one vendor a spec): the sync state and the refusals it replays are that account's.
	 */
	public String account(JobSpec spec, RunOptions options) {
		return this.binder.account(spec, options);
	}

	/** The source a run of the spec reads, its plan kept in the job repository. */
	public Source source(JobSpec spec, RunIdentity identity) {
		return this.binder.source(spec, identity);
	}

}
