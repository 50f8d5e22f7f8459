package com.audiencesync.delivery;

import com.audiencesync.crypto.KeyedHash;
import com.audiencesync.crypto.Sealer;
import com.audiencesync.state.SyncConflicts;
import com.audiencesync.state.SyncLinks;
import com.audiencesync.state.SyncState;

/**
 * What a run keeps per key beside its counters, all in the job repository and all keyed
 * by keyed hashes: the sync state (change detection), the conflicts and the links of the
 * run.
 *
 * @param state the last payload each key delivered
 * @param conflicts keys sent with two identities
 * @param links users linked by the run's rows (chains)
 * @param hash the keyed hash every table is keyed by
 * @param sealer seals the rows rejected and the keys a mirror may have to delete, or null
 * when the run keeps nothing sealed (a dry run) nothing
 * @param resync whether every row is sent, changed or not (and the state rewritten)
 */
public record SyncStores(SyncState state, SyncConflicts conflicts, SyncLinks links, KeyedHash hash, Sealer sealer,
		boolean resync) {
}
