package com.audiencesync.state.snapshot;

import java.util.Arrays;

/**
 * A night's plan: the night's rows (their key, payload and identity hashes and where they
 * are, sorted by key then place) merged in one pass with the target's last snapshot.
 * Every row of a key is seen together, so a key is decided once: the row the vendor
 * should keep is the key's last readable row, by partition (partitions are numbered in
 * the order of their files' names or key ranges) then row; it is sent only when its
 * payload differs from the snapshot's, or the key is new. The merge yields the rows to
 * send, the keys sent with two identities, the superseded rows, the keys a mirror would
 * delete, and the new snapshot as it stands if the vendor accepts every row sent. Memory
 * is a key's rows at a time.
 */
public final class NightMerge {

	private NightMerge() {
	}

	/** What the merge finds, in key order. */
	public interface Sink {

		/**
		 * A row to send: its key is new, or its payload differs from the snapshot's.
		 * @param origin where it is
		 * @param fingerprint0 its payload's fingerprint, first 8 bytes
		 * @param fingerprint1 and last 8 bytes
		 * @param created whether the snapshot did not hold its key
		 */
		void send(long origin, long fingerprint0, long fingerprint1, boolean created);

		/**
		 * A row to send, as its night record ({@link NightRecord#WIDTH} longs, not to be
		 * kept): by default {@link #send(long, long, long, boolean)}.
		 */
		default void send(long[] row, boolean created) {
			send(row[NightRecord.ORIGIN], row[NightRecord.FINGERPRINT_0], row[NightRecord.FINGERPRINT_1], created);
		}

		/**
		 * A row of a key that a later row of the same key supersedes tonight: not sent.
		 */
		default void superseded(long origin, long by) {
		}

		/**
		 * A key whose rows tonight carry two or more identities (one phone number, two
		 * member ids): the rows, in order; the last one is the one kept.
		 */
		default void conflict(long[] origins, int count) {
		}

		/**
		 * The next entry of the new snapshot, as it stands once every row sent and every
		 * deletion is accepted: keys no row has tonight are kept, but where a mirror
		 * deletes them.
		 */
		void entry(long[] entry, byte[] sealed);

		/** A key of the snapshot that no row tonight has. */
		default void absent(long[] entry, byte[] sealed) {
		}

		/**
		 * A key of the snapshot that no row tonight has, which a mirror deletes: its
		 * entry, and its key fields sealed. The new snapshot does not hold it.
		 */
		default void delete(long[] entry, byte[] sealed) {
		}

	}

	/**
	 * What the plan comes to.
	 *
	 * @param known keys the snapshot held
	 * @param create rows sent for keys it did not hold
	 * @param update rows sent with another payload than it held
	 * @param unchanged keys whose kept row it held exactly
	 * @param superseded rows a later row of the same key replaces
	 * @param conflicts keys with two or more identities tonight
	 * @param absent keys it held that no row tonight has
	 * @param unreadable keys whose every row tonight was rejected in mapping: kept as
	 * they were
	 * @param deletes absent keys a mirror deletes (those whose key fields it holds)
	 * @param pointsUnchanged the data points of the unchanged keys' kept rows, not sent
	 * (0 on a resync): the last two bytes of their fingerprints, which hold them where
	 * the endpoint bills by data points, and mean nothing where it does not
	 */
	public record Counts(long known, long create, long update, long unchanged, long superseded, long conflicts,
			long absent, long unreadable, long deletes, long pointsUnchanged) {

		/** Updates as a share of the keys the snapshot held (0 when it held none). */
		public double changeRatio() {
			return (this.known == 0) ? 0 : (double) this.update / this.known;
		}

		/** Deletions as a share of the keys the snapshot held (0 when it held none). */
		public double deleteRatio() {
			return (this.known == 0) ? 0 : (double) this.deletes / this.known;
		}

	}

	/**
	 * Merges the night with the snapshot.
	 * @param night the night's records ({@link NightRecord#WIDTH} longs), sorted
	 * @param snapshot the last snapshot's entries in key order, or null for none
	 * @param resync whether every kept row is sent, changed or not
	 * @param sink what is found
	 */
	public static Counts merge(RecordCursor night, EntryCursor snapshot, boolean resync, Sink sink) {
		return merge(night, snapshot, resync, false, sink);
	}

	/**
	 * Merges the night with the snapshot.
	 * @param night the night's records ({@link NightRecord#WIDTH} longs), sorted; a
	 * mirror's carry their key fields, sealed
	 * @param snapshot the last snapshot's entries in key order, or null for none
	 * @param resync whether every kept row is sent, changed or not
	 * @param mirror whether keys no row has tonight are deleted (those whose key fields
	 * the snapshot holds; the others are kept and counted absent)
	 * @param sink what is found
	 */
	public static Counts merge(RecordCursor night, EntryCursor snapshot, boolean resync, boolean mirror, Sink sink) {
		return new Pass(night, snapshot, resync, mirror, sink).run();
	}

	/** One merge. */
	private static final class Pass {

		private final RecordCursor night;

		private final EntryCursor snapshot;

		private final boolean resync;

		private final boolean mirror;

		private final Sink sink;

		private final long[] row = new long[NightRecord.WIDTH];

		private boolean rowHeld;

		private final long[] old = new long[Snapshots.WIDTH];

		private byte[] oldSealed;

		private boolean oldHeld;

		private long[] origins = new long[4];

		private final long[] kept = new long[NightRecord.WIDTH];

		private byte[] keptSealed;

		private long deletes;

		private final long[] entry = new long[Snapshots.WIDTH];

		private long known;

		private long create;

		private long update;

		private long unchanged;

		private long pointsUnchanged;

		private long superseded;

		private long conflicts;

		private long absent;

		private long unreadable;

		Pass(RecordCursor night, EntryCursor snapshot, boolean resync, boolean mirror, Sink sink) {
			this.night = night;
			this.snapshot = snapshot;
			this.resync = resync;
			this.mirror = mirror;
			this.sink = sink;
		}

		Counts run() {
			this.rowHeld = this.night.next(this.row);
			nextOld();
			while (this.rowHeld) {
				long key0 = this.row[NightRecord.KEY_0];
				long key1 = this.row[NightRecord.KEY_1];
				// the snapshot's keys before this one: none tonight
				while (this.oldHeld && compareKeys(this.old[0], this.old[1], key0, key1) < 0) {
					absent();
					nextOld();
				}
				boolean holds = this.oldHeld && this.old[0] == key0 && this.old[1] == key1;
				key(key0, key1, holds);
				if (holds) {
					nextOld();
				}
			}
			while (this.oldHeld) {
				absent();
				nextOld();
			}
			return new Counts(this.known, this.create, this.update, this.unchanged, this.superseded, this.conflicts,
					this.absent, this.unreadable, this.deletes, this.pointsUnchanged);
		}

		/**
		 * A key of the snapshot no row has tonight: a mirror deletes it where it holds
		 * its key fields; it is kept otherwise.
		 */
		private void absent() {
			this.absent++;
			this.sink.absent(this.old, this.oldSealed);
			if (this.mirror && this.oldSealed != null) {
				this.deletes++;
				this.sink.delete(this.old, this.oldSealed);
			}
			else {
				this.sink.entry(this.old, this.oldSealed);
			}
		}

		/** Every row of one key, then the key's decision. */
		private void key(long key0, long key1, boolean holds) {
			int count = 0;
			int readable = 0;
			boolean twoIdentities = false;
			long firstIdentity = 0;
			do {
				boolean valid = this.row[NightRecord.FINGERPRINT_0] != 0 || this.row[NightRecord.FINGERPRINT_1] != 0;
				if (valid) {
					if (count == this.origins.length) {
						this.origins = Arrays.copyOf(this.origins, count * 2);
					}
					if (readable > 0) {
						// the row kept so far is superseded by this later one
						this.superseded++;
						this.sink.superseded(this.kept[NightRecord.ORIGIN], this.row[NightRecord.ORIGIN]);
					}
					this.origins[count] = this.row[NightRecord.ORIGIN];
					count++;
					long identity = this.row[NightRecord.IDENTITY];
					if (identity != 0) {
						if (firstIdentity == 0) {
							firstIdentity = identity;
						}
						else if (identity != firstIdentity) {
							twoIdentities = true;
						}
					}
					System.arraycopy(this.row, 0, this.kept, 0, NightRecord.WIDTH);
					this.keptSealed = this.night.sealed();
					readable++;
				}
				this.rowHeld = this.night.next(this.row);
			}
			while (this.rowHeld && this.row[NightRecord.KEY_0] == key0 && this.row[NightRecord.KEY_1] == key1);
			if (twoIdentities) {
				this.conflicts++;
				this.sink.conflict(this.origins, count);
			}
			if (readable == 0) {
				// every row of the key was rejected in mapping: the vendor keeps what it
				// had
				this.unreadable++;
				if (holds) {
					this.sink.entry(this.old, this.oldSealed);
				}
				return;
			}
			boolean same = holds && this.old[2] == this.kept[NightRecord.FINGERPRINT_0]
					&& this.old[3] == this.kept[NightRecord.FINGERPRINT_1];
			if (!holds) {
				this.create++;
				this.sink.send(this.kept, true);
			}
			else if (!same) {
				this.update++;
				this.sink.send(this.kept, false);
			}
			else {
				this.unchanged++;
				if (this.resync) {
					this.sink.send(this.kept, false);
				}
				else {
					this.pointsUnchanged += NightRecord.points(this.kept[NightRecord.FINGERPRINT_1]);
				}
			}
			this.entry[0] = key0;
			this.entry[1] = key1;
			this.entry[2] = this.kept[NightRecord.FINGERPRINT_0];
			this.entry[3] = this.kept[NightRecord.FINGERPRINT_1];
			this.entry[4] = this.kept[NightRecord.IDENTITY];
			// the key fields as sealed tonight (under the newest key), else as held
			this.sink.entry(this.entry, (this.keptSealed != null) ? this.keptSealed : holds ? this.oldSealed : null);
		}

		private void nextOld() {
			this.oldHeld = this.snapshot != null && this.snapshot.next(this.old);
			if (this.oldHeld) {
				this.known++;
				this.oldSealed = this.snapshot.sealed();
			}
			else {
				this.oldSealed = null;
			}
		}

		private static int compareKeys(long a0, long a1, long b0, long b1) {
			int order = Long.compareUnsigned(a0, b0);
			return (order != 0) ? order : Long.compareUnsigned(a1, b1);
		}

	}

}
