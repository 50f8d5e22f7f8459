package com.audiencesync.state;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Rewrites what the job repository keeps sealed (rejected rows as read, mirrored keys)
 * under the current primary key, a page at a time, each page committed: run again after a
 * stop, it goes on, since what is under the primary already is left as it is.
 */
public class Resealing {

	/** Rows per page. */
	static final int PAGE = 500;

	private final JdbcTemplate jdbc;

	public Resealing(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	/** Seals a ciphertext again under the primary key, or null when it is under it. */
	@FunctionalInterface
	public interface Resealer {

		/** The new ciphertext, or null to leave it. */
		byte[] reseal(byte[] ciphertext, String context);

	}

	/**
	 * What a pass did.
	 *
	 * @param examined sealed values read
	 * @param resealed values written again under the primary key
	 */
	public record Count(long examined, long resealed) {
	}

	/** Rewrites the rejected rows' sealed rows. */
	public Count rejectedRows(Resealer resealer) {
		long after = 0;
		long examined = 0;
		long resealed = 0;
		while (true) {
			List<Object[]> updates = new ArrayList<>();
			long last = after;
			List<Map<String, Object>> page = this.jdbc.queryForList("SELECT s.REJECTED_ID, s.ROW_SEALED, "
					+ "r.JOB_NAME, r.RUN_KEY, r.SOURCE, r.POSITION FROM AS_REJECTED_SOURCE s JOIN AS_REJECTED_ROW r "
					+ "ON r.ID = s.REJECTED_ID WHERE s.REJECTED_ID > ? AND s.ROW_SEALED IS NOT NULL "
					+ "ORDER BY s.REJECTED_ID LIMIT " + PAGE, after);
			for (Map<String, Object> row : page) {
				last = ((Number) row.get("REJECTED_ID")).longValue();
				byte[] again = resealer.reseal((byte[]) row.get("ROW_SEALED"),
						RejectedRow.sealContext((String) row.get("JOB_NAME"), (String) row.get("RUN_KEY"),
								(String) row.get("SOURCE"), ((Number) row.get("POSITION")).longValue()));
				if (again != null) {
					updates.add(new Object[] { again, last });
				}
			}
			if (!updates.isEmpty()) {
				this.jdbc.batchUpdate("UPDATE AS_REJECTED_SOURCE SET ROW_SEALED = ? WHERE REJECTED_ID = ?", updates);
			}
			examined += page.size();
			resealed += updates.size();
			if (page.size() < PAGE) {
				return new Count(examined, resealed);
			}
			after = last;
		}
	}

	/**
	 * Rewrites the mirrored keys' sealed fields; those a repository made before 2026-12
	 * still holds in {@code AS_SYNC_STATE} are moved first, so none is left under the old
	 * key.
	 */
	public Count mirroredKeys(Resealer resealer) {
		new Targets(this.jdbc.getDataSource()).moveEarlierState();
		int target = 0;
		byte[] key = new byte[0];
		long examined = 0;
		long resealed = 0;
		while (true) {
			List<Map<String, Object>> page = this.jdbc.queryForList(
					"SELECT k.TARGET_ID, t.JOB_NAME, t.DESTINATION, k.KEY_HASH, k.KEY_SEALED FROM " + SyncState.TABLE
							+ " k JOIN AS_SYNC_TARGET t "
							+ "ON t.TARGET_ID = k.TARGET_ID WHERE k.KEY_SEALED IS NOT NULL AND (k.TARGET_ID > ? "
							+ "OR (k.TARGET_ID = ? AND k.KEY_HASH > ?)) ORDER BY k.TARGET_ID, k.KEY_HASH LIMIT " + PAGE,
					target, target, key);
			List<Object[]> updates = new ArrayList<>();
			for (Map<String, Object> row : page) {
				target = ((Number) row.get("TARGET_ID")).intValue();
				key = (byte[]) row.get("KEY_HASH");
				byte[] again = resealer.reseal((byte[]) row.get("KEY_SEALED"),
						SyncState.sealContext((String) row.get("JOB_NAME"), (String) row.get("DESTINATION")));
				if (again != null) {
					updates.add(new Object[] { again, target, key });
				}
			}
			if (!updates.isEmpty()) {
				this.jdbc.batchUpdate(
						"UPDATE " + SyncState.TABLE + " SET KEY_SEALED = ? WHERE TARGET_ID = ? AND KEY_HASH = ?",
						updates);
			}
			examined += page.size();
			resealed += updates.size();
			if (page.size() < PAGE) {
				return new Count(examined, resealed);
			}
		}
	}

}
