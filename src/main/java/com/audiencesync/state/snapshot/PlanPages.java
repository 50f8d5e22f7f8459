package com.audiencesync.state.snapshot;

import java.nio.ByteBuffer;

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

	private final JdbcTemplate jdbc;

	private final int pageBytes;

	public PlanPages(JdbcTemplate jdbc, int pageBytes) {
		this.jdbc = jdbc;
		this.pageBytes = pageBytes;
	}

	/**
	 * Stores a partition's records of one kind, replacing what an earlier attempt stored.
	 * @return records stored
	 */
	public long write(int target, String runKey, char kind, String part, RecordCursor records, int width) {
		delete(target, runKey, kind, part);
		int perPage = Math.max(1, (this.pageBytes - 4) / (8 * width));
		ByteBuffer page = ByteBuffer.allocate(4 + perPage * 8 * width);
		long[] record = new long[width];
		int inPage = 0;
		int pageNo = 0;
		long count = 0;
		page.putInt(0);
		while (records.next(record)) {
			for (int lane = 0; lane < width; lane++) {
				page.putLong(record[lane]);
			}
			inPage++;
			count++;
			if (inPage == perPage) {
				insert(target, runKey, kind, part, pageNo++, page, inPage);
				inPage = 0;
			}
		}
		if (inPage > 0 || pageNo == 0) {
			// a partition with no records still has its first page: it was planned
			insert(target, runKey, kind, part, pageNo, page, inPage);
		}
		return count;
	}

	private void insert(int target, String runKey, char kind, String part, int pageNo, ByteBuffer page, int count) {
		page.putInt(0, count);
		byte[] data = new byte[page.position()];
		page.get(0, data);
		this.jdbc.update(
				"INSERT INTO AS_PLAN_PAGE (TARGET_ID, RUN_KEY, KIND, PART, PAGE_NO, DATA) VALUES (?, ?, ?, ?, ?, ?)",
				target, runKey, String.valueOf(kind), part, pageNo, data);
		page.clear();
		page.putInt(0);
	}

	/**
	 * A partition's records of one kind, in the order stored; none when it stored none.
	 */
	public RecordCursor read(int target, String runKey, char kind, String part, int width) {
		return new RecordCursor() {
			private ByteBuffer page;

			private int left;

			private int nextPage;

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
				}
				for (int lane = 0; lane < width; lane++) {
					into[lane] = this.page.getLong();
				}
				this.left--;
				return true;
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

	/** Deletes a run's whole plan, once it has completed. */
	public void deleteRun(int target, String runKey) {
		this.jdbc.update("DELETE FROM AS_PLAN_PAGE WHERE TARGET_ID = ? AND RUN_KEY = ?", target, runKey);
	}

}
