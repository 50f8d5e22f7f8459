package com.audiencesync.state;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import javax.sql.DataSource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.dao.DataAccessException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The targets of the sync state ({@code AS_SYNC_TARGET}): a job's destination and the
 * number its keys' rows carry. A target is made when a run first writes to it (or
 * prepares to, before its first chunk), in a transaction of its own, so a chunk that
 * rolls back does not take it along; the process remembers it from then on. Reading a
 * target that has none makes nothing.
 */
final class Targets {

	private static final Logger log = LoggerFactory.getLogger(Targets.class);

	/**
	 * Where a repository made before 2026-12 kept the keys, by job and destination name.
	 */
	static final String EARLIER = "AS_SYNC_STATE";

	/** What {@link #find} answers for a job's destination that has no number yet. */
	static final int NONE = -1;

	private static final String FIND = "SELECT TARGET_ID FROM AS_SYNC_TARGET WHERE JOB_NAME = ? AND DESTINATION = ?";

	private final JdbcTemplate jdbc;

	private final TransactionTemplate own;

	private final Map<String, Integer> known = new ConcurrentHashMap<>();

	Targets(DataSource dataSource) {
		// a template of its own over the data source its transactions bind
		this.jdbc = new JdbcTemplate(dataSource);
		this.own = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
		this.own.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
	}

	/** The number of a job's destination, made if it has none yet. */
	int of(String job, String destination) {
		Integer known = this.known.get(name(job, destination));
		return (known != null) ? known : make(job, destination);
	}

	/**
	 * The number of a job's destination, or {@link #NONE} when it has none yet; makes
	 * nothing (a dry run reads the state and writes nothing).
	 */
	int find(String job, String destination) {
		Integer known = this.known.get(name(job, destination));
		if (known != null) {
			return known;
		}
		List<Integer> found = this.jdbc.queryForList(FIND, Integer.class, job, destination);
		if (found.isEmpty()) {
			return NONE;
		}
		this.known.put(name(job, destination), found.get(0));
		return found.get(0);
	}

	private synchronized int make(String job, String destination) {
		Integer known = this.known.get(name(job, destination));
		if (known != null) {
			return known;
		}
		int target;
		try {
			target = this.own.execute((status) -> findOrInsert(job, destination));
		}
		catch (DuplicateKeyException ex) {
			// another process made it since this one looked: read it in a new transaction
			target = this.own.execute((status) -> this.jdbc.queryForObject(FIND, Integer.class, job, destination));
		}
		this.known.put(name(job, destination), target);
		return target;
	}

	private int findOrInsert(String job, String destination) {
		int found = find(job, destination);
		if (found != NONE) {
			return found;
		}
		this.jdbc.update("INSERT INTO AS_SYNC_TARGET (JOB_NAME, DESTINATION, CREATED_AT) "
				+ "VALUES (?, ?, CURRENT_TIMESTAMP(6))", job, destination);
		return this.jdbc.queryForObject(FIND, Integer.class, job, destination);
	}

	private static String name(String job, String destination) {
		return job + "\u0000" + destination;
	}

	/**
	 * Moves the keys a repository made before 2026-12 holds in {@code AS_SYNC_STATE} into
	 * {@code AS_SYNC_KEY}, a job's destination at a time, each in a transaction of its
	 * own; a key already moved is left. Nothing to do (one query) once they are moved or
	 * when there never was such a table.
	 */
	void moveEarlierState() {
		List<Map<String, Object>> earlier;
		try {
			earlier = this.jdbc.queryForList("SELECT DISTINCT JOB_NAME, DESTINATION FROM " + EARLIER);
		}
		catch (DataAccessException ex) {
			// no such table: a repository made since
			return;
		}
		for (Map<String, Object> names : earlier) {
			String job = (String) names.get("JOB_NAME");
			String destination = (String) names.get("DESTINATION");
			int target = of(job, destination);
			Integer moved = this.own.execute((status) -> {
				int rows = this.jdbc.update("INSERT INTO " + SyncState.TABLE + " (TARGET_ID, KEY_HASH, FINGERPRINT, "
						+ "IDENTITY_HASH, KEY_SEALED, RUN_KEY, SEEN_RUN, UPDATED_AT) SELECT ?, s.KEY_HASH, s.FINGERPRINT, "
						+ "s.IDENTITY_HASH, s.KEY_SEALED, s.RUN_KEY, s.SEEN_RUN, s.UPDATED_AT FROM " + EARLIER + " s "
						+ "WHERE s.JOB_NAME = ? AND s.DESTINATION = ? AND NOT EXISTS (SELECT 1 FROM " + SyncState.TABLE
						+ " k WHERE k.TARGET_ID = ? AND k.KEY_HASH = s.KEY_HASH)", target, job, destination, target);
				this.jdbc.update("DELETE FROM " + EARLIER + " WHERE JOB_NAME = ? AND DESTINATION = ?", job,
						destination);
				return rows;
			});
			log.info("Moved the sync state of {} to {}: {} keys from {} to {} (target {})", job, destination, moved,
					EARLIER, SyncState.TABLE, target);
		}
	}

}
