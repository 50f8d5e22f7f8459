package com.audiencesync.state.snapshot;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A night's merge, the step between its plan and its delivery: the partitions' sorted
 * records (numbered in the order of their names) merged with the target's current
 * generation into the planned generation, each partition's rows to send and rows of keys
 * with two identities, and a mirror's deletions.
 */
final class PlannedMerge {

	private final Snapshots snapshots;

	private final PlanPages pages;

	private final long sortMemory;

	private final Path work;

	PlannedMerge(Snapshots snapshots, PlanPages pages, long sortMemory, Path work) {
		this.snapshots = snapshots;
		this.pages = pages;
		this.sortMemory = sortMemory;
		this.work = work;
	}

	/**
	 * The night's merge: the partitions' records (numbered in the order given) with the
	 * current generation. Writes the planned generation and each partition's rows to send
	 * and rows of keys with two identities; replaces what an earlier attempt wrote.
	 * @param parts the partitions' names, in the order that decides which row of a key is
	 * kept (the last)
	 * @param resync whether every kept row is sent, changed or not
	 * @param mirror whether the target mirrors: its snapshot keeps each key's fields,
	 * sealed, and keys no row has tonight are planned for deletion
	 * ({@link Nights#deletions})
	 * @param placesMayMove whether a row's place can hold another row at delivery (a
	 * table): the rows to send then carry their key hashes
	 * ({@link PlanPages#KEYED_SENDS})
	 */
	NightMerge.Counts merge(int target, String runKey, List<String> parts, boolean resync, boolean mirror,
			boolean placesMayMove, Long executionId) {
		this.snapshots.deletePlanned(target, runKey);
		List<RecordCursor> night = new ArrayList<>();
		for (int i = 0; i < parts.size(); i++) {
			night.add(numbered(this.pages.read(target, runKey, PlanPages.RECORDS, parts.get(i), NightRecord.WIDTH), i));
		}
		GenerationWriter writer = this.snapshots.writer(target, executionId, mirror, runKey);
		Optional<Long> earlier = this.snapshots.earlierNight(target, writer.generation().generation(), executionId);
		if (earlier.isPresent()) {
			this.snapshots.discard(writer);
			throw new IllegalStateException("another night of this destination, execution " + earlier.get()
					+ ", is between its plan and its snapshot: planned nights of one destination run one at a time, "
					+ "so this one sent nothing. Run this date again once that one has ended");
		}
		NightMerge.Counts counts;
		int sendWidth = placesMayMove ? PlanPages.KEYED_SEND_WIDTH : PlanPages.SEND_WIDTH;
		try (ExternalSort sends = new ExternalSort(sendWidth, this.sortMemory, this.work);
				ExternalSort conflicts = new ExternalSort(1, this.sortMemory / 8, this.work);
				ExternalSort deletions = new ExternalSort(2, this.sortMemory / 4, this.work, true);
				RecordCursor merged = new MergedCursors(night, NightRecord.WIDTH);
				EntryCursor current = this.snapshots.current(target).map(this.snapshots::read).orElse(null)) {
			long[] send = new long[sendWidth];
			long[] one = new long[1];
			counts = NightMerge.merge(merged, current, resync, mirror, new NightMerge.Sink() {
				@Override
				public void send(long origin, long fingerprint0, long fingerprint1, boolean created) {
					throw new UnsupportedOperationException();
				}

				@Override
				public void send(long[] row, boolean created) {
					send[0] = row[NightRecord.ORIGIN];
					send[1] = row[NightRecord.FINGERPRINT_0];
					send[2] = row[NightRecord.FINGERPRINT_1];
					if (placesMayMove) {
						send[3] = row[NightRecord.KEY_0];
						send[4] = row[NightRecord.KEY_1];
					}
					sends.add(send);
				}

				@Override
				public void conflict(long[] origins, int count) {
					// the row kept is the one reported, as the vendor keeps it
					one[0] = origins[count - 1];
					conflicts.add(one);
				}

				@Override
				public void entry(long[] entry, byte[] sealed) {
					writer.add(entry, sealed);
				}

				@Override
				public void delete(long[] entry, byte[] sealed) {
					deletions.add(entry, sealed);
				}
			});
			writer.finish();
			byPartition(target, runKey, parts, placesMayMove ? PlanPages.KEYED_SENDS : PlanPages.SENDS, sends.sorted(),
					sendWidth);
			byPartition(target, runKey, parts, PlanPages.CONFLICTS, conflicts.sorted(), 1);
			if (mirror) {
				try (RecordCursor sorted = deletions.sorted()) {
					this.pages.write(target, runKey, PlanPages.DELETIONS, Nights.DELETIONS, sorted, 2);
				}
				this.pages.write(target, runKey, PlanPages.MIRROR_COUNTS, Nights.DELETIONS,
						Nights.one(counts.deletes(), counts.absent() - counts.deletes()), 2);
			}
		}
		return counts;
	}

	/**
	 * Sorted records by origin, stored per partition with their places only; every
	 * partition stores its first page, none maybe.
	 */
	private void byPartition(int target, String runKey, List<String> parts, char kind, RecordCursor sorted, int width) {
		long[] held = new long[width];
		boolean[] more = { sorted.next(held) };
		for (int i = 0; i < parts.size(); i++) {
			int partition = i;
			// this partition's records, their origins made places again
			RecordCursor ofPartition = (into) -> {
				if (!more[0] || NightRecord.partition(held[0]) != partition) {
					return false;
				}
				System.arraycopy(held, 0, into, 0, width);
				into[0] = NightRecord.position(held[0]);
				more[0] = sorted.next(held);
				return true;
			};
			this.pages.write(target, runKey, kind, parts.get(partition), ofPartition, width);
		}
	}

	/** A partition's stored records, their origins given its number. */
	private static RecordCursor numbered(RecordCursor records, int partition) {
		long base = NightRecord.origin(partition, 0);
		return new RecordCursor() {
			@Override
			public boolean next(long[] into) {
				if (!records.next(into)) {
					return false;
				}
				into[NightRecord.ORIGIN] = base | into[NightRecord.ORIGIN];
				return true;
			}

			@Override
			public byte[] sealed() {
				return records.sealed();
			}
		};
	}

}
