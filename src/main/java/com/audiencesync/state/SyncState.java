package com.audiencesync.state;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import javax.sql.DataSource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;

/**
 * The sync state: per target (a job's destination in one vendor account) and key (a keyed
 * hash), the fingerprint of the payload the vendor last accepted, a keyed hash of the
 * identity it carried and the run that sent it. A chunk reads its keys in one query and
 * writes what the vendor accepted in its own transaction, so a rolled-back chunk leaves
 * the state as it was.
 * <p>
 * A target ({@code AS_SYNC_TARGET}) has a number, which its keys' rows
 * ({@code AS_SYNC_KEY}) carry instead of its names: a run reads and writes keys at
 * random, so the smaller the rows, the more of them MySQL's buffer pool holds.
 */
public class SyncState {

	private static final Logger log = LoggerFactory.getLogger(SyncState.class);

	/** Keys per query. */
	static final int BATCH = 500;

	/** The table of the keys. */
	static final String TABLE = "AS_SYNC_KEY";

	/** The columns, the first two the primary key. */
	static final String[] COLUMNS = { "TARGET_ID", "KEY_HASH", "FINGERPRINT", "IDENTITY_HASH", "KEY_SEALED", "RUN_KEY",
			"SEEN_RUN", "UPDATED_AT" };

	private final JdbcTemplate jdbc;

	private final String upsert;

	private final Dialect dialect;

	private final Targets targets;

	/**
	 * What a key's sealed fields ({@code KEY_SEALED}) belong to: its job and destination.
	 */
	public static String sealContext(String job, String destination) {
		return job + "\u0000" + destination;
	}

	public SyncState(JdbcTemplate jdbc, DataSource dataSource) {
		this.jdbc = jdbc;
		this.dialect = Dialect.of(dataSource);
		this.targets = new Targets(dataSource);
		// UPDATED_AT is the database's own time: a timestamp parameter cost the MySQL
		// driver a date format per row
		this.upsert = this.dialect.upsert(TABLE, COLUMNS, 2, Map.of("UPDATED_AT", "CURRENT_TIMESTAMP(6)"));
		this.targets.moveEarlierState();
		if (this.dialect == Dialect.MYSQL) {
			BufferPool.read(jdbc, TABLE).flatMap(BufferPool::advice).ifPresent(log::warn);
		}
	}

	/**
	 * What the state holds for a key.
	 *
	 * @param fingerprint of the payload last accepted
	 * @param identityHash of the identity it carried, or null
	 * @param runKey the run that sent it
	 * @param sealed whether the key itself is kept (sealed), for a mirror to delete it
	 */
	public record Stored(Hash fingerprint, Hash identityHash, String runKey, boolean sealed) {
	}

	/**
	 * A key a mirror may delete.
	 *
	 * @param keyHash the key's keyed hash
	 * @param keySealed its key fields, sealed, or null when they were never kept
	 */
	public record Unseen(Hash keyHash, byte[] keySealed) {
	}

	/**
	 * A key the vendor accepted (or, for mirrors, that a run read unchanged).
	 *
	 * @param keyHash the key's keyed hash
	 * @param fingerprint the payload's
	 * @param identityHash the identity's, or null
	 * @param keySealed the key encrypted, for mirror deletions, or null
	 * @param runKey the run that sent it
	 */
	public record Entry(Hash keyHash, Hash fingerprint, Hash identityHash, byte[] keySealed, String runKey) {
	}

	/**
	 * Makes a target known to the state before a run's first chunk, so that no chunk's
	 * transaction waits for a second connection to make it (or take it over from the
	 * state kept before accounts).
	 */
	public void prepare(Target target) {
		this.targets.of(target);
	}

	/** A target's number, or a negative one when it has none yet (nothing is made). */
	public int find(Target target) {
		return this.targets.find(target);
	}

	/** A target's number, made when it is new (its snapshots are kept under it). */
	public int number(Target target) {
		return this.targets.of(target);
	}

	/** The stored state of these keys, by key; keys without state are absent. */
	public Map<Hash, Stored> find(Target target, Collection<Hash> keys) {
		if (keys.isEmpty()) {
			return Map.of();
		}
		Map<Hash, Stored> found = new HashMap<>();
		RowCallbackHandler read = (rs) -> {
			byte[] identity = rs.getBytes(3);
			found.put(new Hash(rs.getBytes(1)), new Stored(new Hash(rs.getBytes(2)),
					(identity != null) ? new Hash(identity) : null, rs.getString(4), rs.getBoolean(5)));
		};
		int known = this.targets.find(target);
		if (known == Targets.NONE) {
			return Map.of();
		}
		String number = "TARGET_ID = " + known;
		inBatches(keys,
				(batch) -> queryKeys(
						"SELECT KEY_HASH, FINGERPRINT, IDENTITY_HASH, RUN_KEY, KEY_SEALED IS NOT NULL FROM " + TABLE
								+ " WHERE " + number + " AND KEY_HASH IN (" + in(batch) + ")",
						read));
		return found;
	}

	/** Hands the keys on {@link #BATCH} at a time: one statement each. */
	static void inBatches(Collection<Hash> keys, Consumer<List<Hash>> each) {
		List<Hash> all = new ArrayList<>(keys);
		for (int from = 0; from < all.size(); from += BATCH) {
			each.accept(all.subList(from, Math.min(from + BATCH, all.size())));
		}
	}

	/**
	 * Writes the entries of one chunk, marking them seen by that run. They go in key
	 * order (of a key given twice, the later last): each lands near the one before in the
	 * table's B-tree.
	 */
	public void save(Target target, List<Entry> given, String seenRun) {
		if (given.isEmpty()) {
			return;
		}
		List<Entry> entries = new ArrayList<>(given);
		entries.sort(Comparator.comparing(Entry::keyHash));
		int number = this.targets.of(target);
		if (this.dialect == Dialect.MYSQL) {
			LiteralUpsert.save(this.jdbc, number, entries, seenRun);
			return;
		}
		for (int attempt = 1;; attempt++) {
			try {
				this.jdbc.batchUpdate(this.upsert, entries, entries.size(), (ps, entry) -> {
					ps.setInt(1, number);
					ps.setBytes(2, entry.keyHash().bytes());
					ps.setBytes(3, entry.fingerprint().bytes());
					ps.setBytes(4, (entry.identityHash() != null) ? entry.identityHash().bytes() : null);
					ps.setBytes(5, entry.keySealed());
					ps.setString(6, entry.runKey());
					ps.setString(7, seenRun);
				});
				return;
			}
			catch (DuplicateKeyException ex) {
				// H2's MERGE met a key that another partition's transaction had
				// inserted and not yet committed; it has now, and the upsert, written
				// again, updates that row
				if (attempt == MERGE_ATTEMPTS) {
					throw ex;
				}
			}
		}
	}

	/**
	 * H2: how many times a chunk's upsert is written when it meets a key just inserted.
	 */
	private static final int MERGE_ATTEMPTS = 5;

	/**
	 * Runs a query with a list of keys ({@link #in}) and a few string parameters. On
	 * MySQL the strings are written in as literals too and it runs as a plain statement:
	 * the driver would scan a prepared one's whole list for parameters.
	 */
	private void queryKeys(String sql, RowCallbackHandler handler, String... values) {
		if (this.dialect == Dialect.MYSQL) {
			this.jdbc.query(Dialect.inline(sql, values), handler);
		}
		else {
			this.jdbc.query(sql, handler, (Object[]) values);
		}
	}

	/** Runs an update with a list of keys, as {@link #queryKeys} does a query. */
	private void updateKeys(String sql, String... values) {
		if (this.dialect == Dialect.MYSQL) {
			this.jdbc.update(Dialect.inline(sql, values));
		}
		else {
			this.jdbc.update(sql, (Object[]) values);
		}
	}

	/**
	 * {@code KEY_HASH IN (...)}'s list: the keys as literals (hex digits, never a '?').
	 */
	private static String in(List<Hash> keys) {
		StringBuilder list = new StringBuilder(keys.size() * 70);
		for (Hash key : keys) {
			if (!list.isEmpty()) {
				list.append(", ");
			}
			Dialect.binary(list, key.bytes());
		}
		return list.toString();
	}

	/** Marks keys a run read (changed or not) as seen by it, for mirrors. */
	public void markSeen(Target target, Collection<Hash> keys, String runKey) {
		String number = "TARGET_ID = " + this.targets.of(target);
		inBatches(keys, (batch) -> updateKeys(
				"UPDATE " + TABLE + " SET SEEN_RUN = ? WHERE " + number + " AND KEY_HASH IN (" + in(batch) + ")",
				runKey));
	}

	/** Keys of a target the run did not see. */
	public long countUnseen(Target target, String runKey) {
		int number = this.targets.find(target);
		if (number == Targets.NONE) {
			return 0;
		}
		Long count = this.jdbc.queryForObject(
				"SELECT COUNT(*) FROM " + TABLE + " WHERE TARGET_ID = ? AND (SEEN_RUN IS NULL OR SEEN_RUN <> ?)",
				Long.class, number, runKey);
		return (count != null) ? count : 0;
	}

	/**
	 * The next keys the run did not see, in key order after {@code after} (or from the
	 * start).
	 */
	public List<Unseen> unseen(Target target, String runKey, Hash after, int limit) {
		int number = this.targets.find(target);
		if (number == Targets.NONE) {
			return List.of();
		}
		String from = (after != null) ? " AND KEY_HASH > " + Dialect.binary(new StringBuilder(), after.bytes()) : "";
		return this.jdbc.query(
				"SELECT KEY_HASH, KEY_SEALED FROM " + TABLE + " WHERE TARGET_ID = ? "
						+ "AND (SEEN_RUN IS NULL OR SEEN_RUN <> ?)" + from + " ORDER BY KEY_HASH LIMIT " + limit,
				(rs, row) -> new Unseen(new Hash(rs.getBytes(1)), rs.getBytes(2)), number, runKey);
	}

	/** Forgets keys the vendor deleted. */
	public void delete(Target target, Collection<Hash> keys) {
		int known = this.targets.find(target);
		if (known == Targets.NONE) {
			return;
		}
		String number = "TARGET_ID = " + known;
		inBatches(keys, (batch) -> updateKeys(
				"DELETE FROM " + TABLE + " WHERE " + number + " AND KEY_HASH IN (" + in(batch) + ")"));
	}

	/**
	 * Hands a target's keys to {@code each} in key-hash order, a page at a time: key
	 * hash, fingerprint and identity hash as kept (the first sorted snapshot of a target
	 * that had per-key state is made of them).
	 */
	public void inKeyOrder(Target target, Consumer<Entry> each) {
		int number = this.targets.find(target);
		if (number == Targets.NONE) {
			return;
		}
		byte[] after = null;
		while (true) {
			String from = (after != null) ? " AND KEY_HASH > " + Dialect.binary(new StringBuilder(), after) : "";
			List<Entry> page = this.jdbc.query(
					"SELECT KEY_HASH, FINGERPRINT, IDENTITY_HASH, RUN_KEY, KEY_SEALED FROM " + TABLE
							+ " WHERE TARGET_ID = ?" + from + " ORDER BY KEY_HASH LIMIT " + PAGE,
					(rs, row) -> new Entry(new Hash(rs.getBytes(1)), new Hash(rs.getBytes(2)),
							(rs.getBytes(3) != null) ? new Hash(rs.getBytes(3)) : null, rs.getBytes(5),
							rs.getString(4)),
					number);
			page.forEach(each);
			if (page.size() < PAGE) {
				return;
			}
			after = page.get(page.size() - 1).keyHash().bytes();
		}
	}

	/** Keys read a statement by {@link #inKeyOrder}. */
	private static final int PAGE = 10_000;

	/** Forgets every key of a target (its state moved to sorted snapshots). */
	public void forget(Target target) {
		int number = this.targets.find(target);
		if (number == Targets.NONE) {
			return;
		}
		// a page at a time: never one transaction over the whole state
		while (this.jdbc.update("DELETE FROM " + TABLE + " WHERE TARGET_ID = ? AND KEY_HASH IN (SELECT KEY_HASH FROM "
				+ "(SELECT KEY_HASH FROM " + TABLE + " WHERE TARGET_ID = ? ORDER BY KEY_HASH LIMIT " + PAGE + ") K)",
				number, number) > 0) {
			// the next page
		}
	}

	/** Keys the state holds for a target. */
	public long count(Target target) {
		int number = this.targets.find(target);
		if (number == Targets.NONE) {
			return 0;
		}
		Long count = this.jdbc.queryForObject("SELECT COUNT(*) FROM " + TABLE + " WHERE TARGET_ID = ?", Long.class,
				number);
		return (count != null) ? count : 0;
	}

}
