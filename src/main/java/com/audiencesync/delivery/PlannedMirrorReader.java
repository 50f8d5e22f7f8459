package com.audiencesync.delivery;

import com.audiencesync.state.snapshot.Nights;
import com.audiencesync.state.snapshot.RecordCursor;
import com.audiencesync.transform.Transformed;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.support.AbstractItemCountingItemStreamItemReader;

/**
 * Reads the deletions a planned night's merge decided for a mirrored destination
 * (docs/design/snapshots.md): the keys its snapshot holds that no row tonight has, in key
 * order, their sealed key fields opened as rows of the vendor's deletion endpoint. The
 * merge already refused a night that deletes more than the spec allows, before anything
 * was sent. A restart reads on after the keys its last committed chunk deleted.
 */
public final class PlannedMirrorReader extends AbstractItemCountingItemStreamItemReader<Transformed> {

	private static final Logger log = LoggerFactory.getLogger(PlannedMirrorReader.class);

	private final SyncStores stores;

	private final DeliveryWriter.Context context;

	private final String destination;

	private final int target;

	private RecordCursor deletions;

	private final long[] key = new long[2];

	private long unsealed;

	/**
	 * @param stores the run's stores (with the sealer and the snapshots)
	 * @param context the run ({@code partition} is the mirror's step)
	 * @param destination the mirrored destination ({@code vendor/endpoint})
	 */
	public PlannedMirrorReader(SyncStores stores, DeliveryWriter.Context context, String destination) {
		this.stores = stores;
		this.context = context;
		this.destination = destination;
		this.target = stores.state().number(stores.target(context.jobName(), destination));
		setName("mirror");
	}

	@Override
	protected void doOpen() {
		Nights nights = this.stores.nights();
		this.deletions = nights.deletions(this.target, this.context.runKey());
		long[] counts = nights.mirrorCounts(this.target, this.context.runKey());
		this.unsealed = counts[1];
		log.info("mirror {}: {} key(s) no longer in the source, to delete", this.destination, counts[0]);
	}

	@Override
	protected Transformed doRead() {
		if (!this.deletions.next(this.key)) {
			return null;
		}
		return MirrorReader.deletion(this.stores.sealer(), this.deletions.sealed(), this.context.jobName(),
				this.destination, getCurrentItemCount());
	}

	@Override
	public void update(ExecutionContext executionContext) {
		super.update(executionContext);
		executionContext.putLong(MirrorReader.UNSEALED, this.unsealed);
	}

	@Override
	protected void doClose() {
		if (this.deletions != null) {
			this.deletions.close();
		}
		if (this.unsealed > 0) {
			log.warn("mirror {}: {} key(s) no longer in the source were sent before the destination mirrored and "
					+ "their key fields were never kept: they cannot be deleted (see docs/sync-state.md, Mirror)",
					this.destination, this.unsealed);
		}
	}

}
