package com.audiencesync.state.snapshot;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

import com.audiencesync.state.BinaryWrites;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A night's plan in the job repository ({@code AS_PLAN_PAGE}): per target, run, kind and
 * partition, fixed-width records in pages of about a megabyte, written in order and read
 * in order, so a partition's plan outlives the process that made it.
 */
public final class PlanPages {

	/** The night's records of a partition, sorted ({@link NightMerge#WIDTH} longs). */
	public static final char RECORDS = 'R';

	/** The rows a partition sends, by place: place, fingerprint (2). */
	public static final char SENDS = 'S';

	/** Longs per {@link #SENDS} record. */
	public static final int SEND_WIDTH = 3;

	/**
	 * The rows a partition sends, by place, where places can move between plan and
	 * delivery (a table): place, fingerprint (2), key hash (2).
	 */
	public static final char KEYED_SENDS = 'T';

	/** Longs per {@link #KEYED_SENDS} record. */
	public static final int KEYED_SEND_WIDTH = 5;

	/** The rows of keys with two identities, by place (1 long). */
	public static final char CONFLICTS = 'C';

	/**
	 * The rows a partition's delivery must see whatever the plan sends: rejected in
	 * mapping, without a key, or skipped by a destination (1 long: the place).
	 */
	public static final char ALWAYS = 'A';

	/**
	 * A partition whose delivery reads only its planned rows: how many rows its reader
	 * drops (1 long).
	 */
	public static final char DROPPED = 'F';

	/**
	 * The keys a mirror deletes, in key order: the key hash (2 longs), carrying the key
	 * fields sealed.
	 */
	public static final char DELETIONS = 'D';

	/**
	 * A mirror's figures (2 longs): keys it deletes, and keys it cannot delete, their key
	 * fields never kept.
	 */
	public static final char MIRROR_COUNTS = 'U';

	private final JdbcTemplate jdbc;

	private final int pageBytes;

	/** How its pages are written. */
	private final BinaryWrites writes;

	public PlanPages(JdbcTemplate jdbc, int pageBytes, BinaryWrites writes) {
		this.jdbc = jdbc;
		this.pageBytes = pageBytes;
		this.writes = writes;
	}

	/**
	 * Stores a partition's records of one kind, replacing what an earlier attempt stored;
	 * with the bytes they carry ({@link RecordCursor#sealed()}), if any.
	 * @return records stored
	 */
	public long write(int target, String runKey, char kind, String part, RecordCursor records, int width) {
		delete(target, runKey, kind, part);
		int perPage = Math.max(1, (this.pageBytes - 4) / (8 * width));
		ByteBuffer page = ByteBuffer.allocate(4 + perPage * 8 * width);
		List<byte[]> carried = new ArrayList<>();
		long[] record = new long[width];
		int inPage = 0;
		int pageNo = 0;
		long count = 0;
		long carriedBytes = 0;
		boolean carries = false;
		page.putInt(0);
		while (records.next(record)) {
			for (int lane = 0; lane < width; lane++) {
				page.putLong(record[lane]);
			}
			byte[] sealed = records.sealed();
			carried.add(sealed);
			carries |= sealed != null;
			carriedBytes += 4 + ((sealed != null) ? sealed.length : 0);
			inPage++;
			count++;
			if (inPage == perPage || (carries && page.position() + carriedBytes >= this.pageBytes)) {
				insert(target, runKey, kind, part, pageNo++, page, inPage, carries ? carried : null);
				inPage = 0;
				carried.clear();
				carriedBytes = 0;
				carries = false;
			}
		}
		if (inPage > 0 || pageNo == 0) {
			// a partition with no records still has its first page: it was planned
			insert(target, runKey, kind, part, pageNo, page, inPage, carries ? carried : null);
		}
		return count;
	}

	/**
	 * A page: its record count, its records, then, where some carry bytes, each record's
	 * as a length (-1 for none) and the bytes.
	 */
	private void insert(int target, String runKey, char kind, String part, int pageNo, ByteBuffer page, int count,
			List<byte[]> carried) {
		page.putInt(0, count);
		ByteBuffer data = ByteBuffer.allocate(page.position() + Page.sealedBytes(carried));
		data.put(page.array(), 0, page.position());
		Page.putSealed(data, carried);
		this.writes.update(
				"INSERT INTO AS_PLAN_PAGE (TARGET_ID, RUN_KEY, KIND, PART, PAGE_NO, DATA) VALUES (?, ?, ?, ?, ?, ?)",
				target, runKey, String.valueOf(kind), part, pageNo, data.array());
		page.clear();
		page.putInt(0);
	}

	/**
	 * A partition's records of one kind, in the order stored, with the bytes they carry;
	 * none when it stored none.
	 */
	public RecordCursor read(int target, String runKey, char kind, String part, int width) {
		return new RecordCursor() {
			private ByteBuffer page;

			private int left;

			private int nextPage;

			/** The page's carried bytes by record, or null when it has none. */
			private byte[][] carried;

			private int index;

			private byte[] sealed;

			@Override
			public boolean next(long[] into) {
				while (this.left == 0) {
					byte[] data = PlanPages.this.jdbc.query(
							"SELECT DATA FROM AS_PLAN_PAGE WHERE TARGET_ID = ? AND RUN_KEY = ? AND KIND = ? "
									+ "AND PART = ? AND PAGE_NO = ?",
							(rs) -> rs.next() ? rs.getBytes(1) : null, target, runKey, String.valueOf(kind), part,
							this.nextPage);
					if (data == null) {
						return false;
					}
					this.nextPage++;
					this.page = ByteBuffer.wrap(data);
					this.left = this.page.getInt();
					int records = 4 + this.left * 8 * width;
					this.carried = (data.length > records)
							? Page.getSealed(ByteBuffer.wrap(data).position(records), this.left) : null;
					this.index = 0;
				}
				for (int lane = 0; lane < width; lane++) {
					into[lane] = this.page.getLong();
				}
				this.sealed = (this.carried != null) ? this.carried[this.index] : null;
				this.index++;
				this.left--;
				return true;
			}

			@Override
			public byte[] sealed() {
				return this.sealed;
			}
		};
	}

	/** Whether a partition stored its records of that kind (none, maybe). */
	public boolean stored(int target, String runKey, char kind, String part) {
		Integer pages = this.jdbc.queryForObject(
				"SELECT COUNT(*) FROM AS_PLAN_PAGE WHERE TARGET_ID = ? AND RUN_KEY = ? "
						+ "AND KIND = ? AND PART = ? AND PAGE_NO = 0",
				Integer.class, target, runKey, String.valueOf(kind), part);
		return pages != null && pages > 0;
	}

	/** Deletes a partition's records of one kind. */
	public void delete(int target, String runKey, char kind, String part) {
		this.jdbc.update("DELETE FROM AS_PLAN_PAGE WHERE TARGET_ID = ? AND RUN_KEY = ? AND KIND = ? AND PART = ?",
				target, runKey, String.valueOf(kind), part);
	}

	/**
	 * Deletes a run's whole plan, once it has completed or was abandoned.
	 * @return pages deleted
	 */
	public int deleteRun(int target, String runKey) {
		return this.jdbc.update("DELETE FROM AS_PLAN_PAGE WHERE TARGET_ID = ? AND RUN_KEY = ?", target, runKey);
	}

}
