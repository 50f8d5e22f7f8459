package com.audiencesync.delivery;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.audiencesync.destination.Keying;
import com.audiencesync.state.Hash;
import com.audiencesync.state.Target;

/**
 * The ledger of a mirror's deletions: every row is sent, and a key the vendor deleted is
 * forgotten by the state of the destination it was upserted to, in the chunk's
 * transaction. A refused deletion keeps its key, so the next night tries again: in the
 * per-key table by leaving its row; on a planned night, whose snapshot already left out
 * every key it deletes, by recording the key as kept.
 *
 * @param <R> the deletion endpoint's request record
 */
final class DeletionLedger<R> implements Ledger<R> {

	private final SyncStores stores;

	private final DeliveryWriter.Context context;

	private final String upserts;

	private final Keying keying;

	private final boolean planned;

	/**
	 * @param stores the run's tables
	 * @param context where the rows come from
	 * @param upserts the destination whose keys are deleted ({@code vendor/endpoint})
	 * @param keying how that destination keys its rows
	 * @param planned whether the night was planned
	 */
	DeletionLedger(SyncStores stores, DeliveryWriter.Context context, String upserts, Keying keying, boolean planned) {
		this.stores = stores;
		this.context = context;
		this.upserts = upserts;
		this.keying = keying;
		this.planned = planned;
	}

	@Override
	public Chunk<R> open(List<Pending<R>> rows, Tally tally) {
		Set<Pending<R>> delivered = Collections.synchronizedSet(Collections.newSetFromMap(new IdentityHashMap<>()));
		return new Chunk<>() {

			@Override
			public List<Pending<R>> toSend() {
				return rows;
			}

			@Override
			public void rejected(Map<String, Object> keyFields) {
				// a deletion row is never rejected before sending: its fields were kept
			}

			@Override
			public void delivered(List<Pending<R>> rows) {
				delivered.addAll(rows);
			}

			@Override
			public void commit(Tally tally) {
				Target target = DeletionLedger.this.stores.target(DeletionLedger.this.context.jobName(),
						DeletionLedger.this.upserts);
				if (DeletionLedger.this.planned) {
					List<byte[]> kept = new ArrayList<>();
					for (Pending<R> row : rows) {
						if (!delivered.contains(row)) {
							Hash key = hash(row);
							if (key != null) {
								kept.add(key.bytes());
							}
						}
					}
					if (!kept.isEmpty()) {
						DeletionLedger.this.stores.nights()
							.notDeleted(DeletionLedger.this.stores.state().number(target),
									DeletionLedger.this.context.runKey(), kept);
					}
					return;
				}
				List<Hash> deleted = new ArrayList<>();
				synchronized (delivered) {
					for (Pending<R> row : delivered) {
						Hash key = hash(row);
						if (key != null) {
							deleted.add(key);
						}
					}
				}
				DeletionLedger.this.stores.state().delete(target, deleted);
			}

		};
	}

	/**
	 * The hash of a deletion row's key, as the upserting destination's state holds it.
	 */
	private Hash hash(Pending<R> row) {
		String key = this.keying.key().apply(row.accepted().fields());
		return (key != null) ? new Hash(this.stores.hash().of(this.upserts, key)) : null;
	}

}
