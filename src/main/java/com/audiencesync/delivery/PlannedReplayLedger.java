package com.audiencesync.delivery;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.audiencesync.delivery.Tally.Counter;
import com.audiencesync.destination.Endpoint;
import com.audiencesync.state.snapshot.Nights;

/**
 * A writer's {@link Ledger} for the replay of earlier refusals on a planned night: a row
 * whose key tonight's plan holds is left to the plan (tonight's row of that key is sent,
 * or the vendor already holds it), so an older payload never overwrites a newer one and
 * no key is sent twice in a night; a row whose key the plan does not hold (the source no
 * longer has it) is sent, and once the vendor takes it the snapshot records it.
 *
 * @param <R> the request record
 */
final class PlannedReplayLedger<R> implements Ledger<R> {

	private final DeliveryWriter.Context context;

	private final RowKeys rowKeys;

	private final Nights nights;

	private final int target;

	PlannedReplayLedger(Endpoint<R> endpoint, SyncStores stores, DeliveryWriter.Context context, int target) {
		this.context = context;
		this.rowKeys = new RowKeys(endpoint.descriptor(), stores.hash());
		this.nights = stores.nights();
		this.target = target;
	}

	@Override
	public Ledger.Chunk<R> open(List<Pending<R>> rows, Tally tally) {
		List<Pending<R>> keyed = this.rowKeys.key(rows);
		List<byte[]> keys = new ArrayList<>();
		for (Pending<R> row : keyed) {
			if (row.hashes() != null) {
				keys.add(row.hashes().key().bytes());
			}
		}
		boolean[] planned = this.nights.plannedHolds(this.target, this.context.runKey(), keys);
		List<Pending<R>> toSend = new ArrayList<>();
		int k = 0;
		for (Pending<R> row : keyed) {
			if (row.hashes() != null && planned[k++]) {
				// tonight's plan decides this key
				tally.add(Counter.UNCHANGED, 1);
			}
			else {
				toSend.add(row);
			}
		}
		Set<Pending<R>> delivered = Collections.synchronizedSet(Collections.newSetFromMap(new IdentityHashMap<>()));
		return new Ledger.Chunk<>() {
			@Override
			public List<Pending<R>> toSend() {
				return toSend;
			}

			@Override
			public void rejected(Map<String, Object> keyFields) {
			}

			@Override
			public void delivered(List<Pending<R>> rows) {
				delivered.addAll(rows);
			}

			@Override
			public void commit(Tally tally) {
				// the run's snapshot step records what the vendor took: a night's, or an
				// operator's replay's own
				for (Pending<R> row : toSend) {
					KeyHashes hashes = row.hashes();
					if (hashes != null && delivered.contains(row)) {
						PlannedReplayLedger.this.nights.sentOtherwise(PlannedReplayLedger.this.target,
								PlannedReplayLedger.this.context.runKey(), hashes.key().bytes(),
								hashes.fingerprint().bytes(),
								(hashes.identity() != null) ? hashes.identity().prefix() : 0);
					}
				}
			}
		};
	}

}
