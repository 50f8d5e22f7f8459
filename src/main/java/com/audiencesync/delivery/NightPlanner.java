package com.audiencesync.delivery;

import java.util.ArrayList;
import java.util.List;

import com.audiencesync.crypto.Sealer;
import com.audiencesync.destination.Endpoint;
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
		this.plan.always(item.origin().position());
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
				this.plan.always(row.accepted().origin().position());
			}
			else {
				this.plan.add(hashes.key().bytes(), row.accepted().origin().position(), hashes.fingerprint().bytes(),
						(hashes.identity() != null) ? hashes.identity().bytes() : null, sealed(row));
			}
		}
		this.buffer.clear();
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
