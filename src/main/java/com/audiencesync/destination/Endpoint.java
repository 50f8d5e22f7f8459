package com.audiencesync.destination;

import java.util.List;
import java.util.Optional;

/**
 * What a vendor package implements for each endpoint: the request row a mapped row
 * becomes and how one request is sent and its answer classified. Batching, splitting,
 * retries and the rejected-row record are the {@code delivery.DeliveryWriter}'s, the same
 * for every vendor.
 *
 * @param <R> the request row (a record serialised as the vendor expects)
 */
public interface Endpoint<R> {

	/** The endpoint's static facts (limit, fields). */
	EndpointDescriptor descriptor();

	/** The request row for a mapped row. */
	R toRequest(MappedRow row);

	/**
	 * Sends one request of at most {@code descriptor().maxBatchSize()} rows. Never throws
	 * for I/O.
	 */
	DeliveryOutcome send(List<R> batch);

	/**
	 * Sends one request whose rows' JSON is at hand ({@link JsonRows#of}, made once for
	 * the sync state's fingerprint): a bulk endpoint writes its body from those bytes. By
	 * default the records are serialised again ({@link #send(List)}).
	 * @param batch the request rows
	 * @param json each row's JSON, in the same order
	 */
	default DeliveryOutcome send(List<R> batch, List<byte[]> json) {
		return send(batch);
	}

	/**
	 * The two users a row links (Braze: merged away, kept), when rows that share a user
	 * depend on each other's order: the writer then sends the later row in a later
	 * request, and reports chains.
	 */
	default Optional<Link> link(R row) {
		return Optional.empty();
	}

	/**
	 * Two users a row links.
	 *
	 * @param from the user the row acts on first (merged away)
	 * @param to the user it leads to (kept)
	 */
	record Link(String from, String to) {
	}

	/**
	 * An upsert key and the identity written under it ({@link Keying}).
	 *
	 * @param key the key (a phone number): only its keyed hash is kept
	 * @param identity the identity (a member id), or null
	 * @param keyName the key's field name, for the report
	 */
	record UpsertKey(String key, String identity, String keyName) {
	}

}
