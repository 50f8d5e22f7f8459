package com.audiencesync.state.snapshot;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

import com.audiencesync.state.BinaryWrites;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Writes one generation: entries in strictly rising key order, a page at a time, each
 * page in its own statement; whole once {@link #finish()} has stored its counts.
 */
public final class GenerationWriter {

	private final JdbcTemplate jdbc;

	private final int pageEntries;

	private final BinaryWrites writes;

	private final int target;

	private final long generation;

	private final boolean sealed;

	private final String runKey;

	private final Records page;

	private final List<byte[]> pageSealed = new ArrayList<>();

	private final long[] last = new long[Snapshots.WIDTH];

	private long entries;

	private int pages;

	GenerationWriter(JdbcTemplate jdbc, BinaryWrites writes, int pageEntries, int target, long generation,
			boolean sealed, String runKey) {
		this.jdbc = jdbc;
		this.pageEntries = pageEntries;
		this.writes = writes;
		this.page = new Records(Snapshots.WIDTH, pageEntries);
		this.target = target;
		this.generation = generation;
		this.sealed = sealed;
		this.runKey = runKey;
	}

	/**
	 * Adds the next entry: {@link Snapshots#WIDTH} longs, its key after the last one's.
	 * @param entry the entry
	 * @param keySealed its key fields sealed, or null (a target that does not mirror, or
	 * a key whose fields were never kept)
	 */
	public void add(long[] entry, byte[] keySealed) {
		if (this.entries > 0 && Records.compare(entry, this.last, 2) <= 0) {
			throw new IllegalArgumentException("snapshot entries must come in rising key order, each key once");
		}
		System.arraycopy(entry, 0, this.last, 0, Snapshots.WIDTH);
		this.page.add(entry);
		if (this.sealed) {
			this.pageSealed.add(keySealed);
		}
		this.entries++;
		if (this.page.size() == this.pageEntries) {
			flush();
		}
	}

	/** The generation being written. */
	public Snapshots.Generation generation() {
		return new Snapshots.Generation(this.target, this.generation, this.entries, this.pages, this.sealed,
				this.runKey);
	}

	/** Stores the last page and the generation's counts: it is whole (READY). */
	public Snapshots.Generation finish() {
		if (this.page.size() > 0) {
			flush();
		}
		this.jdbc.update(
				"UPDATE AS_SNAPSHOT SET STATE = ?, ENTRIES = ?, PAGES = ? WHERE TARGET_ID = ? AND GENERATION = ?",
				Snapshots.State.READY.name(), this.entries, this.pages, this.target, this.generation);
		return new Snapshots.Generation(this.target, this.generation, this.entries, this.pages, this.sealed,
				this.runKey);
	}

	private void flush() {
		byte[] data = Page.encode(this.page, this.sealed ? this.pageSealed : null);
		long[] first = new long[Snapshots.WIDTH];
		this.page.get(0, first);
		byte[] firstKey = ByteBuffer.allocate(16).putLong(first[0]).putLong(first[1]).array();
		this.writes.update(
				"INSERT INTO AS_SNAPSHOT_PAGE (TARGET_ID, GENERATION, PAGE_NO, FIRST_KEY, ENTRIES, DATA) "
						+ "VALUES (?, ?, ?, ?, ?, ?)",
				this.target, this.generation, this.pages, firstKey, this.page.size(), data);
		this.pages++;
		this.page.clear();
		this.pageSealed.clear();
	}

}
