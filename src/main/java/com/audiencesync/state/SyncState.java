package com.audiencesync.state;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The AS_SYNC_STATE table: per job, destination and key (a keyed hash), the fingerprint
 * of the payload the vendor last accepted, a keyed hash of the identity it carried and
 * the run that sent it. A chunk reads its keys in one query and writes what the vendor
 * accepted in its own transaction, so a rolled-back chunk leaves the state as it was.
 */
public class SyncState {

	/** Keys per query: far below any database's limit of bound parameters. */
	static final int BATCH = 500;

	private static final String[] COLUMNS = { "JOB_NAME", "DESTINATION", "KEY_HASH", "FINGERPRINT", "IDENTITY_HASH",
			"KEY_SEALED", "RUN_KEY", "JOB_EXECUTION_ID", "SEEN_RUN", "UPDATED_AT" };

	private final JdbcTemplate jdbc;

	private final String upsert;

	private final Dialect dialect;

	/**
	 * What a key's sealed fields ({@code KEY_SEALED}) belong to: its job and destination.
	 */
	public static String sealContext(String job, String destination) {
		return job + "\u0000" + destination;
	}

	public SyncState(JdbcTemplate jdbc, DataSource dataSource) {
		this.jdbc = jdbc;
		this.dialect = Dialect.of(dataSource);
		String binary = this.dialect.binary();
		// UPDATED_AT is the database's own time: a timestamp parameter cost the MySQL
		// driver a date format per row
		this.upsert = this.dialect.upsert("AS_SYNC_STATE", COLUMNS, 3, Map.of("KEY_HASH", binary, "FINGERPRINT", binary,
				"IDENTITY_HASH", binary, "KEY_SEALED", binary, "UPDATED_AT", "CURRENT_TIMESTAMP(6)"));
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
	 * @param jobExecutionId the execution that sent it
	 */
	public record Entry(Hash keyHash, Hash fingerprint, Hash identityHash, byte[] keySealed, String runKey,
			long jobExecutionId) {
	}

	/** The stored state of these keys, by key; keys without state are absent. */
	public Map<Hash, Stored> find(String job, String destination, Collection<Hash> keys) {
		if (keys.isEmpty()) {
			return Map.of();
		}
		Map<Hash, Stored> found = new HashMap<>();
		List<Hash> all = new ArrayList<>(keys);
		for (int from = 0; from < all.size(); from += BATCH) {
			List<Hash> batch = all.subList(from, Math.min(from + BATCH, all.size()));
			List<Object> arguments = new ArrayList<>(batch.size() + 2);
			arguments.add(job);
			arguments.add(destination);
			batch.forEach((hash) -> arguments.add(this.dialect.binary(hash.bytes())));
			this.jdbc.query(
					"SELECT KEY_HASH, FINGERPRINT, IDENTITY_HASH, RUN_KEY, KEY_SEALED IS NOT NULL FROM AS_SYNC_STATE WHERE JOB_NAME = ? "
							+ "AND DESTINATION = ? AND KEY_HASH IN (" + in(batch.size()) + ")",
					(rs) -> {
						byte[] identity = rs.getBytes(3);
						found.put(new Hash(rs.getBytes(1)), new Stored(new Hash(rs.getBytes(2)),
								(identity != null) ? new Hash(identity) : null, rs.getString(4), rs.getBoolean(5)));
					}, arguments.toArray());
		}
		return found;
	}

	/** Writes the entries of one chunk, marking them seen by that run. */
	public void save(String job, String destination, List<Entry> entries, String seenRun) {
		if (entries.isEmpty()) {
			return;
		}
		this.jdbc.batchUpdate(this.upsert, entries, entries.size(), (ps, entry) -> {
			ps.setString(1, job);
			ps.setString(2, destination);
			this.dialect.binary(ps, 3, entry.keyHash().bytes());
			this.dialect.binary(ps, 4, entry.fingerprint().bytes());
			this.dialect.binary(ps, 5, (entry.identityHash() != null) ? entry.identityHash().bytes() : null);
			this.dialect.binary(ps, 6, entry.keySealed());
			ps.setString(7, entry.runKey());
			ps.setLong(8, entry.jobExecutionId());
			ps.setString(9, seenRun);
		});
	}

	/** {@code KEY_HASH IN (...)}'s list of that many binary parameters. */
	private String in(int count) {
		return String.join(", ", Collections.nCopies(count, this.dialect.binary()));
	}

	/** Marks keys a run read (changed or not) as seen by it, for mirrors. */
	public void markSeen(String job, String destination, Collection<Hash> keys, String runKey) {
		List<Hash> all = new ArrayList<>(keys);
		for (int from = 0; from < all.size(); from += BATCH) {
			List<Hash> batch = all.subList(from, Math.min(from + BATCH, all.size()));
			List<Object> arguments = new ArrayList<>();
			arguments.add(runKey);
			arguments.add(job);
			arguments.add(destination);
			batch.forEach((hash) -> arguments.add(this.dialect.binary(hash.bytes())));
			this.jdbc
				.update("UPDATE AS_SYNC_STATE SET SEEN_RUN = ? WHERE JOB_NAME = ? AND DESTINATION = ? AND KEY_HASH IN ("
						+ in(batch.size()) + ")", arguments.toArray());
		}
	}

	/** Keys of a job's destination the run did not see. */
	public long countUnseen(String job, String destination, String runKey) {
		Long count = this.jdbc
			.queryForObject("SELECT COUNT(*) FROM AS_SYNC_STATE WHERE JOB_NAME = ? AND DESTINATION = ? "
					+ "AND (SEEN_RUN IS NULL OR SEEN_RUN <> ?)", Long.class, job, destination, runKey);
		return (count != null) ? count : 0;
	}

	/**
	 * The next keys the run did not see, in key order after {@code after} (or from the
	 * start).
	 */
	public List<Unseen> unseen(String job, String destination, String runKey, Hash after, int limit) {
		List<Object> arguments = new ArrayList<>(List.of(job, destination, runKey));
		String from = "";
		if (after != null) {
			from = " AND KEY_HASH > " + this.dialect.binary();
			arguments.add(this.dialect.binary(after.bytes()));
		}
		return this.jdbc.query(
				"SELECT KEY_HASH, KEY_SEALED FROM AS_SYNC_STATE WHERE JOB_NAME = ? AND DESTINATION = ? "
						+ "AND (SEEN_RUN IS NULL OR SEEN_RUN <> ?)" + from + " ORDER BY KEY_HASH LIMIT " + limit,
				(rs, row) -> new Unseen(new Hash(rs.getBytes(1)), rs.getBytes(2)), arguments.toArray());
	}

	/** Forgets keys the vendor deleted. */
	public void delete(String job, String destination, Collection<Hash> keys) {
		List<Hash> all = new ArrayList<>(keys);
		for (int from = 0; from < all.size(); from += BATCH) {
			List<Hash> batch = all.subList(from, Math.min(from + BATCH, all.size()));
			List<Object> arguments = new ArrayList<>(List.of(job, destination));
			batch.forEach((hash) -> arguments.add(this.dialect.binary(hash.bytes())));
			this.jdbc.update("DELETE FROM AS_SYNC_STATE WHERE JOB_NAME = ? AND DESTINATION = ? AND KEY_HASH IN ("
					+ in(batch.size()) + ")", arguments.toArray());
		}
	}

	/** Keys the state holds for a job's destination. */
	public long count(String job, String destination) {
		Long count = this.jdbc.queryForObject(
				"SELECT COUNT(*) FROM AS_SYNC_STATE WHERE JOB_NAME = ? AND DESTINATION = ?", Long.class, job,
				destination);
		return (count != null) ? count : 0;
	}

}
