package com.audiencesync.state;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.BatchPreparedStatementSetter;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;

/**
 * The AS_REJECTED_ROW table, and beside it AS_REJECTED_SOURCE. Inserts join the chunk's
 * transaction, so a rolled-back chunk leaves no rejected rows behind and its restart
 * records them once.
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
		this.jdbc.batchUpdate(
				"INSERT INTO AS_REJECTED_SOURCE (REJECTED_ID, ROW_SEALED, ATTEMPT, REPLAY_OF) " + "VALUES (?, ?, ?, ?)",
				new BatchPreparedStatementSetter() {
					@Override
					public void setValues(PreparedStatement ps, int i) throws SQLException {
						RejectedRow row = rows.get(i);
						ps.setLong(1, ((Number) keys.get(i).values().iterator().next()).longValue());
						ps.setBytes(2, row.rowSealed());
						ps.setInt(3, row.attempt());
						ps.setObject(4, row.replayOf(), Types.BIGINT);
					}

					@Override
					public int getBatchSize() {
						return rows.size();
					}
				});
	}

	/** Rows rejected so far in a run, over all its executions. */
	public long count(String jobName, String runKey) {
		Long count = this.jdbc.queryForObject("SELECT COUNT(*) FROM AS_REJECTED_ROW WHERE JOB_NAME = ? AND RUN_KEY = ?",
				Long.class, jobName, runKey);
		return (count != null) ? count : 0;
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
