package com.audiencesync.batch.jobs;

import com.audiencesync.spec.DestinationSpec;
import com.audiencesync.transform.RowMapper;

/**
 * One destination of a spec, bound for one run: what its spec says, its endpoint ready to
 * call and the mapper of its rows.
 *
 * @param spec the destination as the spec names it
 * @param endpoint its endpoint, checked ready, with its retry
 * @param mapper maps a source row to this destination's request row
 */
record BoundDestination(DestinationSpec spec, EndpointBinder.Prepared endpoint, RowMapper mapper) {

	/** {@code vendor/endpoint}. */
	String id() {
		return this.spec.id();
	}

}
