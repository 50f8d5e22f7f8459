package com.audiencesync.state.snapshot;

import java.nio.file.Path;

/**
 * One partition's plan of one target: records gather in a bounded sort as its rows are
 * read, and are stored sorted at its end.
 */
public final class PartitionPlan implements AutoCloseable {

	private final PlanPages pages;

	private final int target;

	private final String runKey;

	private final String part;

	private final ExternalSort sort;

	private final long[] record = new long[NightRecord.WIDTH];

	private final ExternalSort always;

	private final long[] place = new long[1];

	PartitionPlan(PlanPages pages, int target, String runKey, String part, long sortMemory, Path work, boolean mirror) {
		this.pages = pages;
		this.target = target;
		this.runKey = runKey;
		this.part = part;
		this.sort = new ExternalSort(NightRecord.WIDTH, sortMemory, work, mirror);
		this.always = new ExternalSort(1, sortMemory / 8, work);
	}

	/**
	 * A row its delivery must see whatever the plan sends: rejected in mapping, without a
	 * key, or skipped.
	 */
	public void always(long position) {
		this.place[0] = position;
		this.always.add(this.place);
	}

	/**
	 * A row: its key's hash (16 bytes), its place, its payload's fingerprint (16 bytes,
	 * or null for a row rejected in mapping), its identity's hash (at least 8 bytes, or
	 * null), and for a mirrored target its key fields sealed (or null).
	 */
	public void add(byte[] key, long position, byte[] fingerprint, byte[] identity, byte[] sealed) {
		NightRecord.fill(this.record, key, NightRecord.origin(0, position), fingerprint, identity);
		this.sort.add(this.record, sealed);
	}

	/**
	 * A row as a {@link LineMemo} remembers it: its key hash, place, fingerprint and
	 * identity hash as a record's lanes (never a mirrored target's: it carries sealed key
	 * fields).
	 */
	void add(long key0, long key1, long position, long fingerprint0, long fingerprint1, long identity) {
		this.record[NightRecord.KEY_0] = key0;
		this.record[NightRecord.KEY_1] = key1;
		this.record[NightRecord.ORIGIN] = NightRecord.origin(0, position);
		this.record[NightRecord.FINGERPRINT_0] = fingerprint0;
		this.record[NightRecord.FINGERPRINT_1] = fingerprint1;
		this.record[NightRecord.IDENTITY] = identity;
		this.sort.add(this.record, null);
	}

	/** Stores the partition's records, sorted, replacing an earlier attempt's. */
	public void store() {
		try (RecordCursor sorted = this.sort.sorted()) {
			this.pages.write(this.target, this.runKey, PlanPages.RECORDS, this.part, sorted, NightRecord.WIDTH);
		}
		try (RecordCursor sorted = this.always.sorted()) {
			this.pages.write(this.target, this.runKey, PlanPages.ALWAYS, this.part, sorted, 1);
		}
	}

	@Override
	public void close() {
		this.sort.close();
		this.always.close();
	}

}
