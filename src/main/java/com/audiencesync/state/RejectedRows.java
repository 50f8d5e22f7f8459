package com.audiencesync.state;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

import com.audiencesync.names.Names;

import org.springframework.jdbc.core.BatchPreparedStatementSetter;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;

/**
 * The AS_REJECTED_ROW table, and beside it AS_REJECTED_SOURCE and AS_REJECTED_RESOLVED.
 * Inserts join the chunk's transaction, so a rolled-back chunk leaves no rejected rows
 * (and no row resolved) behind and its restart records them once.
 */
public class RejectedRows {

	private final JdbcTemplate jdbc;

	public RejectedRows(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Stores rejected rows, and beside each its sealed source row and attempt
	 * ({@code AS_REJECTED_SOURCE}).
	 */
	public void record(List<RejectedRow> rows) {
		if (rows.isEmpty()) {
			return;
		}
		Timestamp now = Timestamp.from(Instant.now());
		KeyHolder ids = new GeneratedKeyHolder();
		this.jdbc.batchUpdate(
				(connection) -> connection.prepareStatement(
						"INSERT INTO AS_REJECTED_ROW (JOB_EXECUTION_ID, JOB_NAME, RUN_KEY, PARTITION_NAME, SOURCE, "
								+ "POSITION, DESTINATION, STAGE, REASON_CODE, MESSAGE, ROW_MASKED, CREATED_AT) "
								+ "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
						new String[] { "ID" }),
				new BatchPreparedStatementSetter() {
					@Override
					public void setValues(PreparedStatement ps, int i) throws SQLException {
						RejectedRow row = rows.get(i);
						ps.setLong(1, row.jobExecutionId());
						ps.setString(2, row.jobName());
						ps.setString(3, row.runKey());
						ps.setString(4, cut(row.partition(), 100));
						ps.setString(5, cut(row.source(), 1000));
						ps.setLong(6, row.position());
						ps.setString(7, row.destination());
						ps.setString(8, row.stage());
						ps.setString(9, cut(row.reasonCode(), 64));
						ps.setString(10, cut(row.message(), 1000));
						ps.setString(11, cut(row.rowMasked(), 2000));
						ps.setTimestamp(12, now);
					}

					@Override
					public int getBatchSize() {
						return rows.size();
					}
				}, ids);
		List<Map<String, Object>> keys = ids.getKeyList();
		// the account of each execution, looked up once, and only for a row that needs it
		Map<Long, Optional<String>> accounts = new HashMap<>();
		List<RejectedRow> continued = rows.stream()
			.map((row) -> continuing(row,
					(execution) -> accounts.computeIfAbsent(execution, (id) -> Optional.ofNullable(account(id)))
						.orElse(null)))
			.toList();
		this.jdbc.batchUpdate("INSERT INTO AS_REJECTED_SOURCE (REJECTED_ID, ROW_SEALED, ROW_HASH, ATTEMPT, REPLAY_OF) "
				+ "VALUES (?, ?, ?, ?, ?)", new BatchPreparedStatementSetter() {
					@Override
					public void setValues(PreparedStatement ps, int i) throws SQLException {
						RejectedRow row = continued.get(i);
						ps.setLong(1, ((Number) keys.get(i).values().iterator().next()).longValue());
						ps.setBytes(2, row.rowSealed());
						ps.setBytes(3, row.rowHash());
						ps.setInt(4, row.attempt());
						ps.setObject(5, row.replayOf(), Types.BIGINT);
					}

					@Override
					public int getBatchSize() {
						return rows.size();
					}
				});
	}

	/**
	 * A vendor's first refusal of a row an earlier run saw refused too (the same row in
	 * today's extract) goes on from that refusal: a later attempt of it, which is no
	 * longer pending. Only a refusal by the same vendor account counts (one made before
	 * accounts counts as any account's but the sandbox's): a sandbox's trial is never
	 * production's attempt. Other rows as they are.
	 * @param accounts the account of an execution, or null for one made before accounts
	 */
	private RejectedRow continuing(RejectedRow row, Function<Long, String> accounts) {
		if (row.rowHash() == null || row.replayOf() != null || !RejectedRow.VENDOR.equals(row.stage())) {
			return row;
		}
		StringBuilder sql = new StringBuilder(
				"SELECT s.REJECTED_ID, s.ATTEMPT FROM AS_REJECTED_SOURCE s JOIN AS_REJECTED_ROW r ON r.ID = s.REJECTED_ID "
						+ "WHERE s.ROW_HASH = ? AND s.REPLAYED_RUN IS NULL AND r.JOB_NAME = ? AND r.DESTINATION = ? "
						+ "AND r.STAGE = 'VENDOR' AND r.RUN_KEY <> ? AND NOT EXISTS (SELECT 1 FROM AS_REJECTED_RESOLVED x "
						+ "WHERE x.REJECTED_ID = s.REJECTED_ID)");
		List<Object> args = new ArrayList<>(List.of(row.rowHash(), row.jobName(), row.destination(), row.runKey()));
		sameAccount(sql, args, accounts.apply(row.jobExecutionId()));
		sql.append(" ORDER BY s.ATTEMPT DESC, s.REJECTED_ID DESC");
		List<Map<String, Object>> earlier = this.jdbc.queryForList(sql.toString(), args.toArray());
		if (earlier.isEmpty()) {
			return row;
		}
		long previous = ((Number) earlier.get(0).get("REJECTED_ID")).longValue();
		int attempt = ((Number) earlier.get(0).get("ATTEMPT")).intValue() + 1;
		replayed(earlier.stream().map((each) -> ((Number) each.get("REJECTED_ID")).longValue()).toList(), row.runKey());
		return new RejectedRow(row.jobExecutionId(), row.jobName(), row.runKey(), row.partition(), row.source(),
				row.position(), row.destination(), row.stage(), row.reasonCode(), row.message(), row.rowMasked(),
				row.rowSealed(), row.rowHash(), attempt, previous);
	}

	/**
	 * Only rows ({@code r}) of runs against that account: those made before accounts
	 * count as any account's but the sandbox's. No condition for a null account.
	 */
	private static void sameAccount(StringBuilder sql, List<Object> args, String account) {
		if (account == null) {
			return;
		}
		sql.append(" AND (EXISTS (" + ACCOUNT_OF_RUN + " AND p.PARAMETER_VALUE = ?)");
		args.add(account);
		if (!Target.SANDBOX.equals(account)) {
			sql.append(" OR NOT EXISTS (" + ACCOUNT_OF_RUN + ")");
		}
		sql.append(")");
	}

	/** Rows rejected so far in a run, over all its executions. */
	public long count(String jobName, String runKey) {
		Long count = this.jdbc.queryForObject("SELECT COUNT(*) FROM AS_REJECTED_ROW WHERE JOB_NAME = ? AND RUN_KEY = ?",
				Long.class, jobName, runKey);
		return (count != null) ? count : 0;
	}

	/** The jobs that have rejected rows, by name. */
	public List<String> jobs() {
		return this.jdbc.queryForList("SELECT DISTINCT JOB_NAME FROM AS_REJECTED_ROW ORDER BY JOB_NAME", String.class);
	}

	/** Rows rejected by one execution. */
	public long countByExecution(long jobExecutionId) {
		Long count = this.jdbc.queryForObject("SELECT COUNT(*) FROM AS_REJECTED_ROW WHERE JOB_EXECUTION_ID = ?",
				Long.class, jobExecutionId);
		return (count != null) ? count : 0;
	}

	/** A run's rejected rows, in source order. */
	public List<RejectedRow> list(String jobName, String runKey, int limit) {
		return this.jdbc
			.query("SELECT * FROM AS_REJECTED_ROW WHERE JOB_NAME = ? AND RUN_KEY = ? ORDER BY SOURCE, POSITION",
					(rs, i) -> new RejectedRow(rs.getLong("JOB_EXECUTION_ID"), rs.getString("JOB_NAME"),
							rs.getString("RUN_KEY"), rs.getString("PARTITION_NAME"), rs.getString("SOURCE"),
							rs.getLong("POSITION"), rs.getString("DESTINATION"), rs.getString("STAGE"),
							rs.getString("REASON_CODE"), rs.getString("MESSAGE"), rs.getString("ROW_MASKED")),
					jobName, runKey)
			.stream()
			.limit(limit)
			.toList();
	}

	/**
	 * A rejected row as stored, with what became of it.
	 *
	 * @param id its id
	 * @param row the row
	 * @param createdAt when it was rejected
	 * @param replayedRun the run that sent it again, or null
	 * @param resolvedRun the import run whose fixed row the vendor took, or null
	 */
	public record Stored(long id, RejectedRow row, Instant createdAt, String replayedRun, String resolvedRun) {

		/**
		 * {@code fixed in <import run>}, {@code pending 1/3}, {@code given up 3/3},
		 * {@code replayed in <run>}, or {@code -} for a row whose data is wrong (never
		 * replayed).
		 */
		public String state(int maxRuns) {
			if (this.resolvedRun != null) {
				return "fixed in " + this.resolvedRun;
			}
			if (this.replayedRun != null) {
				return "replayed in " + this.replayedRun;
			}
			if (!RejectedRow.VENDOR.equals(this.row.stage())) {
				return "-";
			}
			return ((this.row.attempt() < maxRuns) ? "pending " : "given up ") + this.row.attempt() + "/" + maxRuns;
		}

	}

	/**
	 * Which rejected rows to list; null means any.
	 *
	 * @param jobName the job (required)
	 * @param runKey one run ({@code 2026-11-22}, {@code backfill:2026-11-22})
	 * @param executionId one execution
	 * @param stage {@code VENDOR} or {@code TRANSFORM}
	 * @param reasonCode one reason
	 * @param destination one destination ({@code vendor/endpoint})
	 * @param pendingBelow only vendor refusals not yet sent again nor fixed whose
	 * attempts are below this ({@code retry.max-runs}: pending), or null
	 * @param givenUpAt only vendor refusals not sent again nor fixed that reached this
	 * many attempts (given up), or null
	 * @param account only rows of runs against this vendor account (the job parameter
	 * {@code account}; rows of runs made before accounts count as any account's but the
	 * sandbox's), or null
	 */
	public record Query(String jobName, String runKey, Long executionId, String stage, String reasonCode,
			String destination, Integer pendingBelow, Integer givenUpAt, String account) {

		/** Every rejected row of a job. */
		public static Query of(String jobName) {
			return new Query(jobName, null, null, null, null, null, null, null, null);
		}

	}

	/**
	 * The vendor account an execution sent to (its job parameter {@code account}), or
	 * null for one made before accounts.
	 */
	public String account(long jobExecutionId) {
		List<String> accounts = this.jdbc.queryForList(
				"SELECT PARAMETER_VALUE FROM BATCH_JOB_EXECUTION_PARAMS "
						+ "WHERE JOB_EXECUTION_ID = ? AND PARAMETER_NAME = ?",
				String.class, jobExecutionId, Names.ACCOUNT);
		return accounts.isEmpty() ? null : accounts.get(0);
	}

	/** The account a rejected row's run sent to, as a subquery. */
	private static final String ACCOUNT_OF_RUN = "SELECT 1 FROM BATCH_JOB_EXECUTION_PARAMS p "
			+ "WHERE p.JOB_EXECUTION_ID = r.JOB_EXECUTION_ID AND p.PARAMETER_NAME = '" + Names.ACCOUNT + "'";

	/** Rejected rows matching the query, by id, from after {@code afterId}. */
	public List<Stored> find(Query query, long afterId, int limit) {
		StringBuilder sql = new StringBuilder(SELECT + " AND r.ID > ?");
		List<Object> args = new ArrayList<>(List.of(query.jobName(), afterId));
		condition(sql, args, "r.RUN_KEY", query.runKey());
		condition(sql, args, "r.JOB_EXECUTION_ID", query.executionId());
		condition(sql, args, "r.STAGE", query.stage());
		condition(sql, args, "r.REASON_CODE", query.reasonCode());
		condition(sql, args, "r.DESTINATION", query.destination());
		if (query.pendingBelow() != null || query.givenUpAt() != null) {
			sql.append(" AND r.STAGE = 'VENDOR' AND s.REPLAYED_RUN IS NULL AND x.REJECTED_ID IS NULL "
					+ "AND s.ROW_SEALED IS NOT NULL");
		}
		sameAccount(sql, args, query.account());
		if (query.pendingBelow() != null) {
			sql.append(" AND s.ATTEMPT < ?");
			args.add(query.pendingBelow());
		}
		if (query.givenUpAt() != null) {
			sql.append(" AND s.ATTEMPT >= ?");
			args.add(query.givenUpAt());
		}
		sql.append(" ORDER BY r.ID");
		return select(sql.toString(), args, limit);
	}

	/** A rejected row of a job by its id, if it is one. */
	public Optional<Stored> get(String jobName, long id) {
		return select(SELECT + " AND r.ID = ?", List.of(jobName, id), 1).stream().findFirst();
	}

	/**
	 * The rejected rows of a job's run at one place of one source for one destination, by
	 * id (more than one where a run read that place twice, as a replay and in its
	 * extract).
	 */
	public List<Stored> at(String jobName, String runKey, String source, long position, String destination) {
		return select(SELECT + " AND r.RUN_KEY = ? AND r.SOURCE = ? AND r.POSITION = ? AND r.DESTINATION = ? "
				+ "ORDER BY r.ID", List.of(jobName, runKey, source, position, destination), 100);
	}

	/**
	 * Every attempt at the row a rejection is of, first to last: the refusals it is a
	 * later attempt of ({@code REPLAY_OF}), itself, and the later attempts of it, each
	 * recorded by the run that sent the one before again.
	 */
	public List<Stored> attempts(Stored rejection) {
		String job = rejection.row().jobName();
		Stored first = rejection;
		// a chain is at most retry.max-runs long (30); the bound guards against a loop
		for (int i = 0; i < 1000 && first.row().replayOf() != null; i++) {
			Optional<Stored> earlier = get(job, first.row().replayOf());
			if (earlier.isEmpty()) {
				break;
			}
			first = earlier.get();
		}
		List<Stored> attempts = new ArrayList<>(List.of(first));
		Stored last = first;
		for (int i = 0; i < 1000 && last.replayedRun() != null; i++) {
			List<Stored> next = select(
					SELECT + " AND r.RUN_KEY = ? AND r.DESTINATION = ? AND s.REPLAY_OF = ? " + "ORDER BY r.ID",
					List.of(job, last.replayedRun(), last.row().destination(), last.id()), 1);
			if (next.isEmpty()) {
				break;
			}
			last = next.get(0);
			attempts.add(last);
		}
		return attempts;
	}

	/**
	 * Marks rejected rows resolved by that import run (in the chunk's transaction: a
	 * chunk that rolls back leaves them as they were); rows already resolved keep the run
	 * that resolved them first.
	 */
	public void resolved(Collection<Long> ids, String runKey, long jobExecutionId) {
		if (ids.isEmpty()) {
			return;
		}
		List<Long> unique = new ArrayList<>(new TreeSet<>(ids));
		Set<Long> before = new HashSet<>(this.jdbc.queryForList(
				"SELECT REJECTED_ID FROM AS_REJECTED_RESOLVED WHERE REJECTED_ID IN (" + marks(unique.size()) + ")",
				Long.class, unique.toArray()));
		unique.removeAll(before);
		Timestamp now = Timestamp.from(Instant.now());
		this.jdbc.batchUpdate("INSERT INTO AS_REJECTED_RESOLVED (REJECTED_ID, RESOLVED_RUN, JOB_EXECUTION_ID, "
				+ "RESOLVED_AT) VALUES (?, ?, ?, ?)", unique, unique.size(), (ps, id) -> {
					ps.setLong(1, id);
					ps.setString(2, runKey);
					ps.setLong(3, jobExecutionId);
					ps.setTimestamp(4, now);
				});
	}

	/**
	 * Which of these places of a source a run rejected for a destination, so far in its
	 * transaction.
	 */
	public Set<Long> rejectedAt(String jobName, String runKey, String destination, String source,
			Collection<Long> positions) {
		if (positions.isEmpty()) {
			return Set.of();
		}
		List<Object> args = new ArrayList<>(List.of(jobName, runKey, destination, source));
		args.addAll(positions);
		return new HashSet<>(this.jdbc.queryForList("SELECT POSITION FROM AS_REJECTED_ROW WHERE JOB_NAME = ? AND "
				+ "RUN_KEY = ? AND DESTINATION = ? AND SOURCE = ? AND POSITION IN (" + marks(positions.size()) + ")",
				Long.class, args.toArray()));
	}

	private static String marks(int count) {
		return String.join(", ", Collections.nCopies(count, "?"));
	}

	/** A rejected row with its kept copy, what became of it and whether it was fixed. */
	private static final String SELECT = "SELECT r.*, s.ROW_SEALED, s.ROW_HASH, s.ATTEMPT, s.REPLAY_OF, s.REPLAYED_RUN, "
			+ "x.RESOLVED_RUN FROM AS_REJECTED_ROW r LEFT JOIN AS_REJECTED_SOURCE s ON s.REJECTED_ID = r.ID "
			+ "LEFT JOIN AS_REJECTED_RESOLVED x ON x.REJECTED_ID = r.ID WHERE r.JOB_NAME = ?";

	private List<Stored> select(String sql, List<Object> args, int limit) {
		return this.jdbc.query((connection) -> {
			var statement = connection.prepareStatement(sql);
			statement.setMaxRows(limit);
			for (int i = 0; i < args.size(); i++) {
				statement.setObject(i + 1, args.get(i));
			}
			return statement;
		}, (rs, i) -> new Stored(rs.getLong("ID"),
				new RejectedRow(rs.getLong("JOB_EXECUTION_ID"), rs.getString("JOB_NAME"), rs.getString("RUN_KEY"),
						rs.getString("PARTITION_NAME"), rs.getString("SOURCE"), rs.getLong("POSITION"),
						rs.getString("DESTINATION"), rs.getString("STAGE"), rs.getString("REASON_CODE"),
						rs.getString("MESSAGE"), rs.getString("ROW_MASKED"), rs.getBytes("ROW_SEALED"),
						rs.getBytes("ROW_HASH"), (rs.getObject("ATTEMPT") != null) ? rs.getInt("ATTEMPT") : 1,
						(rs.getObject("REPLAY_OF") != null) ? rs.getLong("REPLAY_OF") : null),
				rs.getTimestamp("CREATED_AT").toInstant(), rs.getString("REPLAYED_RUN"), rs.getString("RESOLVED_RUN")));
	}

	/**
	 * Marks rows as sent again by that run (in the chunk's transaction: a chunk that
	 * rolls back leaves them pending).
	 */
	public void replayed(List<Long> ids, String runKey) {
		if (ids.isEmpty()) {
			return;
		}
		this.jdbc.batchUpdate("UPDATE AS_REJECTED_SOURCE SET REPLAYED_RUN = ? WHERE REJECTED_ID = ?", ids, ids.size(),
				(ps, id) -> {
					ps.setString(1, runKey);
					ps.setLong(2, id);
				});
	}

	private static void condition(StringBuilder sql, List<Object> args, String column, Object value) {
		if (value != null) {
			sql.append(" AND ").append(column).append(" = ?");
			args.add(value);
		}
	}

	/**
	 * Rows a destination's vendor refused in a run that reached {@code maxRuns} attempts:
	 * no later run sends them (given up).
	 */
	public long givenUp(String jobName, String runKey, String destination, int maxRuns) {
		Long count = this.jdbc.queryForObject(
				"SELECT COUNT(*) FROM AS_REJECTED_ROW r JOIN AS_REJECTED_SOURCE s ON s.REJECTED_ID = r.ID "
						+ "LEFT JOIN AS_REJECTED_RESOLVED x ON x.REJECTED_ID = r.ID "
						+ "WHERE r.JOB_NAME = ? AND r.RUN_KEY = ? AND r.DESTINATION = ? AND r.STAGE = 'VENDOR' "
						+ "AND s.REPLAYED_RUN IS NULL AND x.REJECTED_ID IS NULL AND s.ATTEMPT >= ?",
				Long.class, jobName, runKey, destination, maxRuns);
		return (count != null) ? count : 0;
	}

	/** A run's rejections counted by destination, stage and reason. */
	public List<ReasonCount> reasons(String jobName, String runKey) {
		return this.jdbc.query(
				"SELECT DESTINATION, STAGE, REASON_CODE, COUNT(*) AS N, MIN(MESSAGE) AS SAMPLE FROM AS_REJECTED_ROW "
						+ "WHERE JOB_NAME = ? AND RUN_KEY = ? GROUP BY DESTINATION, STAGE, REASON_CODE "
						+ "ORDER BY N DESC, DESTINATION, REASON_CODE",
				(rs, i) -> new ReasonCount(rs.getString("DESTINATION"), rs.getString("STAGE"),
						rs.getString("REASON_CODE"), rs.getLong("N"), rs.getString("SAMPLE")),
				jobName, runKey);
	}

	/**
	 * Rejections of one kind.
	 *
	 * @param destination the destination ({@code vendor/endpoint}) the rows were for
	 * @param stage TRANSFORM or VENDOR
	 * @param reasonCode the reason
	 * @param count how many rows
	 * @param sample one of their messages
	 */
	public record ReasonCount(String destination, String stage, String reasonCode, long count, String sample) {
	}

	private static String cut(String text, int max) {
		return (text == null || text.length() <= max) ? text : text.substring(0, max);
	}

}
