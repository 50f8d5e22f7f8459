package com.audiencesync.delivery;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import com.audiencesync.delivery.Tally.Counter;
import com.audiencesync.destination.Endpoint;
import com.audiencesync.destination.Endpoint.UpsertKey;
import com.audiencesync.destination.Keying;
import com.audiencesync.destination.Masking;
import com.audiencesync.state.Hash;
import com.audiencesync.state.SyncConflicts.Conflict;
import com.audiencesync.state.SyncState;
import com.audiencesync.state.SyncState.Stored;
import com.audiencesync.state.Target;

/**
 * Change detection, a writer's {@link Ledger} unless it deletes or links: the sync state
 * of one writer, a chunk at a time (for an endpoint that upserts by key). It finds which
 * rows the vendor already holds exactly (not sent, counted unchanged), what it accepted
 * now (written in the chunk's transaction) and which keys the run sent with two
 * identities (recorded, counted, never logged row by row). Memory is bounded by the
 * chunk: the run lives in the tables.
 *
 * @param <R> the request record
 */
final class ChangeDetection<R> implements Ledger<R> {

	private final SyncStores stores;

	private final DeliveryWriter.Context context;

	private final RowKeys rowKeys;

	private final Keying keying;

	private final boolean detects;

	private final boolean mirror;

	/**
	 * @param endpoint the endpoint
	 * @param stores the run's tables, or null (no state: conflicts within a chunk only)
	 * @param context where the rows come from
	 * @param mirror whether the destination mirrors: every key read is marked seen and
	 * kept sealed, so a key the source no longer has can be deleted
	 */
	ChangeDetection(Endpoint<R> endpoint, SyncStores stores, DeliveryWriter.Context context, boolean mirror) {
		this.stores = stores;
		this.context = context;
		this.mirror = mirror && stores != null && stores.sealer() != null;
		this.rowKeys = new RowKeys(endpoint.descriptor(), (stores != null) ? stores.hash() : null);
		this.keying = this.rowKeys.keying();
		this.detects = stores != null && this.keying != null;
	}

	String destination() {
		return this.rowKeys.destination();
	}

	/** The state this writer reads and writes: its destination in the run's account. */
	private Target target() {
		return this.stores.target(this.context.jobName(), destination());
	}

	/**
	 * Before a run's first chunk: makes the destination known to the state, outside any
	 * chunk's transaction. A dry run does not call it: it writes nothing.
	 */
	@Override
	public void prepare() {
		if (this.detects) {
			this.stores.state().prepare(target());
		}
	}

	/** How the rows are keyed in the state. */
	RowKeys rowKeys() {
		return this.rowKeys;
	}

	/** Whether rows are compared with the state (an upserting endpoint, with stores). */
	boolean detects() {
		return this.detects;
	}

	/** The chunk's rows with their keys, the stored state read in one query. */
	@Override
	public Batch open(List<Pending<R>> rows, Tally tally) {
		if (!this.detects) {
			return new Batch(rows, Map.of());
		}
		List<Pending<R>> keyed = this.rowKeys.key(rows);
		List<Hash> keys = RowKeys.keys(keyed);
		Map<Hash, Stored> stored = this.stores.state().find(target(), keys);
		List<Pending<R>> changed = new ArrayList<>(keyed.size());
		Batch batch = new Batch(changed, stored);
		boolean replay = this.context.attempts() != Attempts.FIRST;
		for (Pending<R> row : keyed) {
			Stored before = (row.hashes() != null) ? stored.get(row.hashes().key()) : null;
			if (!this.stores.resync() && before != null && before.fingerprint().equals(row.hashes().fingerprint())) {
				tally.add(Counter.UNCHANGED, 1);
				tally.add(Counter.POINTS_UNCHANGED, this.rowKeys.points(row));
				if (this.mirror) {
					// still in the source; a key kept before mirroring began gets sealed
					// now
					batch.seen(row, !before.sealed());
				}
			}
			else if (replay && before != null && this.context.runKey().equals(before.runKey())) {
				// a replay of an earlier refusal, and tonight the vendor took a newer row
				// of
				// the key: the older payload must not go back over it
				tally.add(Counter.UNCHANGED, 1);
			}
			else {
				changed.add(row);
			}
		}
		return batch;
	}

	/** One chunk's rows to send and what the vendor accepted of them. */
	final class Batch implements Ledger.Chunk<R> {

		private final List<Pending<R>> toSend;

		private final Map<Hash, Stored> stored;

		private final List<Pending<R>> delivered = Collections.synchronizedList(new ArrayList<>());

		/** Keys the chunk read but did not deliver now (mirrors): marked seen. */
		private final List<Hash> seen = new ArrayList<>();

		/** Unchanged rows whose key was never sealed (mirrors): written again, sealed. */
		private final List<Pending<R>> reseal = new ArrayList<>();

		Batch(List<Pending<R>> toSend, Map<Hash, Stored> stored) {
			this.toSend = toSend;
			this.stored = stored;
		}

		/** The rows the vendor does not hold yet. */
		@Override
		public List<Pending<R>> toSend() {
			return this.toSend;
		}

		void seen(Pending<R> row, boolean reseal) {
			if (reseal) {
				this.reseal.add(row);
			}
			else {
				this.seen.add(row.hashes().key());
			}
		}

		/**
		 * A row rejected before sending: still in the source, if its key could be read.
		 */
		@Override
		public void rejected(Map<String, Object> keyFields) {
			if (ChangeDetection.this.mirror && keyFields != null) {
				String key = ChangeDetection.this.keying.key().apply(keyFields);
				if (key != null) {
					this.seen.add(ChangeDetection.this.rowKeys.keyHash(key));
				}
			}
		}

		/** Notes rows the vendor accepted (from any sending thread). */
		@Override
		public void delivered(List<Pending<R>> rows) {
			this.delivered.addAll(rows);
		}

		/**
		 * Writes what the vendor accepted to the state and records the keys this run sent
		 * with two identities; in the chunk's transaction.
		 */
		@Override
		public void commit(Tally tally) {
			List<Pending<R>> accepted;
			synchronized (this.delivered) {
				accepted = new ArrayList<>(this.delivered);
			}
			// in source order, so the later of two rows is the conflicting one
			accepted.sort((a, b) -> Long.compare(order(a), order(b)));
			List<Conflict> conflicts = conflicts(accepted);
			tally.add(Counter.CONFLICTS, conflicts.size());
			if (ChangeDetection.this.stores != null) {
				ChangeDetection.this.stores.conflicts().record(conflicts);
			}
			if (ChangeDetection.this.detects) {
				List<SyncState.Entry> entries = new ArrayList<>(accepted.size());
				for (Pending<R> row : accepted) {
					if (row.hashes() != null) {
						entries.add(entry(row, ChangeDetection.this.context.runKey()));
					}
				}
				for (Pending<R> row : this.reseal) {
					Stored before = this.stored.get(row.hashes().key());
					entries.add(entry(row, before.runKey()));
				}
				String runKey = ChangeDetection.this.context.runKey();
				ChangeDetection.this.stores.state()
					.save(target(), entries, ChangeDetection.this.mirror ? runKey : null);
				if (ChangeDetection.this.mirror) {
					// refused by the vendor: not delivered, but still in the source
					Set<Pending<R>> sent = Collections.newSetFromMap(new IdentityHashMap<>());
					sent.addAll(accepted);
					this.toSend.stream()
						.filter((row) -> row.hashes() != null && !sent.contains(row))
						.forEach((row) -> this.seen.add(row.hashes().key()));
					ChangeDetection.this.stores.state().markSeen(target(), this.seen, runKey);
				}
			}
		}

		private SyncState.Entry entry(Pending<R> row, String runKey) {
			KeyHashes hashes = row.hashes();
			byte[] sealed = ChangeDetection.this.mirror
					? ChangeDetection.this.rowKeys.sealKeyFields(ChangeDetection.this.stores.sealer(),
							ChangeDetection.this.context.jobName(), row.accepted().fields())
					: null;
			return new SyncState.Entry(hashes.key(), hashes.fingerprint(), hashes.identity(), sealed, runKey);
		}

		private long order(Pending<R> row) {
			return row.accepted().origin().position();
		}

		/** Keys sent with another identity earlier in this chunk or this run. */
		private List<Conflict> conflicts(List<Pending<R>> accepted) {
			Map<String, String> inChunk = new HashMap<>();
			List<Conflict> conflicts = new ArrayList<>();
			for (Pending<R> row : accepted) {
				Optional<UpsertKey> key = (row.hashes() != null) ? Optional.of(row.hashes().upsertKey())
						: (ChangeDetection.this.keying != null)
								? ChangeDetection.this.keying.of(row.accepted().fields()) : Optional.empty();
				if (key.isEmpty() || key.get().identity() == null) {
					continue;
				}
				String earlier = inChunk.putIfAbsent(key.get().key(), key.get().identity());
				boolean conflict = earlier != null && !earlier.equals(key.get().identity());
				if (!conflict && earlier == null && row.hashes() != null) {
					Stored before = this.stored.get(row.hashes().key());
					conflict = before != null && ChangeDetection.this.context.runKey().equals(before.runKey())
							&& !Objects.equals(before.identityHash(), row.hashes().identity());
				}
				if (conflict) {
					conflicts.add(conflict(row, key.get()));
				}
			}
			return conflicts;
		}

		private Conflict conflict(Pending<R> row, UpsertKey key) {
			return ChangeDetection.conflict(ChangeDetection.this.context, destination(), row, key);
		}

	}

	/**
	 * A key sent with two identities, as the conflicts table keeps it: where the row is,
	 * the key and the identity masked.
	 */
	static Conflict conflict(DeliveryWriter.Context context, String destination, Pending<?> row, UpsertKey key) {
		String keyMasked = key.keyName().toLowerCase().contains("phone") ? Masking.phone(key.key())
				: Masking.text(key.key());
		return new Conflict(context.jobExecutionId(), context.jobName(), context.runKey(), destination,
				row.accepted().origin().source(), row.accepted().origin().position(), key.keyName(), keyMasked,
				(key.identity() != null) ? Masking.text(key.identity()) : "");
	}

}
