package com.audiencesync.delivery;

import com.audiencesync.transform.Transformed.Accepted;

/**
 * A mapped row on its way: the row as accepted, the request record it became, and its key
 * for the sync state (null when the endpoint does not upsert by a key).
 *
 * @param accepted the mapped row
 * @param request the endpoint's request record
 * @param keyed its key, payload and identity hashes, or null
 * @param <R> the request record
 */
record Pending<R>(Accepted accepted, R request, Keyed keyed) {

	Pending<R> withKeyed(Keyed keyed) {
		return new Pending<>(this.accepted, this.request, keyed);
	}

}
