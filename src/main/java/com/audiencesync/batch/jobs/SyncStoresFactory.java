package com.audiencesync.batch.jobs;

import com.audiencesync.batch.run.RunOptions;
import com.audiencesync.crypto.FieldEncryption;
import com.audiencesync.crypto.Keysets;
import com.audiencesync.delivery.SyncStores;
import com.audiencesync.spec.DestinationSpec;
import com.audiencesync.spec.JobSpec;
import com.audiencesync.spec.MappingSpec;
import com.audiencesync.state.SyncConflicts;
import com.audiencesync.state.SyncLinks;
import com.audiencesync.state.SyncState;
import com.audiencesync.state.snapshot.Nights;
import com.audiencesync.transform.FieldCipher;

import org.springframework.stereotype.Component;

/**
 * Builds a run's {@link SyncStores}: the tables it keeps per key, with the keyed hash
 * they are keyed by; and what encrypts the fields a spec sends encrypted.
 */
@Component
public class SyncStoresFactory {

	private final SyncState state;

	private final SyncConflicts conflicts;

	private final SyncLinks links;

	private final Keysets keysets;

	private final Nights nights;

	SyncStoresFactory(SyncState state, SyncConflicts conflicts, SyncLinks links, Keysets keysets, Nights nights,
			StateProperties properties) {
		this.state = state;
		this.conflicts = conflicts;
		this.links = links;
		this.keysets = keysets;
		this.nights = properties.snapshots() ? nights : null;
	}

	/**
	 * The stores of one run; fails naming the property when a keyset it needs is not
	 * configured: the keyed hash, and the sealer of rejected rows and mirrored keys.
	 */
	SyncStores forRun(JobSpec spec, RunOptions options, String account) {
		return new SyncStores(this.state, this.conflicts, this.links, this.keysets.keyedHash(), this.keysets.sealer(),
				options.resync(), account, this.nights);
	}

	/**
	 * The stores a dry run compares with: the keyed hash, the snapshots where nights are
	 * planned (its plan is then theirs), and no sealer (it seals nothing).
	 */
	public SyncStores forDryRun(JobSpec spec, RunOptions options, String account) {
		return new SyncStores(this.state, this.conflicts, this.links, this.keysets.keyedHash(), null, options.resync(),
				account, this.nights);
	}

	/**
	 * What encrypts the fields a spec sends encrypted: the {@code daead} keyset, loaded
	 * now (so a missing one fails the run before anything is sent) when the spec has such
	 * a field.
	 */
	public FieldCipher cipher(JobSpec spec) {
		if (!encrypts(spec)) {
			return (plaintext) -> {
				throw new IllegalStateException("no field of " + spec.name() + " is encrypted");
			};
		}
		FieldEncryption encryption = this.keysets.fieldEncryption();
		return encryption::encrypt;
	}

	/**
	 * Whether the spec sends a field encrypted, so its runs need the {@code daead}
	 * keyset.
	 */
	public static boolean encrypts(JobSpec spec) {
		return spec.targets().stream().anyMatch((target) -> target != null && encrypts(target));
	}

	private static boolean encrypts(DestinationSpec target) {
		MappingSpec mapping = target.mapping();
		if (mapping == null) {
			return false;
		}
		boolean fields = mapping.fields()
			.values()
			.stream()
			.anyMatch((field) -> field != null && field.encrypt() != null);
		boolean properties = mapping.properties() != null && mapping.properties().fields() != null
				&& mapping.properties()
					.fields()
					.values()
					.stream()
					.anyMatch((field) -> field != null && field.encrypt() != null);
		return fields || properties;
	}

	/** Forgets what a completed run no longer needs (its links). */
	void completed(String job, String runKey) {
		this.links.forget(job, runKey);
	}

}
