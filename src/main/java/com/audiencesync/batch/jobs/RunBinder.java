package com.audiencesync.batch.jobs;

import java.util.List;
import java.util.Map;

import com.audiencesync.batch.run.RunIdentity;
import com.audiencesync.batch.run.RunOptions;
import com.audiencesync.delivery.SyncStores;
import com.audiencesync.destination.RequestPool;
import com.audiencesync.source.Source;
import com.audiencesync.source.SourceContext;
import com.audiencesync.source.SourceKinds;
import com.audiencesync.spec.DestinationSpec;
import com.audiencesync.spec.JobSpec;
import com.audiencesync.transform.ColumnCheck;
import com.audiencesync.transform.FieldCipher;
import com.audiencesync.transform.RowMapper;

import org.springframework.batch.core.repository.JobRepository;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.stereotype.Component;

/**
 * Binds a spec for one run: each destination's endpoint with its vendor's properties and
 * the run's overrides, the sync stores of the vendor account the run writes to, the
 * mappers, and the run's source.
 */
@Component
class RunBinder {

	private final EndpointBinder endpoints;

	private final SyncStoresFactory stores;

	private final JobRepository jobRepository;

	private final ListableBeanFactory beans;

	RunBinder(EndpointBinder endpoints, SyncStoresFactory stores, JobRepository jobRepository,
			ListableBeanFactory beans) {
		this.endpoints = endpoints;
		this.stores = stores;
		this.jobRepository = jobRepository;
		this.beans = beans;
	}

	/**
	 * The spec's destinations bound for the run; fails naming every property that keeps
	 * an endpoint from being called, then naming a missing keyset.
	 */
	BoundRun bind(JobSpec spec, RunIdentity identity, RunOptions options) {
		// every endpoint is checked before a keyset is loaded
		List<Map.Entry<DestinationSpec, EndpointBinder.Prepared>> endpoints = spec.targets()
			.stream()
			.map((target) -> Map.entry(target, this.endpoints.prepare(target, options, spec.name())))
			.toList();
		SyncStores stores = this.stores.forRun(spec, options, account(spec, options));
		FieldCipher cipher = this.stores.cipher(spec);
		String runKey = identity.runKey();
		List<BoundDestination> destinations = endpoints.stream()
			.map((endpoint) -> new BoundDestination(endpoint.getKey(), endpoint.getValue(),
					new RowMapper(endpoint.getKey(), endpoint.getValue().endpoint().descriptor(), spec.zoneOrDefault(),
							spec.name() + "/" + runKey, cipher)))
			.toList();
		return new BoundRun(spec, runKey, destinations, stores,
				RequestPool.of(spec.vendor(), destinations.get(0).endpoint().maxInFlight()));
	}

	/**
	 * The identity of the vendor account a run of the spec with these options writes to
	 * (one vendor a spec): the sync state and the refusals it replays are that account's.
	 */
	String account(JobSpec spec, RunOptions options) {
		return this.endpoints.account(spec.primary(), options);
	}

	/** The source of the run, its plan kept in the job repository. */
	Source source(JobSpec spec, RunIdentity identity) {
		return SourceKinds.create(spec.source(),
				new SourceContext(this.jobRepository, identity.from(), identity.to(), spec.file().getParent(),
						spec.zoneOrDefault(), spec.chunkSize(), this.beans::getBean, ColumnCheck.of(spec)::reads));
	}

}
