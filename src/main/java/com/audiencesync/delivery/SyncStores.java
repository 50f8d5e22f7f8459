package com.audiencesync.delivery;

import com.audiencesync.crypto.KeyedHash;
import com.audiencesync.crypto.Sealer;
import com.audiencesync.state.SyncConflicts;
import com.audiencesync.state.SyncLinks;
import com.audiencesync.state.SyncState;
import com.audiencesync.state.Target;
import com.audiencesync.state.snapshot.Nights;

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
 * @param account the identity of the vendor account the run sends to: the state it reads
 * and writes is this account's ({@link Target#SANDBOX} for a sandbox's run)
 * @param nights the sorted snapshots a planned night reads and writes, or null where runs
 * keep the per-key table ({@code audience-sync.state.snapshots})
 */
public record SyncStores(SyncState state, SyncConflicts conflicts, SyncLinks links, KeyedHash hash, Sealer sealer,
		boolean resync, String account, Nights nights) {

	/** The state of a job's destination in the run's account. */
	public Target target(String job, String destination) {
		return new Target(job, destination, this.account);
	}

}
