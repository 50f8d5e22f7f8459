package com.audiencesync.state;

import java.util.List;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * MySQL: a chunk's sync state written as statements of SQL literals rather than a batch
 * of bound parameters. MySQL's driver spends more time preparing such a batch than the
 * server spends storing it: it encodes every value twice (once to size the batch) and
 * scans every string for characters to escape.
 */
final class LiteralUpsert {

	/**
	 * The length of SQL at which rows are sent as a statement: each is below it and one
	 * row (the server's {@code max_allowed_packet} is 4 MB or more unless set lower).
	 */
	private static final int STATEMENT_BYTES = 512 * 1024;

	private LiteralUpsert() {
	}

	/**
	 * Upserts the entries of a target (a job's destination) into the sync state, marked
	 * seen by that run, in the order of {@link SyncState#COLUMNS}.
	 */
	static void save(JdbcTemplate jdbc, int target, List<SyncState.Entry> entries, String seenRun) {
		// the same for every row: made once
		String head = "(" + target + ", ";
		String tail = ", " + literal(seenRun) + ", CURRENT_TIMESTAMP(6))";
		String runKey = null;
		String runKeyLiteral = null;
		StringBuilder rows = new StringBuilder(Math.min(entries.size() * 300, STATEMENT_BYTES + 8192));
		int count = 0;
		for (SyncState.Entry entry : entries) {
			if (!entry.runKey().equals(runKey)) {
				runKey = entry.runKey();
				runKeyLiteral = literal(runKey);
			}
			if (!rows.isEmpty()) {
				rows.append(", ");
			}
			rows.append(head);
			Dialect.binary(rows, entry.keyHash().bytes()).append(", ");
			Dialect.binary(rows, entry.fingerprint().bytes()).append(", ");
			Dialect.binary(rows, (entry.identityHash() != null) ? entry.identityHash().bytes() : null).append(", ");
			Dialect.binary(rows, entry.keySealed()).append(", ");
			rows.append(runKeyLiteral).append(tail);
			count++;
			if (rows.length() >= STATEMENT_BYTES) {
				jdbc.execute(
						new Literals(Dialect.MYSQL.upsertValues(SyncState.TABLE, SyncState.COLUMNS, 2, rows), count));
				rows.setLength(0);
				count = 0;
			}
		}
		if (!rows.isEmpty()) {
			jdbc.execute(new Literals(Dialect.MYSQL.upsertValues(SyncState.TABLE, SyncState.COLUMNS, 2, rows), count));
		}
	}

	private static String literal(String value) {
		return Dialect.text(new StringBuilder(), value).toString();
	}

}
