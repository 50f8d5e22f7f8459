package com.audiencesync.batch;

import com.audiencesync.crypto.Keysets;
import com.audiencesync.delivery.SyncStores;
import com.audiencesync.state.SyncConflicts;
import com.audiencesync.state.SyncLinks;
import com.audiencesync.spec.JobSpec;
import com.audiencesync.state.SyncState;

import org.springframework.stereotype.Component;

/** The tables a run keeps per key, with the keyed hash they are keyed by. */
@Component
class Stores {

	private final SyncState state;

	private final SyncConflicts conflicts;

	private final SyncLinks links;

	private final Keysets keysets;

	Stores(SyncState state, SyncConflicts conflicts, SyncLinks links, Keysets keysets) {
		this.state = state;
		this.conflicts = conflicts;
		this.links = links;
		this.keysets = keysets;
	}

	/**
	 * The stores of one run; fails naming the property when a keyset it needs is not
	 * configured: the keyed hash, and the sealer of rejected rows and mirrored keys.
	 */
	SyncStores forRun(JobSpec spec, RunOptions options) {
		return new SyncStores(this.state, this.conflicts, this.links, this.keysets.keyedHash(), this.keysets.sealer(),
				options.resync());
	}

	/**
	 * The stores a dry run compares with: the keyed hash, and no sealer (it seals
	 * nothing).
	 */
	SyncStores forDryRun(RunOptions options) {
		return new SyncStores(this.state, this.conflicts, this.links, this.keysets.keyedHash(), null, options.resync());
	}

	/** Forgets what a completed run no longer needs (its links). */
	void completed(String job, String runKey) {
		this.links.forget(job, runKey);
	}

}
