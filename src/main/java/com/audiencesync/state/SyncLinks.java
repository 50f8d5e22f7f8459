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
 * The AS_SYNC_LINK table: the users a run's rows linked (keyed hashes) as the user acted
 * on ({@code F}, merged away) or the user led to ({@code T}, kept), each with where it
 * was first seen, so a chain across chunks and partitions is told without holding the run
 * in memory. A completed run's links are deleted.
 */
public class SyncLinks {

	/** The user a row acts on first (merged away). */
	public static final char FROM = 'F';

	/** The user a row leads to (kept). */
	public static final char TO = 'T';

	private static final String[] COLUMNS = { "JOB_NAME", "RUN_KEY", "USER_HASH", "ROLE", "FIRST_AT" };

	private final JdbcTemplate jdbc;

	private final String upsert;

	public SyncLinks(JdbcTemplate jdbc, DataSource dataSource) {
		this.jdbc = jdbc;
		this.upsert = Dialect.of(dataSource).upsert("AS_SYNC_LINK", COLUMNS, 4);
	}

	/**
	 * A user linked in a role.
	 *
	 * @param user the user's keyed hash
	 * @param role {@link #FROM} or {@link #TO}
	 */
	public record Link(Hash user, char role) {
	}

	/**
	 * Where each of these links was first seen in the run; links never seen are absent.
	 */
	public Map<Link, String> find(String job, String runKey, Collection<Hash> users) {
		if (users.isEmpty()) {
			return Map.of();
		}
		Map<Link, String> found = new HashMap<>();
		SyncState.inBatches(users, (batch) -> {
			List<Object> arguments = new ArrayList<>();
			arguments.add(job);
			arguments.add(runKey);
			batch.forEach((hash) -> arguments.add(hash.bytes()));
			this.jdbc.query(
					"SELECT USER_HASH, ROLE, FIRST_AT FROM AS_SYNC_LINK WHERE JOB_NAME = ? AND RUN_KEY = ? "
							+ "AND USER_HASH IN (" + String.join(", ", Collections.nCopies(batch.size(), "?")) + ")",
					(rs) -> {
						found.put(new Link(new Hash(rs.getBytes(1)), rs.getString(2).charAt(0)), rs.getString(3));
					}, arguments.toArray());
		});
		return found;
	}

	/** Records the links first seen in a chunk. */
	public void save(String job, String runKey, Map<Link, String> firstSeen) {
		if (firstSeen.isEmpty()) {
			return;
		}
		List<Map.Entry<Link, String>> entries = new ArrayList<>(firstSeen.entrySet());
		this.jdbc.batchUpdate(this.upsert, entries, entries.size(), (ps, entry) -> {
			ps.setString(1, job);
			ps.setString(2, runKey);
			ps.setBytes(3, entry.getKey().user().bytes());
			ps.setString(4, String.valueOf(entry.getKey().role()));
			ps.setString(5, entry.getValue());
		});
	}

	/** Forgets a run's links (it completed: no later chunk can chain with them). */
	public void forget(String job, String runKey) {
		this.jdbc.update("DELETE FROM AS_SYNC_LINK WHERE JOB_NAME = ? AND RUN_KEY = ?", job, runKey);
	}

}
