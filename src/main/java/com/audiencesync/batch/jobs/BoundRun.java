package com.audiencesync.batch.jobs;

import java.util.List;

import com.audiencesync.batch.run.RunOptions;
import com.audiencesync.delivery.MirrorReader;
import com.audiencesync.delivery.SyncStores;
import com.audiencesync.destination.RequestPool;
import com.audiencesync.spec.JobSpec;
import com.audiencesync.transform.RowMapper;

/**
 * What the steps of one run share: its destinations in the spec's order, its sync stores
 * and the threads that send its vendor's requests.
 *
 * @param spec the spec
 * @param runKey the run's key in this project's tables
 * @param destinations each destination, bound
 * @param stores the tables the run keeps per key
 * @param pool the vendor's request threads (one vendor a spec), closed when the job ends
 */
record BoundRun(JobSpec spec, String runKey, List<BoundDestination> destinations, SyncStores stores, RequestPool pool) {

	/** Whether the spec has one destination: its writer then goes unnamed. */
	boolean single() {
		return this.destinations.size() == 1;
	}

	/** The destinations' ids ({@code vendor/endpoint}), in the spec's order. */
	List<String> destinationIds() {
		return this.destinations.stream().map(BoundDestination::id).toList();
	}

	/** The destinations' mappers, in the spec's order. */
	List<RowMapper> mappers() {
		return this.destinations.stream().map(BoundDestination::mapper).toList();
	}

	/**
	 * How much a mirror of the run may delete: the spec's
	 * {@code mirror.max-delete-ratio}, unless the run allows more
	 * ({@code --allow-mass-delete}).
	 */
	MirrorReader.Limit mirrorLimit(RunOptions options) {
		return new MirrorReader.Limit(this.spec.mirrorOrDefault().maxDeleteRatioOrDefault(), options.allowMassDelete());
	}

}
