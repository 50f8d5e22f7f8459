package com.audiencesync.delivery;

import com.audiencesync.destination.Endpoint.UpsertKey;
import com.audiencesync.state.Hash;

/**
 * A row's upsert key as the state knows it: keyed hashes of the key, of the payload sent
 * and of the identity.
 *
 * @param upsertKey the key and identity in plaintext (never stored)
 * @param key the key's hash
 * @param fingerprint the payload's
 * @param identity the identity's, or null
 */
record Keyed(UpsertKey upsertKey, Hash key, Hash fingerprint, Hash identity) {
}
