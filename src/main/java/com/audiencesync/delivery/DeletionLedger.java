package com.audiencesync.delivery;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import com.audiencesync.destination.Keying;
import com.audiencesync.state.Hash;

/**
 * The ledger of a mirror's deletions: every row is sent, and a key the vendor deleted is
 * forgotten by the state of the destination it was upserted to, in the chunk's
 * transaction. A refused deletion keeps its key, so the next night tries again.
 *
 * @param <R> the deletion endpoint's request record
 */
final class DeletionLedger<R> implements Ledger<R> {

	private final SyncStores stores;

	private final DeliveryWriter.Context context;

	private final String upserts;

	private final Keying keying;

	/**
	 * @param stores the run's tables
	 * @param context where the rows come from
	 * @param upserts the destination whose keys are deleted ({@code vendor/endpoint})
	 * @param keying how that destination keys its rows
	 */
	DeletionLedger(SyncStores stores, DeliveryWriter.Context context, String upserts, Keying keying) {
		this.stores = stores;
		this.context = context;
		this.upserts = upserts;
		this.keying = keying;
	}

	@Override
	public Chunk<R> open(List<Pending<R>> rows, Tally tally) {
		List<Pending<R>> delivered = Collections.synchronizedList(new ArrayList<>());
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
				List<Hash> deleted = new ArrayList<>();
				synchronized (delivered) {
					for (Pending<R> row : delivered) {
						String key = DeletionLedger.this.keying.key().apply(row.accepted().fields());
						if (key != null) {
							deleted
								.add(new Hash(DeletionLedger.this.stores.hash().of(DeletionLedger.this.upserts, key)));
						}
					}
				}
				DeletionLedger.this.stores.state()
					.delete(DeletionLedger.this.stores.target(DeletionLedger.this.context.jobName(),
							DeletionLedger.this.upserts), deleted);
			}

		};
	}

}
