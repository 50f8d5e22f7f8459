package com.audiencesync.delivery;

import java.util.ArrayList;
import java.util.List;

import com.audiencesync.crypto.Sealer;
import com.audiencesync.destination.Endpoint;
import com.audiencesync.state.snapshot.LineMemo;
import com.audiencesync.state.snapshot.PartitionPlan;
import com.audiencesync.transform.Transformed;

/**
 * One destination's part of a partition's plan: each mapped row becomes a record of its
 * key's, payload's and identity's keyed hashes and its place, exactly as delivery would
 * hash it; a row rejected in mapping whose key can be read is planned with no payload (it
 * is still in the source). Rows are hashed a batch at a time, as delivery does.
 *
 * @param <R> the endpoint's request record
 */
public final class NightPlanner<R> {

	private final Endpoint<R> endpoint;

	private final RowKeys rowKeys;

	private final PartitionPlan plan;

	private final List<Pending<R>> buffer = new ArrayList<>();

	private final int batch;

	/** Seals a mirrored destination's key fields, or null where it does not mirror. */
	private final Sealer sealer;

	private final String job;

	/** Where the lines being mapped are remembered, or null. */
	private LineMemo memo;

	/** This destination's place among the memo's. */
	private int memoIndex;

	/**
	 * @param endpoint the destination's endpoint (only its request records are built)
	 * @param stores the run's stores: their keyed hash, and their sealer for a mirror
	 * @param plan where the records go
	 * @param batch rows hashed at once
	 * @param job the job's name
	 * @param mirror whether the destination mirrors: each row's key fields are planned
	 * sealed, so a key the source no longer has can be deleted on a later night
	 */
	public NightPlanner(Endpoint<R> endpoint, SyncStores stores, PartitionPlan plan, int batch, String job,
			boolean mirror) {
		this.endpoint = endpoint;
		this.rowKeys = new RowKeys(endpoint.descriptor(), stores.hash());
		this.plan = plan;
		this.batch = Math.max(1, batch);
		this.sealer = mirror ? stores.sealer() : null;
		if (mirror && this.sealer == null) {
			throw new IllegalStateException(endpoint.descriptor().id()
					+ " mirrors: its keys are kept sealed, and the run has no sealing keyset");
		}
		this.job = job;
	}

	/**
	 * Tells a partition's line memo what this destination plans for each row it takes
	 * from now on (rows the memo was told of).
	 * @param memo the memo
	 * @param index this destination's place among the memo's
	 */
	public void remembering(LineMemo memo, int index) {
		this.memo = memo;
		this.memoIndex = index;
	}

	/** Whether an endpoint's rows are planned: it upserts by a key. */
	public static boolean plans(Endpoint<?> endpoint) {
		return endpoint.descriptor().keying() != null;
	}

	/**
	 * Takes a row as mapped for this destination. A row that is not an accepted row with
	 * a key (rejected, keyless, skipped) is one its delivery must see, whatever the plan
	 * sends.
	 */
	public void add(Transformed item) {
		if (item instanceof Transformed.Accepted accepted) {
			this.buffer.add(new Pending<>(accepted, this.endpoint.toRequest(accepted.row())));
			if (this.buffer.size() >= this.batch) {
				flush();
			}
			return;
		}
		always(item.origin().position());
		if (item instanceof Transformed.Rejected rejected && rejected.keyFields() != null) {
			String key = this.rowKeys.keying().key().apply(rejected.keyFields());
			if (key != null) {
				this.plan.add(this.rowKeys.keyHash(key).bytes(), rejected.origin().position(), null, null, null);
			}
		}
	}

	/** Plans the rows still held. */
	public void flush() {
		if (this.buffer.isEmpty()) {
			return;
		}
		for (Pending<R> row : this.rowKeys.key(this.buffer)) {
			KeyHashes hashes = row.hashes();
			if (hashes == null) {
				// no key to plan by: delivery sends it as it comes
				always(row.accepted().origin().position());
			}
			else {
				long position = row.accepted().origin().position();
				byte[] identity = (hashes.identity() != null) ? hashes.identity().bytes() : null;
				this.plan.add(hashes.key().bytes(), position, hashes.fingerprint().bytes(), identity, sealed(row));
				if (this.memo != null) {
					this.memo.planned(this.memoIndex, position, hashes.key().bytes(), hashes.fingerprint().bytes(),
							identity);
				}
			}
		}
		this.buffer.clear();
	}

	private void always(long position) {
		this.plan.always(position);
		if (this.memo != null) {
			this.memo.unplanned(this.memoIndex, position);
		}
	}

	/**
	 * A mirrored destination's row: its key fields, sealed as the per-key state seals
	 * them.
	 */
	private byte[] sealed(Pending<R> row) {
		if (this.sealer == null) {
			return null;
		}
		return this.rowKeys.sealKeyFields(this.sealer, this.job, row.accepted().fields());
	}

}
