package com.audiencesync.delivery;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import com.audiencesync.delivery.Tally.Counter;
import com.audiencesync.destination.Endpoint;
import com.audiencesync.destination.Endpoint.UpsertKey;
import com.audiencesync.destination.EndpointDescriptor.Capability;
import com.audiencesync.destination.Masking;
import com.audiencesync.state.Hash;
import com.audiencesync.state.SyncConflicts.Conflict;
import com.audiencesync.state.SyncState;
import com.audiencesync.state.SyncState.Stored;
import tools.jackson.databind.json.JsonMapper;

/**
 * The sync state of one writer, a chunk at a time: which rows the vendor already holds
 * exactly (not sent, counted unchanged), what it accepted now (written in the chunk's
 * transaction) and which keys the run sent with two identities (recorded, counted, never
 * logged row by row). Memory is bounded by the chunk: the run lives in the tables.
 *
 * @param <R> the request record
 */
final class ChangeLedger<R> {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final Endpoint<R> endpoint;

	private final SyncStores stores;

	private final DeliveryWriter.Context context;

	private final boolean detects;

	/**
	 * @param endpoint the endpoint
	 * @param stores the run's tables, or null (no state: conflicts within a chunk only)
	 * @param context where the rows come from
	 */
	ChangeLedger(Endpoint<R> endpoint, SyncStores stores, DeliveryWriter.Context context) {
		this.endpoint = endpoint;
		this.stores = stores;
		this.context = context;
		this.detects = stores != null && endpoint.descriptor().capabilities().contains(Capability.UPSERT);
	}

	private String destination() {
		return this.endpoint.descriptor().id();
	}

	/** The chunk's rows with their keys, the stored state read in one query. */
	Batch open(List<Pending<R>> rows, Tally tally) {
		if (!this.detects) {
			return new Batch(rows, Map.of());
		}
		List<Pending<R>> keyed = new ArrayList<>(rows.size());
		List<Hash> keys = new ArrayList<>(rows.size());
		for (Pending<R> row : rows) {
			Pending<R> withKey = key(row);
			keyed.add(withKey);
			if (withKey.keyed() != null) {
				keys.add(withKey.keyed().key());
			}
		}
		Map<Hash, Stored> stored = this.stores.state().find(this.context.jobName(), destination(), keys);
		List<Pending<R>> changed = new ArrayList<>(keyed.size());
		for (Pending<R> row : keyed) {
			Stored before = (row.keyed() != null) ? stored.get(row.keyed().key()) : null;
			if (!this.stores.resync() && before != null && before.fingerprint().equals(row.keyed().fingerprint())) {
				tally.add(Counter.UNCHANGED, 1);
			}
			else {
				changed.add(row);
			}
		}
		return new Batch(changed, stored);
	}

	private Pending<R> key(Pending<R> row) {
		Optional<UpsertKey> key = this.endpoint.upsertKey(row.request());
		if (key.isEmpty()) {
			return row;
		}
		String domain = destination();
		Hash identity = (key.get().identity() != null)
				? new Hash(this.stores.hash().of(domain + "#identity", key.get().identity())) : null;
		return row.withKeyed(new Keyed(key.get(), new Hash(this.stores.hash().of(domain, key.get().key())),
				new Hash(this.stores.hash().of(JSON.writeValueAsBytes(row.request()))), identity));
	}

	/** One chunk's rows to send and what the vendor accepted of them. */
	final class Batch {

		private final List<Pending<R>> toSend;

		private final Map<Hash, Stored> stored;

		private final List<Pending<R>> delivered = Collections.synchronizedList(new ArrayList<>());

		Batch(List<Pending<R>> toSend, Map<Hash, Stored> stored) {
			this.toSend = toSend;
			this.stored = stored;
		}

		/** The rows the vendor does not hold yet. */
		List<Pending<R>> toSend() {
			return this.toSend;
		}

		/** Notes rows the vendor accepted (from any sending thread). */
		void delivered(List<Pending<R>> rows) {
			this.delivered.addAll(rows);
		}

		/**
		 * Writes what the vendor accepted to the state and records the keys this run sent
		 * with two identities; in the chunk's transaction.
		 */
		void commit(Tally tally) {
			List<Pending<R>> accepted;
			synchronized (this.delivered) {
				accepted = new ArrayList<>(this.delivered);
			}
			// in source order, so the later of two rows is the conflicting one
			accepted.sort((a, b) -> Long.compare(order(a), order(b)));
			List<Conflict> conflicts = conflicts(accepted);
			tally.add(Counter.CONFLICTS, conflicts.size());
			if (ChangeLedger.this.stores != null) {
				ChangeLedger.this.stores.conflicts().record(conflicts);
			}
			if (ChangeLedger.this.detects) {
				List<SyncState.Entry> entries = new ArrayList<>(accepted.size());
				for (Pending<R> row : accepted) {
					Keyed keyed = row.keyed();
					if (keyed != null) {
						entries.add(new SyncState.Entry(keyed.key(), keyed.fingerprint(), keyed.identity(), null,
								ChangeLedger.this.context.runKey(), ChangeLedger.this.context.jobExecutionId()));
					}
				}
				ChangeLedger.this.stores.state()
					.save(ChangeLedger.this.context.jobName(), destination(), entries, null);
			}
		}

		private long order(Pending<R> row) {
			return row.accepted().origin().position();
		}

		/** Keys sent with another identity earlier in this chunk or this run. */
		private List<Conflict> conflicts(List<Pending<R>> accepted) {
			Map<String, String> inChunk = new HashMap<>();
			List<Conflict> conflicts = new ArrayList<>();
			for (Pending<R> row : accepted) {
				Optional<UpsertKey> key = (row.keyed() != null) ? Optional.of(row.keyed().upsertKey())
						: ChangeLedger.this.endpoint.upsertKey(row.request());
				if (key.isEmpty() || key.get().identity() == null) {
					continue;
				}
				String earlier = inChunk.putIfAbsent(key.get().key(), key.get().identity());
				boolean conflict = earlier != null && !earlier.equals(key.get().identity());
				if (!conflict && earlier == null && row.keyed() != null) {
					Stored before = this.stored.get(row.keyed().key());
					conflict = before != null && ChangeLedger.this.context.runKey().equals(before.runKey())
							&& !Objects.equals(before.identityHash(), row.keyed().identity());
				}
				if (conflict) {
					conflicts.add(conflict(row, key.get()));
				}
			}
			return conflicts;
		}

		private Conflict conflict(Pending<R> row, UpsertKey key) {
			DeliveryWriter.Context context = ChangeLedger.this.context;
			String keyMasked = key.keyName().toLowerCase().contains("phone") ? Masking.phone(key.key())
					: Masking.text(key.key());
			return new Conflict(context.jobExecutionId(), context.jobName(), context.runKey(), destination(),
					row.accepted().origin().source(), row.accepted().origin().position(), key.keyName(), keyMasked,
					Masking.text(key.identity()));
		}

	}

}
