package com.audiencesync.state.snapshot;

import java.nio.ByteBuffer;

import com.audiencesync.names.Names;

/**
 * A night record, as a night's plan writes it and its merge reads it: a row's key hash,
 * where the row is (its origin), its payload's fingerprint and its identity's hash, in
 * {@link #WIDTH} longs. Records sort by key hash, then origin.
 */
public final class NightRecord {

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

	private NightRecord() {
	}

}
