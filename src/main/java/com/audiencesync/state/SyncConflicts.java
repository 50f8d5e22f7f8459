package com.audiencesync.state;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The AS_SYNC_CONFLICT table: keys a run sent with two identities (one phone number, two
 * member ids), where the later row was, with key and identity masked. Written in the
 * chunk's transaction.
 */
public class SyncConflicts {

	private final JdbcTemplate jdbc;

	public SyncConflicts(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * One key sent with another identity than earlier in the run.
	 *
	 * @param jobExecutionId the execution
	 * @param jobName the job
	 * @param runKey the run
	 * @param destination {@code vendor/endpoint}
	 * @param source the file or object of the later row
	 * @param position its line or record
	 * @param keyName the key's field, e.g. {@code phoneNumber}
	 * @param keyMasked the key, masked
	 * @param identityMasked the later identity, masked
	 */
	public record Conflict(long jobExecutionId, String jobName, String runKey, String destination, String source,
			long position, String keyName, String keyMasked, String identityMasked) {

		/** {@code members.csv:14 phoneNumber ***-****-**78 (m****3)}. */
		public String describe() {
			return this.source + ":" + this.position + " " + this.keyName + " " + this.keyMasked
					+ ((this.identityMasked != null) ? " (" + this.identityMasked + ")" : "");
		}

	}

	public void record(List<Conflict> conflicts) {
		if (conflicts.isEmpty()) {
			return;
		}
		Timestamp now = Timestamp.from(Instant.now());
		this.jdbc.batchUpdate(
				"INSERT INTO AS_SYNC_CONFLICT (JOB_EXECUTION_ID, JOB_NAME, RUN_KEY, DESTINATION, SOURCE, POSITION, "
						+ "KEY_NAME, KEY_MASKED, IDENTITY_MASKED, CREATED_AT) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
				conflicts, conflicts.size(), (ps, conflict) -> {
					ps.setLong(1, conflict.jobExecutionId());
					ps.setString(2, conflict.jobName());
					ps.setString(3, conflict.runKey());
					ps.setString(4, conflict.destination());
					ps.setString(5, cut(conflict.source(), 1000));
					ps.setLong(6, conflict.position());
					ps.setString(7, cut(conflict.keyName(), 64));
					ps.setString(8, cut(conflict.keyMasked(), 200));
					ps.setString(9, cut(conflict.identityMasked(), 200));
					ps.setTimestamp(10, now);
				});
	}

	/** A run's conflicts in source order, at most {@code limit}. */
	public List<Conflict> list(String jobName, String runKey, int limit) {
		return this.jdbc.query("SELECT * FROM AS_SYNC_CONFLICT WHERE JOB_NAME = ? AND RUN_KEY = ? ORDER BY ID",
				(rs) -> {
					List<Conflict> conflicts = new java.util.ArrayList<>();
					while (rs.next() && conflicts.size() < limit) {
						conflicts.add(new Conflict(rs.getLong("JOB_EXECUTION_ID"), rs.getString("JOB_NAME"),
								rs.getString("RUN_KEY"), rs.getString("DESTINATION"), rs.getString("SOURCE"),
								rs.getLong("POSITION"), rs.getString("KEY_NAME"), rs.getString("KEY_MASKED"),
								rs.getString("IDENTITY_MASKED")));
					}
					return conflicts;
				}, jobName, runKey);
	}

	private static String cut(String text, int max) {
		return (text == null || text.length() <= max) ? text : text.substring(0, max);
	}

}
