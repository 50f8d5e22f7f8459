package com.audiencesync.state;

import java.sql.Timestamp;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The AS_HEARTBEAT table: while an execution runs, its process writes the database's own
 * time into its row on a timer, so any process can tell a live execution from one whose
 * process was killed (the row stays, and ages). Times are the database's, never a pod's
 * clock.
 */
public class Heartbeats {

	private final JdbcTemplate jdbc;

	public Heartbeats(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * A heartbeat as last written.
	 *
	 * @param owner the process that writes it ({@code host:pid})
	 * @param age how long ago, by the database's clock
	 */
	public record Beat(String owner, Duration age) {
	}

	/** The execution started in this process. */
	public void start(long executionId, String owner) {
		this.jdbc.update("DELETE FROM AS_HEARTBEAT WHERE JOB_EXECUTION_ID = ?", executionId);
		this.jdbc.update("INSERT INTO AS_HEARTBEAT (JOB_EXECUTION_ID, OWNER, STARTED_AT, BEAT_AT) "
				+ "VALUES (?, ?, CURRENT_TIMESTAMP(3), CURRENT_TIMESTAMP(3))", executionId, owner);
	}

	/** The execution is still running. */
	public void beat(long executionId) {
		this.jdbc.update("UPDATE AS_HEARTBEAT SET BEAT_AT = CURRENT_TIMESTAMP(3) WHERE JOB_EXECUTION_ID = ?",
				executionId);
	}

	/** The execution ended (or was recovered): nothing beats for it any more. */
	public void end(long executionId) {
		this.jdbc.update("DELETE FROM AS_HEARTBEAT WHERE JOB_EXECUTION_ID = ?", executionId);
	}

	/** The execution's last heartbeat, or empty when it has none. */
	public Optional<Beat> last(long executionId) {
		List<Beat> beats = this.jdbc.query(
				"SELECT OWNER, BEAT_AT, CURRENT_TIMESTAMP(3) FROM AS_HEARTBEAT WHERE JOB_EXECUTION_ID = ?",
				(rs, row) -> new Beat(rs.getString(1), between(rs.getTimestamp(2), rs.getTimestamp(3))), executionId);
		return beats.stream().findFirst();
	}

	private static Duration between(Timestamp from, Timestamp to) {
		return Duration.between(from.toInstant(), to.toInstant());
	}

}
