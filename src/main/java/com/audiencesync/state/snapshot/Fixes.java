package com.audiencesync.state.snapshot;

import java.nio.ByteBuffer;
import java.util.List;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * What a planned night's delivery did otherwise than planned ({@code AS_SNAPSHOT_FIX}),
 * per key: written in the delivering chunk's transaction, applied to the planned
 * generation when the night completes.
 */
final class Fixes {

	private final JdbcTemplate jdbc;

	private final Snapshots snapshots;

	Fixes(JdbcTemplate jdbc, Snapshots snapshots) {
		this.jdbc = jdbc;
		this.snapshots = snapshots;
	}

	/**
	 * Keys whose rows the vendor refused: they keep the entries they had (in the
	 * delivering chunk's transaction).
	 */
	void refused(int target, String runKey, List<byte[]> keys) {
		record(target, runKey, keys, REFUSED);
	}

	/**
	 * Keys a mirror was to delete whose deletion the vendor refused: they keep the
	 * entries they had, and are deleted again on the next night the source lacks them.
	 */
	void notDeleted(int target, String runKey, List<byte[]> keys) {
		record(target, runKey, keys, NOT_DELETED);
	}

	private void record(int target, String runKey, List<byte[]> keys, String kind) {
		this.jdbc.batchUpdate("DELETE FROM AS_SNAPSHOT_FIX WHERE TARGET_ID = ? AND RUN_KEY = ? AND KEY_HASH = ?", keys,
				keys.size(), (ps, key) -> {
					ps.setInt(1, target);
					ps.setString(2, runKey);
					ps.setBytes(3, key);
				});
		this.jdbc.batchUpdate("INSERT INTO AS_SNAPSHOT_FIX (TARGET_ID, RUN_KEY, KEY_HASH, KIND) VALUES (?, ?, ?, ?)",
				keys, keys.size(), (ps, key) -> {
					ps.setInt(1, target);
					ps.setString(2, runKey);
					ps.setBytes(3, key);
					ps.setString(4, kind);
				});
	}

	/** A fix's kind: the vendor refused the key's row. */
	private static final String REFUSED = "R";

	/** A fix's kind: the key's row was sent with another payload than planned. */
	private static final String SENT = "S";

	/** A fix's kind: the vendor refused the key's deletion. */
	private static final String NOT_DELETED = "K";

	/**
	 * A key whose row was sent with another payload than planned (a table row that
	 * changed between plan and delivery): the snapshot records what was sent.
	 */
	void sentOtherwise(int target, String runKey, byte[] key, byte[] fingerprint, long identity) {
		this.jdbc.update("DELETE FROM AS_SNAPSHOT_FIX WHERE TARGET_ID = ? AND RUN_KEY = ? AND KEY_HASH = ?", target,
				runKey, key);
		this.jdbc.update("INSERT INTO AS_SNAPSHOT_FIX (TARGET_ID, RUN_KEY, KEY_HASH, KIND, FINGERPRINT, IDENTITY_HASH) "
				+ "VALUES (?, ?, ?, ?, ?, ?)", target, runKey, key, SENT, fingerprint, identity);
	}

	/** Whether the run's delivery went as planned. */
	boolean none(int target, String runKey) {
		Long fixes = this.jdbc.queryForObject(
				"SELECT COUNT(*) FROM AS_SNAPSHOT_FIX WHERE TARGET_ID = ? AND RUN_KEY = ?", Long.class, target, runKey);
		return fixes == null || fixes == 0;
	}

	/** Forgets a completed run's fixes. */
	void delete(int target, String runKey) {
		this.jdbc.update("DELETE FROM AS_SNAPSHOT_FIX WHERE TARGET_ID = ? AND RUN_KEY = ?", target, runKey);
	}

	/**
	 * The planned generation with the fixes applied, written as a generation of its own:
	 * a refused key takes its entry from the current generation (or none), a key sent
	 * otherwise the payload sent, a key whose deletion was refused its entry from the
	 * current generation.
	 */
	Snapshots.Generation apply(int target, String runKey, Snapshots.Generation planned, Long executionId) {
		List<long[]> fixes = this.jdbc
			.query("SELECT KEY_HASH, KIND, FINGERPRINT, IDENTITY_HASH FROM AS_SNAPSHOT_FIX WHERE TARGET_ID = ? AND "
					+ "RUN_KEY = ? ORDER BY KEY_HASH", (rs, row) -> {
						ByteBuffer key = ByteBuffer.wrap(rs.getBytes(1));
						byte[] fingerprint = rs.getBytes(3);
						ByteBuffer print = (fingerprint != null) ? ByteBuffer.wrap(fingerprint) : null;
						long kind = switch (rs.getString(2)) {
							case REFUSED -> 1;
							case NOT_DELETED -> 2;
							default -> 0;
						};
						return new long[] { key.getLong(), key.getLong(), kind, (print != null) ? print.getLong() : 0,
								(print != null) ? print.getLong() : 0, rs.getLong(4) };
					}, target, runKey);
		GenerationWriter writer = this.snapshots.writer(target, executionId, planned.sealed(), null);
		try (GenerationCursor plannedEntries = this.snapshots.read(planned);
				Before before = new Before(this.snapshots.current(target).map(this.snapshots::read).orElse(null))) {
			long[] entry = new long[Snapshots.WIDTH];
			boolean entryHeld = plannedEntries.next(entry);
			int next = 0;
			while (entryHeld || next < fixes.size()) {
				int order = !entryHeld ? 1 : (next >= fixes.size()) ? -1 : Records.compare(entry, fixes.get(next), 2);
				if (order < 0) {
					writer.add(entry, plannedEntries.sealed());
					entryHeld = plannedEntries.next(entry);
					continue;
				}
				long[] change = fixes.get(next++);
				if (order > 0) {
					// a key the plan does not hold: a deletion the vendor refused keeps
					// the
					// entry of before; a replayed row the vendor took is added; a refused
					// key that was new stays absent
					if (change[2] == 2) {
						if (before.at(change)) {
							writer.add(before.entry(), before.sealed());
						}
					}
					else if (change[2] == 0) {
						writer.add(new long[] { change[0], change[1], change[3], change[4], change[5] }, null);
					}
					continue;
				}
				if (change[2] == 1) {
					// refused: the entry of before, or none for a key that was new
					if (before.at(entry)) {
						writer.add(before.entry(), before.sealed());
					}
				}
				else {
					if (change[2] == 0) {
						entry[2] = change[3];
						entry[3] = change[4];
						entry[4] = change[5];
					}
					writer.add(entry, plannedEntries.sealed());
				}
				entryHeld = plannedEntries.next(entry);
			}
		}
		Snapshots.Generation result = writer.finish();
		this.jdbc.update("UPDATE AS_SNAPSHOT SET RUN_KEY = ? WHERE TARGET_ID = ? AND GENERATION = ?", runKey, target,
				result.generation());
		return result;
	}

	/** The current generation's entries, read up to the keys asked for, in key order. */
	private static final class Before implements AutoCloseable {

		private final EntryCursor current;

		private final long[] entry = new long[Snapshots.WIDTH];

		private boolean held;

		Before(EntryCursor current) {
			this.current = current;
			this.held = current != null && current.next(this.entry);
		}

		/** Whether it holds this key (the first two longs); keys asked for must rise. */
		boolean at(long[] key) {
			while (this.held && Records.compare(this.entry, key, 2) < 0) {
				this.held = this.current.next(this.entry);
			}
			return this.held && Records.compare(this.entry, key, 2) == 0;
		}

		long[] entry() {
			return this.entry;
		}

		byte[] sealed() {
			return this.current.sealed();
		}

		@Override
		public void close() {
			if (this.current != null) {
				this.current.close();
			}
		}

	}

}
