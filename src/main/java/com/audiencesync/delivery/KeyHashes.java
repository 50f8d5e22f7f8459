package com.audiencesync.delivery;

import com.audiencesync.destination.Endpoint.UpsertKey;
import com.audiencesync.state.Hash;

/**
 * A row's upsert key as the sync state knows it: the keyed hashes of the key, of the
 * payload sent (its fingerprint) and of the identity, with the key in plaintext for
 * conflict reports.
 *
 * @param upsertKey the key and identity in plaintext (never stored)
 * @param key the key's hash
 * @param fingerprint the payload's
 * @param identity the identity's, or null
 */
record KeyHashes(UpsertKey upsertKey, Hash key, Hash fingerprint, Hash identity) {
}
