package com.audiencesync.delivery;

import com.audiencesync.transform.Transformed.Accepted;

/**
 * A mapped row on its way: the row as accepted, the request record it became, and its key
 * for the sync state (null when the endpoint does not upsert by a key).
 *
 * @param accepted the mapped row
 * @param request the endpoint's request record
 * @param hashes its key, payload and identity hashes, or null
 * @param json the request record's JSON when it was made for the fingerprint (the
 * request's body reuses it), or null
 * @param <R> the request record
 */
record Pending<R>(Accepted accepted, R request, KeyHashes hashes, byte[] json) {

	Pending(Accepted accepted, R request) {
		this(accepted, request, null, null);
	}

	Pending<R> withHashes(KeyHashes hashes, byte[] json) {
		return new Pending<>(this.accepted, this.request, hashes, json);
	}

}
