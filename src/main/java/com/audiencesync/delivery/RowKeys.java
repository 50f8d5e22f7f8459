package com.audiencesync.delivery;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.audiencesync.crypto.KeyedHash;
import com.audiencesync.crypto.Sealer;
import com.audiencesync.destination.Endpoint.UpsertKey;
import com.audiencesync.destination.EndpointDescriptor;
import com.audiencesync.destination.JsonRows;
import com.audiencesync.destination.Keying;
import com.audiencesync.state.Hash;
import com.audiencesync.state.SyncState;
import tools.jackson.databind.json.JsonMapper;

/**
 * How a destination's rows are known to the sync state: a row's key, payload and identity
 * as keyed hashes in the destination's domains, and the payload's JSON they are made of,
 * for a chunk at once.
 */
final class RowKeys {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final String destination;

	private final String identityDomain;

	private final Keying keying;

	private final KeyedHash hash;

	private final EndpointDescriptor endpoint;

	/**
	 * @param endpoint the destination's endpoint
	 * @param hash the run's keyed hash, or null when there is no state
	 */
	RowKeys(EndpointDescriptor endpoint, KeyedHash hash) {
		// a row's hashes take these as their domains: made once, not twice a row
		this.destination = endpoint.id();
		this.identityDomain = this.destination + "#identity";
		this.keying = endpoint.keying();
		this.hash = hash;
		this.endpoint = endpoint;
	}

	/**
	 * The data points a row sets, where its vendor bills by them
	 * ({@link EndpointDescriptor#points(com.audiencesync.destination.MappedRow)}); else
	 * 0.
	 */
	int points(Pending<?> row) {
		return this.endpoint.points(row.accepted().row());
	}

	/** The destination, {@code vendor/endpoint}: the domain of its keys' hashes. */
	String destination() {
		return this.destination;
	}

	/** The endpoint's keying, or null when it does not upsert by a key. */
	Keying keying() {
		return this.keying;
	}

	/**
	 * A row's key fields sealed, as a mirror keeps them to delete the key once the source
	 * no longer has it: bound to the job and this destination.
	 */
	byte[] sealKeyFields(Sealer sealer, String job, Map<String, Object> fields) {
		return sealer.seal(JSON.writeValueAsBytes(this.keying.keyFields(fields)),
				SyncState.sealContext(job, this.destination));
	}

	/** The hash of a key, as the state holds it. */
	Hash keyHash(String key) {
		return new Hash(this.hash.of(this.destination, key));
	}

	/**
	 * The rows with their key, payload and identity hashes (a row as it is when not
	 * keyed); the payloads' JSON made for the chunk at once.
	 */
	<R> List<Pending<R>> key(List<Pending<R>> rows) {
		List<byte[]> json = JsonRows.each(rows.stream().map(Pending::request).toList());
		List<Pending<R>> keyed = new ArrayList<>(rows.size());
		for (int i = 0; i < rows.size(); i++) {
			keyed.add(key(rows.get(i), json.get(i)));
		}
		return keyed;
	}

	/** The hashes of the keyed rows' keys. */
	static <R> List<Hash> keys(List<Pending<R>> keyed) {
		List<Hash> keys = new ArrayList<>(keyed.size());
		for (Pending<R> row : keyed) {
			if (row.hashes() != null) {
				keys.add(row.hashes().key());
			}
		}
		return keys;
	}

	private <R> Pending<R> key(Pending<R> row, byte[] json) {
		Optional<UpsertKey> key = this.keying.of(row.accepted().fields());
		if (key.isEmpty()) {
			return row;
		}
		Hash identity = (key.get().identity() != null)
				? new Hash(this.hash.of(this.identityDomain, key.get().identity())) : null;
		return row.withHashes(new KeyHashes(key.get(), keyHash(key.get().key()), fingerprint(row, json), identity),
				json);
	}

	/**
	 * The payload's keyed hash; where the endpoint bills by data points, its last two
	 * bytes are the row's data points instead (a function of the payload too: equal
	 * payloads have equal fingerprints still), so that a night's merge can count the data
	 * points of its unchanged rows from their fingerprints alone.
	 */
	private Hash fingerprint(Pending<?> row, byte[] json) {
		byte[] fingerprint = this.hash.of(json);
		if (this.endpoint.bills()) {
			int points = points(row);
			fingerprint[KeyedHash.LENGTH - 2] = (byte) (points >>> 8);
			fingerprint[KeyedHash.LENGTH - 1] = (byte) points;
		}
		return new Hash(fingerprint);
	}

}
