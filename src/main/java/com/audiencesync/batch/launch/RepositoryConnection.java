package com.audiencesync.batch.launch;

import java.net.ConnectException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.Set;

import org.springframework.jdbc.CannotGetJdbcConnectionException;

/**
 * Whether a failure is the job repository's database out of reach (refused, dropped,
 * timed out), as opposed to something a run did: the one thing a run cannot record about
 * itself.
 */
public final class RepositoryConnection {

	/** SQLSTATE class 08: connection exceptions. */
	private static final Set<String> CONNECTION_STATES = Set.of("08000", "08001", "08003", "08004", "08006", "08007",
			"08S01");

	private RepositoryConnection() {
	}

	/** Whether the database could not be reached, or the connection to it was lost. */
	public static boolean lost(Throwable ex) {
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			if (cause instanceof CannotGetJdbcConnectionException || cause instanceof ConnectException
					|| cause instanceof SQLTransientConnectionException) {
				return true;
			}
			if (cause instanceof SQLException sql && sql.getSQLState() != null
					&& CONNECTION_STATES.contains(sql.getSQLState())) {
				return true;
			}
		}
		return false;
	}

	/** The deepest message among the causes, its first line. */
	public static String reason(Throwable ex) {
		String reason = ex.getClass().getSimpleName();
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			if (cause.getMessage() != null && !cause.getMessage().isBlank()) {
				reason = cause.getMessage().lines().findFirst().orElse("").strip();
			}
		}
		return reason;
	}

}
