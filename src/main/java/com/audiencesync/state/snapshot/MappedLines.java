package com.audiencesync.state.snapshot;

import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The lines a plan maps tonight, each gathering its destinations' records as their
 * planners hand them over (a batch at a time, so a line's records come at different
 * times): a line every destination planned a payload for becomes a memo entry, its hash
 * then {@link LineMemo#PER_DESTINATION} longs a destination; any other is dropped.
 */
final class MappedLines {

	private final int destinations;

	/** Takes each whole entry. */
	private final Consumer<long[]> entries;

	private final Map<Long, Pending> pending = new HashMap<>();

	private final long[] record = new long[NightRecord.WIDTH];

	MappedLines(int destinations, Consumer<long[]> entries) {
		this.destinations = destinations;
		this.entries = entries;
	}

	/** A line to map, by its hash (16 bytes): its destinations' records follow. */
	void mapping(byte[] hash, long position) {
		ByteBuffer bytes = ByteBuffer.wrap(hash);
		this.pending.put(position, new Pending(bytes.getLong(), bytes.getLong(), this.destinations));
	}

	/** A destination's record of a line being mapped. */
	void planned(int destination, long position, byte[] key, byte[] fingerprint, byte[] identity) {
		Pending line = this.pending.get(position);
		if (line == null) {
			return;
		}
		NightRecord.fill(this.record, key, 0, fingerprint, identity);
		int at = 2 + LineMemo.PER_DESTINATION * destination;
		line.lanes[at] = this.record[NightRecord.KEY_0];
		line.lanes[at + 1] = this.record[NightRecord.KEY_1];
		line.lanes[at + 2] = this.record[NightRecord.FINGERPRINT_0];
		line.lanes[at + 3] = this.record[NightRecord.FINGERPRINT_1];
		line.lanes[at + 4] = this.record[NightRecord.IDENTITY];
		reported(position, line);
	}

	/** A line a destination planned no payload for: it is no entry. */
	void unplanned(long position) {
		Pending line = this.pending.get(position);
		if (line != null) {
			line.whole = false;
			reported(position, line);
		}
	}

	private void reported(long position, Pending line) {
		if (++line.reports < this.destinations) {
			return;
		}
		this.pending.remove(position);
		if (line.whole) {
			this.entries.accept(line.lanes);
		}
	}

	/** A line being mapped: its destinations' records as they come. */
	private static final class Pending {

		private final long[] lanes;

		private int reports;

		private boolean whole = true;

		Pending(long hash0, long hash1, int destinations) {
			this.lanes = new long[2 + LineMemo.PER_DESTINATION * destinations];
			this.lanes[0] = hash0;
			this.lanes[1] = hash1;
		}

	}

}
