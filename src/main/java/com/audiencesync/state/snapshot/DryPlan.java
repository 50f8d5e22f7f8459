package com.audiencesync.state.snapshot;

import java.nio.file.Path;

/** What a night would decide, computed as a planned night does, writing nothing. */
public final class DryPlan implements AutoCloseable {

	private final Snapshots snapshots;

	private final int target;

	private final ExternalSort sort;

	private final long[] record = new long[NightRecord.WIDTH];

	DryPlan(Snapshots snapshots, int target, long sortMemory, Path work) {
		this.snapshots = snapshots;
		this.target = target;
		this.sort = new ExternalSort(NightRecord.WIDTH, sortMemory, work);
	}

	/**
	 * A row of a partition (numbered in the order of the partitions' names): as
	 * {@link PartitionPlan#add}.
	 */
	public void add(int partition, byte[] key, long position, byte[] fingerprint, byte[] identity) {
		NightRecord.fill(this.record, key, NightRecord.origin(partition, position), fingerprint, identity);
		this.sort.add(this.record);
	}

	/**
	 * The night merged with the current generation.
	 * @param resync whether every kept row would be sent
	 * @param mirror whether keys no row has would be deleted
	 * @param sent told each row that would be sent
	 */
	public NightMerge.Counts merge(boolean resync, boolean mirror, Sent sent) {
		try (RecordCursor night = this.sort.sorted();
				EntryCursor current = (this.target < 0) ? null
						: this.snapshots.current(this.target).map(this.snapshots::read).orElse(null)) {
			return NightMerge.merge(night, current, resync, mirror, new NightMerge.Sink() {
				@Override
				public void send(long origin, long fingerprint0, long fingerprint1, boolean created) {
					sent.row(origin, created, fingerprint1);
				}

				@Override
				public void entry(long[] entry, byte[] sealed) {
				}
			});
		}
	}

	/** A row that would be sent. */
	@FunctionalInterface
	public interface Sent {

		/**
		 * @param origin where it is
		 * @param created whether its key is new
		 * @param fingerprint1 its payload's fingerprint, last 8 bytes (which hold its
		 * data points where the endpoint bills by them)
		 */
		void row(long origin, boolean created, long fingerprint1);

	}

	@Override
	public void close() {
		this.sort.close();
	}

}
