package com.audiencesync.state.snapshot;

import java.nio.ByteBuffer;
import java.util.Arrays;

import com.audiencesync.names.Names;

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

	/**
	 * Longs per night record: {@link #KEY_0}, {@link #KEY_1}, origin, fingerprint (2),
	 * identity.
	 */
	public static final int WIDTH = 6;

	/** The key hash's first 8 bytes. */
	public static final int KEY_0 = 0;

	/** The key hash's last 8 bytes. */
	public static final int KEY_1 = 1;

	/** Where the row is: {@link #origin(int, long)}. */
	public static final int ORIGIN = 2;

	/**
	 * The payload's fingerprint, first 8 bytes (both 0 for a row rejected in mapping).
	 */
	public static final int FINGERPRINT_0 = 3;

	/** The payload's fingerprint, last 8 bytes. */
	public static final int FINGERPRINT_1 = 4;

	/** The identity's hash, 8 bytes (0 for none). */
	public static final int IDENTITY = 5;

	/**
	 * The bits of {@link #FINGERPRINT_1} that hold a row's data points, where its
	 * endpoint bills by them: its last two bytes.
	 */
	static final long POINTS = 0xFFFF;

	/**
	 * The data points a fingerprint carries (its last 8 bytes given), where its endpoint
	 * bills by them; nothing meaningful elsewhere.
	 */
	public static int points(long fingerprint1) {
		return (int) (fingerprint1 & POINTS);
	}

	/** Bits of an origin that hold the row's place in its partition. */
	static final int POSITION_BITS = Names.PLACE_BITS;

	private NightMerge() {
	}

	/**
	 * Fills a night record: a key's hash (16 bytes), its origin, its payload's
	 * fingerprint (16 bytes, or null for a row rejected in mapping: both longs 0), its
	 * identity's hash (at least 8 bytes, or null: 0).
	 */
	static void fill(long[] record, byte[] key, long origin, byte[] fingerprint, byte[] identity) {
		ByteBuffer keyBytes = ByteBuffer.wrap(key);
		record[KEY_0] = keyBytes.getLong();
		record[KEY_1] = keyBytes.getLong();
		record[ORIGIN] = origin;
		if (fingerprint != null) {
			ByteBuffer print = ByteBuffer.wrap(fingerprint);
			record[FINGERPRINT_0] = print.getLong();
			record[FINGERPRINT_1] = print.getLong();
			if (record[FINGERPRINT_0] == 0 && record[FINGERPRINT_1] == 0) {
				// a zero fingerprint means a row rejected in mapping
				record[FINGERPRINT_1] = 1;
			}
		}
		else {
			record[FINGERPRINT_0] = 0;
			record[FINGERPRINT_1] = 0;
		}
		record[IDENTITY] = (identity != null) ? ByteBuffer.wrap(identity).getLong() : 0;
	}

	/** A row's origin: its partition's number and its place in it, ordered by both. */
	public static long origin(int partition, long position) {
		if (partition < 0 || partition >= (1 << (63 - POSITION_BITS)) || position < 0
				|| position >= (1L << POSITION_BITS)) {
			throw new IllegalArgumentException("partition " + partition + " row " + position + " out of range");
		}
		return ((long) partition << POSITION_BITS) | position;
	}

	public static int partition(long origin) {
		return (int) (origin >>> POSITION_BITS);
	}

	public static long position(long origin) {
		return origin & ((1L << POSITION_BITS) - 1);
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
		 * A row to send, as its night record ({@link #WIDTH} longs, not to be kept): by
		 * default {@link #send(long, long, long, boolean)}.
		 */
		default void send(long[] row, boolean created) {
			send(row[ORIGIN], row[FINGERPRINT_0], row[FINGERPRINT_1], created);
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
	 * @param night the night's records ({@link #WIDTH} longs), sorted
	 * @param snapshot the last snapshot's entries in key order, or null for none
	 * @param resync whether every kept row is sent, changed or not
	 * @param sink what is found
	 */
	public static Counts merge(RecordCursor night, EntryCursor snapshot, boolean resync, Sink sink) {
		return merge(night, snapshot, resync, false, sink);
	}

	/**
	 * Merges the night with the snapshot.
	 * @param night the night's records ({@link #WIDTH} longs), sorted; a mirror's carry
	 * their key fields, sealed
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

		private final long[] row = new long[WIDTH];

		private boolean rowHeld;

		private final long[] old = new long[Snapshots.WIDTH];

		private byte[] oldSealed;

		private boolean oldHeld;

		private long[] origins = new long[4];

		private final long[] kept = new long[WIDTH];

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
				long key0 = this.row[KEY_0];
				long key1 = this.row[KEY_1];
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
				boolean valid = this.row[FINGERPRINT_0] != 0 || this.row[FINGERPRINT_1] != 0;
				if (valid) {
					if (count == this.origins.length) {
						this.origins = Arrays.copyOf(this.origins, count * 2);
					}
					if (readable > 0) {
						// the row kept so far is superseded by this later one
						this.superseded++;
						this.sink.superseded(this.kept[ORIGIN], this.row[ORIGIN]);
					}
					this.origins[count] = this.row[ORIGIN];
					count++;
					long identity = this.row[IDENTITY];
					if (identity != 0) {
						if (firstIdentity == 0) {
							firstIdentity = identity;
						}
						else if (identity != firstIdentity) {
							twoIdentities = true;
						}
					}
					System.arraycopy(this.row, 0, this.kept, 0, WIDTH);
					this.keptSealed = this.night.sealed();
					readable++;
				}
				this.rowHeld = this.night.next(this.row);
			}
			while (this.rowHeld && this.row[KEY_0] == key0 && this.row[KEY_1] == key1);
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
			boolean same = holds && this.old[2] == this.kept[FINGERPRINT_0] && this.old[3] == this.kept[FINGERPRINT_1];
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
					this.pointsUnchanged += points(this.kept[FINGERPRINT_1]);
				}
			}
			this.entry[0] = key0;
			this.entry[1] = key1;
			this.entry[2] = this.kept[FINGERPRINT_0];
			this.entry[3] = this.kept[FINGERPRINT_1];
			this.entry[4] = this.kept[IDENTITY];
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
