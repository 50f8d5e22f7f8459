package com.audiencesync.state.snapshot;

import java.nio.ByteBuffer;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import com.audiencesync.state.BinaryWrites;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The sync state of each target as sorted snapshots in the job repository: a generation
 * is a target's entries in key-hash order, written once, in pages of about
 * {@code pageBytes}, and read only in sequence. Each entry is {@link #WIDTH} longs: the
 * key hash (16 bytes), the fingerprint of the payload the vendor holds (16), and the
 * identity's hash (8, or 0 for none); a mirrored target's entries also carry their key
 * fields, sealed. A night writes a new generation and makes it current in one
 * transaction, so a target's state is always one whole generation: the last one made
 * current.
 */
public final class Snapshots {

	/** Longs per entry: key hash (2), fingerprint (2), identity hash (1). */
	public static final int WIDTH = 5;

	/** Bytes per entry in a page. */
	static final int ENTRY_BYTES = WIDTH * 8;

	private final JdbcTemplate jdbc;

	private final TransactionTemplate transactions;

	private final int pageEntries;

	/** How its pages are written. */
	private final BinaryWrites writes;

	/**
	 * @param jdbc the job repository
	 * @param transactions its transactions
	 * @param pageBytes about how large a page is
	 * @param writes how its pages are written (in the repository's database's way)
	 */
	public Snapshots(JdbcTemplate jdbc, TransactionTemplate transactions, int pageBytes, BinaryWrites writes) {
		this.jdbc = jdbc;
		this.transactions = transactions;
		this.pageEntries = Math.max(1, pageBytes / ENTRY_BYTES);
		this.writes = writes;
	}

	/**
	 * One generation of a target's snapshot.
	 *
	 * @param target the target's number
	 * @param generation its number, rising per target
	 * @param entries keys it holds
	 * @param pages pages it takes
	 * @param sealed whether its entries carry their key fields, sealed
	 * @param runKey the run that planned it, or null
	 */
	public record Generation(int target, long generation, long entries, int pages, boolean sealed, String runKey) {
	}

	/** The generation a target's nights compare with, or empty before its first. */
	public Optional<Generation> current(int target) {
		return find(target, "STATE = ?", State.CURRENT.name());
	}

	/** The whole generation a run planned and has not yet made current, if any. */
	public Optional<Generation> planned(int target, String runKey) {
		return find(target, "STATE = ? AND RUN_KEY = ?", State.READY.name(), runKey);
	}

	private Optional<Generation> find(int target, String where, Object... values) {
		Object[] arguments = new Object[values.length + 1];
		arguments[0] = target;
		System.arraycopy(values, 0, arguments, 1, values.length);
		return this.jdbc
			.query("SELECT GENERATION, ENTRIES, PAGES, SEALED, RUN_KEY FROM AS_SNAPSHOT WHERE TARGET_ID = ? AND "
					+ where + " ORDER BY GENERATION DESC",
					(rs, row) -> new Generation(target, rs.getLong(1), rs.getLong(2), rs.getInt(3),
							"Y".equals(rs.getString(4)), rs.getString(5)),
					arguments)
			.stream()
			.findFirst();
	}

	/**
	 * Deletes what a run planned and did not make current (an earlier attempt's plan).
	 */
	public void deletePlanned(int target, String runKey) {
		for (Long left : this.jdbc.queryForList(
				"SELECT GENERATION FROM AS_SNAPSHOT WHERE TARGET_ID = ? AND RUN_KEY = ? AND STATE IN (?, ?)",
				Long.class, target, runKey, State.READY.name(), State.WRITING.name())) {
			delete(target, left);
		}
	}

	/**
	 * Starts a new generation of a target's snapshot. Generations an earlier writer left
	 * unfinished (a killed process, an execution no longer running) are deleted first.
	 * @param target the target's number
	 * @param executionId the execution that writes it, or null
	 * @param sealed whether entries carry their key fields, sealed
	 * @param runKey the run that plans it, or null
	 */
	public GenerationWriter writer(int target, Long executionId, boolean sealed, String runKey) {
		for (Long left : this.jdbc.queryForList("SELECT s.GENERATION FROM AS_SNAPSHOT s WHERE s.TARGET_ID = ? AND "
				+ "s.STATE = ? AND NOT EXISTS (SELECT 1 FROM BATCH_JOB_EXECUTION e WHERE e.JOB_EXECUTION_ID = "
				+ "s.JOB_EXECUTION_ID AND e.STATUS IN ('STARTING', 'STARTED', 'STOPPING') AND e.JOB_EXECUTION_ID <> ?)",
				Long.class, target, State.WRITING.name(), (executionId != null) ? executionId : -1L)) {
			delete(target, left);
		}
		for (int attempt = 1;; attempt++) {
			Long last = this.jdbc.queryForObject("SELECT MAX(GENERATION) FROM AS_SNAPSHOT WHERE TARGET_ID = ?",
					Long.class, target);
			long generation = (last != null) ? last + 1 : 1;
			try {
				this.jdbc.update(
						"INSERT INTO AS_SNAPSHOT (TARGET_ID, GENERATION, STATE, JOB_EXECUTION_ID, ENTRIES, PAGES, "
								+ "SEALED, RUN_KEY, CREATED_AT) VALUES (?, ?, ?, ?, 0, 0, ?, ?, ?)",
						target, generation, State.WRITING.name(), executionId, sealed ? "Y" : "N", runKey,
						Timestamp.from(Instant.now()));
				return new GenerationWriter(this.jdbc, this.writes, this.pageEntries, target, generation, sealed,
						runKey);
			}
			catch (DuplicateKeyException ex) {
				// another night's writer took the number at the same moment
				if (attempt == 5) {
					throw ex;
				}
			}
		}
	}

	/**
	 * The execution of another night of a target that is between its merge and its
	 * snapshot, still running, and began its merge before the generation given (any, for
	 * {@link Long#MAX_VALUE}); or empty. Planned nights of one target run one at a time:
	 * the later one gives way.
	 */
	public Optional<Long> earlierNight(int target, long before, Long executionId) {
		return this.jdbc.queryForList("SELECT s.JOB_EXECUTION_ID FROM AS_SNAPSHOT s JOIN BATCH_JOB_EXECUTION e ON "
				+ "e.JOB_EXECUTION_ID = s.JOB_EXECUTION_ID WHERE s.TARGET_ID = ? AND s.STATE IN (?, ?) AND "
				+ "s.GENERATION < ? AND e.STATUS IN ('STARTING', 'STARTED', 'STOPPING') AND e.JOB_EXECUTION_ID <> ?",
				Long.class, target, State.WRITING.name(), State.READY.name(), before,
				(executionId != null) ? executionId : -1L)
			.stream()
			.findFirst();
	}

	/** Deletes a generation that was started and will not be finished. */
	public void discard(GenerationWriter writer) {
		delete(writer.generation().target(), writer.generation().generation());
	}

	/**
	 * Which of these keys (16-byte hashes) a generation holds: each looked up in the page
	 * whose first key is the closest below it, a page read at most once.
	 */
	public boolean[] holds(Generation generation, List<byte[]> keys) {
		boolean[] held = new boolean[keys.size()];
		Integer[] order = new Integer[keys.size()];
		for (int i = 0; i < order.length; i++) {
			order[i] = i;
		}
		Arrays.sort(order, (a, b) -> Arrays.compareUnsigned(keys.get(a), keys.get(b)));
		Integer loaded = null;
		Page.Decoded page = null;
		long[] entry = new long[WIDTH];
		for (int i : order) {
			byte[] key = keys.get(i);
			List<Integer> found = this.jdbc.queryForList(
					"SELECT PAGE_NO FROM AS_SNAPSHOT_PAGE WHERE TARGET_ID = ? AND GENERATION = ? AND FIRST_KEY <= ? "
							+ "ORDER BY FIRST_KEY DESC LIMIT 1",
					Integer.class, generation.target(), generation.generation(), key);
			if (found.isEmpty()) {
				continue;
			}
			int pageNo = found.get(0);
			if (loaded == null || loaded != pageNo) {
				page = this.jdbc.queryForObject(
						"SELECT DATA FROM AS_SNAPSHOT_PAGE WHERE TARGET_ID = ? AND GENERATION = ? AND PAGE_NO = ?",
						(rs, row) -> Page.decode(rs.getBytes(1), generation.sealed()), generation.target(),
						generation.generation(), pageNo);
				loaded = pageNo;
			}
			ByteBuffer wanted = ByteBuffer.wrap(key);
			long key0 = wanted.getLong();
			long key1 = wanted.getLong();
			int low = 0;
			int high = page.size() - 1;
			while (low <= high) {
				int middle = (low + high) >>> 1;
				page.entry(middle, entry);
				int order0 = Long.compareUnsigned(entry[0], key0);
				int compared = (order0 != 0) ? order0 : Long.compareUnsigned(entry[1], key1);
				if (compared == 0) {
					held[i] = true;
					break;
				}
				if (compared < 0) {
					low = middle + 1;
				}
				else {
					high = middle - 1;
				}
			}
		}
		return held;
	}

	/** Reads a generation's entries in key order, a page at a time. */
	public GenerationCursor read(Generation generation) {
		return new GenerationCursor(this.jdbc, generation);
	}

	/**
	 * Makes a whole generation the target's current one, and the one before it retired,
	 * in one transaction.
	 */
	public void makeCurrent(Generation generation) {
		this.transactions.executeWithoutResult((status) -> {
			int ready = this.jdbc.update(
					"UPDATE AS_SNAPSHOT SET STATE = ? WHERE TARGET_ID = ? AND GENERATION = ? AND STATE IN (?, ?)",
					State.CURRENT.name(), generation.target(), generation.generation(), State.READY.name(),
					State.CURRENT.name());
			if (ready != 1) {
				throw new IllegalStateException("generation " + generation.generation() + " of target "
						+ generation.target() + " is not whole: it cannot become current");
			}
			this.jdbc.update("UPDATE AS_SNAPSHOT SET STATE = ? WHERE TARGET_ID = ? AND STATE = ? AND GENERATION <> ?",
					State.RETIRED.name(), generation.target(), State.CURRENT.name(), generation.generation());
		});
	}

	/** Deletes a target's retired generations, page by page; how many. */
	public int deleteRetired(int target) {
		List<Long> retired = this.jdbc.queryForList(
				"SELECT GENERATION FROM AS_SNAPSHOT WHERE TARGET_ID = ? AND STATE = ?", Long.class, target,
				State.RETIRED.name());
		retired.forEach((generation) -> delete(target, generation));
		return retired.size();
	}

	/** Deletes a generation, page by page. */
	void delete(int target, long generation) {
		Integer pages = this.jdbc.queryForObject(
				"SELECT MAX(PAGE_NO) FROM AS_SNAPSHOT_PAGE WHERE TARGET_ID = ? AND GENERATION = ?", Integer.class,
				target, generation);
		// a few pages a statement: never one transaction over gigabytes
		for (int from = 0; pages != null && from <= pages; from += DELETE_PAGES) {
			this.jdbc.update(
					"DELETE FROM AS_SNAPSHOT_PAGE WHERE TARGET_ID = ? AND GENERATION = ? AND PAGE_NO >= ? AND PAGE_NO < ?",
					target, generation, from, from + DELETE_PAGES);
		}
		this.jdbc.update("DELETE FROM AS_SNAPSHOT WHERE TARGET_ID = ? AND GENERATION = ?", target, generation);
	}

	/** Pages deleted a statement. */
	private static final int DELETE_PAGES = 16;

	/** What a generation's row says of it. */
	enum State {

		WRITING, READY, CURRENT, RETIRED

	}

}
