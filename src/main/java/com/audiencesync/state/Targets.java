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
 * The targets of the sync state ({@code AS_SYNC_TARGET}): a job's destination in one
 * vendor account, and the number its keys' rows carry. A target is made when a run first
 * writes to it (or prepares to, before its first chunk), in a transaction of its own, so
 * a chunk that rolls back does not take it along; the process remembers it from then on.
 * Reading a target that has none makes nothing.
 * <p>
 * A repository made before targets had accounts holds targets of the account
 * {@link Target#LEGACY}: the first run of the job's destination that is not a sandbox's
 * takes such a target over for its account (one log line says so), so an upgrade sends
 * nothing again. A sandbox's run never reads or takes it.
 */
final class Targets {

	private static final Logger log = LoggerFactory.getLogger(Targets.class);

	/**
	 * Where a repository made before 2026-12 kept the keys, by job and destination name.
	 */
	static final String EARLIER = "AS_SYNC_STATE";

	/** What {@link #find} answers for a target that has no number yet. */
	static final int NONE = -1;

	private static final String FIND = "SELECT TARGET_ID FROM AS_SYNC_TARGET WHERE JOB_NAME = ? AND DESTINATION = ? "
			+ "AND ACCOUNT = ?";

	private final JdbcTemplate jdbc;

	private final TransactionTemplate own;

	private final Map<Target, Integer> known = new ConcurrentHashMap<>();

	Targets(DataSource dataSource) {
		// a template of its own over the data source its transactions bind
		this.jdbc = new JdbcTemplate(dataSource);
		this.own = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
		this.own.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
	}

	/**
	 * The number of a target, made (or taken over from the state kept before accounts) if
	 * it has none yet.
	 */
	int of(Target target) {
		Integer known = this.known.get(target);
		return (known != null) ? known : make(target);
	}

	/**
	 * The number of a target, or {@link #NONE} when it has none yet; makes and takes over
	 * nothing (a dry run reads the state and writes nothing). A target that has none yet
	 * reads the state kept before accounts, which its first run will take over.
	 */
	int find(Target target) {
		Integer known = this.known.get(target);
		if (known != null) {
			return known;
		}
		int found = select(target);
		if (found != NONE) {
			this.known.put(target, found);
			return found;
		}
		return target.sandbox() ? NONE : select(target.legacy());
	}

	private int select(Target target) {
		List<Integer> found = this.jdbc.queryForList(FIND, Integer.class, target.job(), target.destination(),
				target.account());
		return found.isEmpty() ? NONE : found.get(0);
	}

	private synchronized int make(Target target) {
		Integer known = this.known.get(target);
		if (known != null) {
			return known;
		}
		int number;
		try {
			number = this.own.execute((status) -> findOrInsert(target));
		}
		catch (DuplicateKeyException ex) {
			// another process made it since this one looked: read it in a new transaction
			number = this.own.execute((status) -> select(target));
		}
		this.known.put(target, number);
		return number;
	}

	private int findOrInsert(Target target) {
		int found = select(target);
		if (found != NONE) {
			return found;
		}
		if (!target.sandbox() && !Target.LEGACY.equals(target.account()) && takeOver(target) != NONE) {
			return select(target);
		}
		this.jdbc.update(
				"INSERT INTO AS_SYNC_TARGET (JOB_NAME, DESTINATION, ACCOUNT, CREATED_AT) "
						+ "VALUES (?, ?, ?, CURRENT_TIMESTAMP(6))",
				target.job(), target.destination(), target.account());
		return select(target);
	}

	/**
	 * Gives the target kept before accounts, if there is one, to this target's account.
	 * One statement: of two processes doing it at once, one takes it and the other makes
	 * a target of its own.
	 */
	private int takeOver(Target target) {
		int legacy = select(target.legacy());
		if (legacy == NONE) {
			return NONE;
		}
		int taken = this.jdbc.update("UPDATE AS_SYNC_TARGET SET ACCOUNT = ? WHERE TARGET_ID = ? AND ACCOUNT = ?",
				target.account(), legacy, Target.LEGACY);
		if (taken == 0) {
			return NONE;
		}
		log.info(
				"The sync state of {} to {}, kept before it had an account, now belongs to account '{}' "
						+ "(target {}): a run against any other account sends every row once",
				target.job(), target.destination(), target.account(), legacy);
		return legacy;
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
			int target = of(new Target(job, destination, Target.LEGACY));
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
