package com.audiencesync.delivery;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import com.audiencesync.delivery.Tally.Counter;
import com.audiencesync.destination.Endpoint;
import com.audiencesync.destination.Endpoint.UpsertKey;
import com.audiencesync.destination.Keying;
import com.audiencesync.names.Names;
import com.audiencesync.state.SyncConflicts.Conflict;
import com.audiencesync.state.snapshot.Nights;
import com.audiencesync.state.snapshot.RecordCursor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.batch.infrastructure.item.ExecutionContext;

/**
 * A writer's {@link Ledger} on a night that was planned (docs/design/snapshots.md): a row
 * is sent when the plan says so (its key is new, or the payload it keeps differs from the
 * snapshot's), every other keyed row is counted unchanged (the vendor holds it, or a
 * later row of its key replaces it), and a row without a key is sent as always. Nothing
 * is read or written per key: the partition's planned places are read in order as its
 * rows pass. What the vendor refused, and a row sent with another payload than planned,
 * are recorded in the chunk's transaction as the night's fixes.
 *
 * @param <R> the request record
 */
final class PlannedLedger<R> implements Ledger<R> {

	private static final Logger log = LoggerFactory.getLogger(PlannedLedger.class);

	private final SyncStores stores;

	private final DeliveryWriter.Context context;

	private final RowKeys rowKeys;

	private final Keying keying;

	private final Nights nights;

	private final int target;

	private final String part;

	private PlannedSends sends;

	/** The writer's counters, once prepared. */
	private Tally tally;

	private volatile boolean ended;

	private RecordCursor conflicts;

	private final long[] conflict = new long[1];

	private boolean conflictHeld;

	/**
	 * @param endpoint the endpoint
	 * @param stores the run's stores, with its nights
	 * @param context where the rows come from
	 * @param target the number of the destination's target
	 * @param part the partition's name in the plan
	 */
	PlannedLedger(Endpoint<R> endpoint, SyncStores stores, DeliveryWriter.Context context, int target, String part) {
		this.stores = stores;
		this.context = context;
		this.rowKeys = new RowKeys(endpoint.descriptor(), stores.hash());
		this.keying = this.rowKeys.keying();
		this.nights = stores.nights();
		this.target = target;
		this.part = part;
	}

	@Override
	public void prepare() {
		if (!this.nights.planned(this.target, this.context.runKey(), this.part)) {
			// never guess: a partition the plan does not know would send nothing
			throw new IllegalStateException(this.context.partition() + ": " + this.rowKeys.destination()
					+ " has no plan for this partition (it was not in the run's plan step); nothing was sent");
		}
		this.sends = new PlannedSends(this.nights.sends(this.target, this.context.runKey(), this.part),
				this.nights.keyedSends(this.target, this.context.runKey(), this.part));
		this.conflicts = this.nights.conflicts(this.target, this.context.runKey(), this.part);
		this.conflictHeld = this.conflicts.next(this.conflict);
	}

	/**
	 * Also counts, once a partition, the rows its reader drops (when it reads only its
	 * planned rows): the vendor holds them, or a later row of their key replaces them.
	 */
	@Override
	public void prepare(ExecutionContext context, Tally tally) {
		prepare();
		this.tally = tally;
		String through = Names.plannedThrough(this.rowKeys.destination());
		if (context.containsKey(through)) {
			this.sends.resumeAfter(context.getLong(through));
		}
		long dropped = this.nights.dropped(this.target, this.context.runKey(), this.part);
		String counted = Names.plannedDropped(this.rowKeys.destination());
		if (dropped > 0 && !context.containsKey(counted)) {
			tally.add(Counter.SEEN, dropped);
			tally.add(Counter.UNCHANGED, dropped);
			context.putLong(counted, dropped);
			tally.update(context);
		}
	}

	@Override
	public Batch open(List<Pending<R>> rows, Tally tally) {
		List<Pending<R>> toSend = new ArrayList<>();
		List<long[]> planned = new ArrayList<>();
		List<Pending<R>> keyless = new ArrayList<>();
		List<Conflict> found = new ArrayList<>();
		for (Pending<R> row : rows) {
			long position = row.accepted().origin().position();
			Optional<UpsertKey> key = this.keying.of(row.accepted().fields());
			if (key.isEmpty()) {
				this.sends.passKeyless(position);
				keyless.add(row);
				continue;
			}
			while (this.conflictHeld && this.conflict[0] < position) {
				this.conflictHeld = this.conflicts.next(this.conflict);
			}
			if (this.conflictHeld && this.conflict[0] == position) {
				found.add(ChangeDetection.conflict(this.context, this.rowKeys.destination(), row, key.get()));
			}
			long[] send = this.sends.at(position);
			if (send != null) {
				toSend.add(row);
				planned.add(send);
			}
			else {
				tally.add(Counter.UNCHANGED, 1);
			}
		}
		List<Pending<R>> keyed = this.rowKeys.key(toSend);
		if (this.sends.keyed()) {
			moved(keyed, planned);
			tally.add(Counter.DEFERRED, this.sends.takeDeferred());
		}
		List<Pending<R>> all = new ArrayList<>(keyed);
		all.addAll(keyless);
		return new Batch(all, keyed, planned, found, this.sends.takeGone());
	}

	/**
	 * Where places can move, a row at a planned place whose key is not the planned one
	 * (rows were inserted or deleted before it, or its key column changed) is not sent:
	 * the planned key keeps its entry, and the next night sends both as they are then.
	 */
	private void moved(List<Pending<R>> keyed, List<long[]> planned) {
		for (int i = keyed.size() - 1; i >= 0; i--) {
			if (!this.sends.holdsPlannedKey(planned.get(i), keyed.get(i).hashes())) {
				this.sends.moved(planned.get(i));
				keyed.remove(i);
				planned.remove(i);
			}
		}
	}

	@Override
	public void rejectedAt(long position) {
		if (this.sends.keyed()) {
			this.sends.rejectedAt(position);
		}
	}

	/**
	 * The partition's reader has read its last row: the planned rows after the last place
	 * passed are gone too, recorded with the last chunk.
	 */
	@Override
	public void sourceEnded() {
		this.ended = true;
	}

	/**
	 * In each chunk's transaction, after it was written: the place passed, and once the
	 * reader has ended, the planned rows never met.
	 */
	@Override
	public void update(ExecutionContext context) {
		if (!this.sends.keyed()) {
			return;
		}
		if (this.ended && this.sends.through() < Long.MAX_VALUE) {
			List<byte[]> gone = this.sends.ended();
			if (!gone.isEmpty()) {
				this.nights.refused(this.target, this.context.runKey(), gone);
			}
			if (this.tally != null) {
				this.tally.add(Counter.DEFERRED, this.sends.takeDeferred());
			}
			if (this.sends.missed() > 0) {
				log.warn("{} {}: {} planned row(s) were not where the plan read them (deleted since, or moved by rows "
						+ "inserted or deleted before them): not sent, their keys keep what the vendor holds, and the "
						+ "next night sends them as they are then", this.context.partition(),
						this.rowKeys.destination(), this.sends.missed());
			}
		}
		context.putLong(Names.plannedThrough(this.rowKeys.destination()), this.sends.through());
	}

	/** One chunk's rows to send and what the vendor accepted of them. */
	final class Batch implements Ledger.Chunk<R> {

		private final List<Pending<R>> toSend;

		private final List<Pending<R>> keyed;

		private final List<long[]> planned;

		private final List<Conflict> conflicts;

		private final List<byte[]> gone;

		private final Set<Pending<R>> delivered = Collections
			.synchronizedSet(Collections.newSetFromMap(new IdentityHashMap<>()));

		Batch(List<Pending<R>> toSend, List<Pending<R>> keyed, List<long[]> planned, List<Conflict> conflicts,
				List<byte[]> gone) {
			this.toSend = toSend;
			this.keyed = keyed;
			this.planned = planned;
			this.conflicts = conflicts;
			this.gone = gone;
		}

		@Override
		public List<Pending<R>> toSend() {
			return this.toSend;
		}

		@Override
		public void rejected(Map<String, Object> keyFields) {
			// the plan counted it: nothing kept per key
		}

		@Override
		public void delivered(List<Pending<R>> rows) {
			this.delivered.addAll(rows);
		}

		@Override
		public void commit(Tally tally) {
			tally.add(Counter.CONFLICTS, this.conflicts.size());
			PlannedLedger.this.stores.conflicts().record(this.conflicts);
			List<byte[]> refused = new ArrayList<>(this.gone);
			for (int i = 0; i < this.keyed.size(); i++) {
				Pending<R> row = this.keyed.get(i);
				KeyHashes hashes = row.hashes();
				if (hashes == null) {
					continue;
				}
				if (!this.delivered.contains(row)) {
					refused.add(hashes.key().bytes());
					continue;
				}
				ByteBuffer print = ByteBuffer.wrap(hashes.fingerprint().bytes());
				long[] plan = this.planned.get(i);
				if (print.getLong() != plan[1] || print.getLong() != plan[2]) {
					// the row changed since it was planned (a table): the state records
					// what was sent
					PlannedLedger.this.nights.sentOtherwise(PlannedLedger.this.target,
							PlannedLedger.this.context.runKey(), hashes.key().bytes(), hashes.fingerprint().bytes(),
							(hashes.identity() != null) ? hashes.identity().prefix() : 0);
				}
			}
			if (!refused.isEmpty()) {
				PlannedLedger.this.nights.refused(PlannedLedger.this.target, PlannedLedger.this.context.runKey(),
						refused);
			}
		}

	}

}
