package com.audiencesync.state.snapshot;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A night of one target through its sorted snapshot (docs/design/snapshots.md): each
 * partition's rows planned and stored ({@link #partition}), one merge of them with the
 * current generation that decides every key and writes the planned one ({@link #merge}),
 * the rows each partition sends ({@link #sends}), what delivery did otherwise
 * ({@link #refused}, {@link #sentOtherwise}), and the switch that makes the result
 * current ({@link #complete}).
 */
public final class Nights {

	/** About how large a stored page is. */
	static final int PAGE_BYTES = 1 << 20;

	private final JdbcTemplate jdbc;

	private final Snapshots snapshots;

	private final PlanPages pages;

	private final Path work;

	private final long sortMemory;

	/**
	 * @param jdbc the job repository
	 * @param transactions its transactions
	 * @param work a local folder for sort runs
	 * @param sortMemory bytes a sort holds before it writes a run
	 */
	public Nights(JdbcTemplate jdbc, TransactionTemplate transactions, Path work, long sortMemory) {
		this.jdbc = jdbc;
		this.snapshots = new Snapshots(jdbc, transactions, PAGE_BYTES);
		this.pages = new PlanPages(jdbc, PAGE_BYTES);
		this.work = work;
		this.sortMemory = sortMemory;
	}

	/**
	 * A snapshot entry of a key's hash (16 bytes), its payload's fingerprint (16 bytes)
	 * and its identity's hash (at least 8 bytes, or null).
	 */
	public static long[] entry(byte[] key, byte[] fingerprint, byte[] identity) {
		ByteBuffer keyBytes = ByteBuffer.wrap(key);
		ByteBuffer print = ByteBuffer.wrap(fingerprint);
		return new long[] { keyBytes.getLong(), keyBytes.getLong(), print.getLong(), print.getLong(),
				(identity != null) ? ByteBuffer.wrap(identity).getLong() : 0 };
	}

	public Snapshots snapshots() {
		return this.snapshots;
	}

	/**
	 * A dry run's plan of one target: the night's records sorted locally and merged with
	 * its current generation, nothing stored.
	 * @param target the target's number, or a negative one for a target with no state
	 */
	public DryPlan dryPlan(int target) {
		return new DryPlan(target);
	}

	/**
	 * A partition's plan of one target: its rows' records, sorted and stored at its end.
	 */
	public PartitionPlan partition(int target, String runKey, String part) {
		return new PartitionPlan(target, runKey, part);
	}

	/**
	 * The night's merge: the partitions' records (numbered in the order given) with the
	 * current generation. Writes the planned generation and each partition's rows to send
	 * and rows of keys with two identities; replaces what an earlier attempt wrote.
	 * @param parts the partitions' names, in the order that decides which row of a key is
	 * kept (the last)
	 * @param resync whether every kept row is sent, changed or not
	 */
	public NightMerge.Counts merge(int target, String runKey, List<String> parts, boolean resync, Long executionId) {
		this.snapshots.deletePlanned(target, runKey);
		List<RecordCursor> night = new ArrayList<>();
		for (int i = 0; i < parts.size(); i++) {
			night.add(numbered(this.pages.read(target, runKey, PlanPages.RECORDS, parts.get(i), NightMerge.WIDTH), i));
		}
		Snapshots.Writer writer = this.snapshots.writer(target, executionId, false, runKey);
		NightMerge.Counts counts;
		try (ExternalSort sends = new ExternalSort(PlanPages.SEND_WIDTH, this.sortMemory, this.work);
				ExternalSort conflicts = new ExternalSort(1, this.sortMemory / 8, this.work);
				RecordCursor merged = new ExternalSort.Merge(night, NightMerge.WIDTH);
				EntryCursor current = this.snapshots.current(target).map(this.snapshots::read).orElse(null)) {
			long[] send = new long[PlanPages.SEND_WIDTH];
			long[] one = new long[1];
			counts = NightMerge.merge(merged, current, resync, new NightMerge.Sink() {
				@Override
				public void send(long origin, long fingerprint0, long fingerprint1, boolean created) {
					send[0] = origin;
					send[1] = fingerprint0;
					send[2] = fingerprint1;
					sends.add(send);
				}

				@Override
				public void conflict(long[] origins, int count) {
					// the row kept is the one reported, as the vendor keeps it
					one[0] = origins[count - 1];
					conflicts.add(one);
				}

				@Override
				public void entry(long[] entry, byte[] sealed) {
					writer.add(entry, sealed);
				}
			});
			writer.finish();
			byPartition(target, runKey, parts, PlanPages.SENDS, sends.sorted(), PlanPages.SEND_WIDTH);
			byPartition(target, runKey, parts, PlanPages.CONFLICTS, conflicts.sorted(), 1);
		}
		return counts;
	}

	/**
	 * Sorted records by origin, stored per partition with their places only; every
	 * partition stores its first page, none maybe.
	 */
	private void byPartition(int target, String runKey, List<String> parts, char kind, RecordCursor sorted, int width) {
		long[] held = new long[width];
		boolean[] more = { sorted.next(held) };
		for (int i = 0; i < parts.size(); i++) {
			int partition = i;
			// this partition's records, their origins made places again
			RecordCursor ofPartition = (into) -> {
				if (!more[0] || NightMerge.partition(held[0]) != partition) {
					return false;
				}
				System.arraycopy(held, 0, into, 0, width);
				into[0] = NightMerge.position(held[0]);
				more[0] = sorted.next(held);
				return true;
			};
			this.pages.write(target, runKey, kind, parts.get(partition), ofPartition, width);
		}
	}

	/** A partition's stored records, their origins given its number. */
	private static RecordCursor numbered(RecordCursor records, int partition) {
		long base = NightMerge.origin(partition, 0);
		return (into) -> {
			if (!records.next(into)) {
				return false;
			}
			into[NightMerge.ORIGIN] = base | into[NightMerge.ORIGIN];
			return true;
		};
	}

	/**
	 * Which of these keys (16-byte hashes) the run's planned generation holds: keys
	 * tonight's rows decide (or the vendor already holds).
	 */
	public boolean[] plannedHolds(int target, String runKey, List<byte[]> keys) {
		return this.snapshots.planned(target, runKey)
			.map((generation) -> this.snapshots.holds(generation, keys))
			.orElseGet(() -> new boolean[keys.size()]);
	}

	/**
	 * The places of the rows a partition's delivery reads when every destination is
	 * planned: those one of them sends, and those each must see (rejected, keyless,
	 * skipped), in order, each once.
	 */
	public RecordCursor deliverable(List<Integer> targets, String runKey, String part) {
		List<RecordCursor> lists = new ArrayList<>();
		for (int target : targets) {
			RecordCursor sends = this.pages.read(target, runKey, PlanPages.SENDS, part, PlanPages.SEND_WIDTH);
			long[] send = new long[PlanPages.SEND_WIDTH];
			lists.add((into) -> {
				if (!sends.next(send)) {
					return false;
				}
				into[0] = send[0];
				return true;
			});
			lists.add(this.pages.read(target, runKey, PlanPages.ALWAYS, part, 1));
		}
		RecordCursor merged = new ExternalSort.Merge(lists, 1);
		long[] last = { -1 };
		return (into) -> {
			while (merged.next(into)) {
				if (into[0] != last[0]) {
					last[0] = into[0];
					return true;
				}
			}
			return false;
		};
	}

	/**
	 * Makes a partition's delivery read only its deliverable rows: stores, for each
	 * target, how many of the partition's rows its reader drops.
	 * @param rows the rows its plan read
	 */
	public void deliverOnlyPlanned(List<Integer> targets, String runKey, String part, long rows) {
		long deliverable = 0;
		RecordCursor places = deliverable(targets, runKey, part);
		long[] place = new long[1];
		while (places.next(place)) {
			deliverable++;
		}
		long dropped = rows - deliverable;
		for (int target : targets) {
			long[] one = { dropped };
			boolean[] given = { false };
			this.pages.write(target, runKey, PlanPages.DROPPED, part, (into) -> {
				if (given[0]) {
					return false;
				}
				given[0] = true;
				into[0] = one[0];
				return true;
			}, 1);
		}
	}

	/**
	 * How many rows a partition's reader drops (those its plan neither sends nor needs
	 * seen), when it reads only its planned rows; -1 when it reads them all.
	 */
	public long dropped(int target, String runKey, String part) {
		long[] dropped = new long[1];
		return this.pages.read(target, runKey, PlanPages.DROPPED, part, 1).next(dropped) ? dropped[0] : -1;
	}

	/**
	 * Whether a partition was planned and merged: its rows to send were stored (none,
	 * maybe).
	 */
	public boolean planned(int target, String runKey, String part) {
		return this.pages.stored(target, runKey, PlanPages.SENDS, part);
	}

	/**
	 * The rows a partition sends, in the order of their places: place, and the planned
	 * fingerprint's two longs.
	 */
	public RecordCursor sends(int target, String runKey, String part) {
		return this.pages.read(target, runKey, PlanPages.SENDS, part, PlanPages.SEND_WIDTH);
	}

	/** The places of a partition's rows whose keys carry two identities, in order. */
	public RecordCursor conflicts(int target, String runKey, String part) {
		return this.pages.read(target, runKey, PlanPages.CONFLICTS, part, 1);
	}

	/**
	 * Keys whose rows the vendor refused: they keep the entries they had (in the
	 * delivering chunk's transaction).
	 */
	public void refused(int target, String runKey, List<byte[]> keys) {
		this.jdbc.batchUpdate("DELETE FROM AS_SNAPSHOT_FIX WHERE TARGET_ID = ? AND RUN_KEY = ? AND KEY_HASH = ?", keys,
				keys.size(), (ps, key) -> {
					ps.setInt(1, target);
					ps.setString(2, runKey);
					ps.setBytes(3, key);
				});
		this.jdbc.batchUpdate("INSERT INTO AS_SNAPSHOT_FIX (TARGET_ID, RUN_KEY, KEY_HASH, KIND) VALUES (?, ?, ?, 'R')",
				keys, keys.size(), (ps, key) -> {
					ps.setInt(1, target);
					ps.setString(2, runKey);
					ps.setBytes(3, key);
				});
	}

	/**
	 * A key whose row was sent with another payload than planned (a table row that
	 * changed between plan and delivery): the snapshot records what was sent.
	 */
	public void sentOtherwise(int target, String runKey, byte[] key, byte[] fingerprint, long identity) {
		this.jdbc.update("DELETE FROM AS_SNAPSHOT_FIX WHERE TARGET_ID = ? AND RUN_KEY = ? AND KEY_HASH = ?", target,
				runKey, key);
		this.jdbc.update("INSERT INTO AS_SNAPSHOT_FIX (TARGET_ID, RUN_KEY, KEY_HASH, KIND, FINGERPRINT, IDENTITY_HASH) "
				+ "VALUES (?, ?, ?, 'S', ?, ?)", target, runKey, key, fingerprint, identity);
	}

	/**
	 * The run completed: what delivery did otherwise is applied to the planned
	 * generation, which becomes current; the one before it and the run's plan are
	 * deleted. Does nothing more when an earlier attempt got that far.
	 */
	public void complete(int target, String runKey, Long executionId) {
		Snapshots.Generation planned = this.snapshots.planned(target, runKey).orElse(null);
		if (planned != null) {
			Long fixes = this.jdbc.queryForObject(
					"SELECT COUNT(*) FROM AS_SNAPSHOT_FIX WHERE TARGET_ID = ? AND RUN_KEY = ?", Long.class, target,
					runKey);
			Snapshots.Generation result = (fixes == null || fixes == 0) ? planned
					: fixed(target, runKey, planned, executionId);
			this.snapshots.makeCurrent(result);
		}
		this.snapshots.deleteRetired(target);
		this.snapshots.deletePlanned(target, runKey);
		this.jdbc.update("DELETE FROM AS_SNAPSHOT_FIX WHERE TARGET_ID = ? AND RUN_KEY = ?", target, runKey);
		this.pages.deleteRun(target, runKey);
	}

	/**
	 * The planned generation with the fixes applied, written as a generation of its own:
	 * a refused key takes its entry from the current generation (or none), a key sent
	 * otherwise the payload sent.
	 */
	private Snapshots.Generation fixed(int target, String runKey, Snapshots.Generation planned, Long executionId) {
		List<long[]> fixes = this.jdbc
			.query("SELECT KEY_HASH, KIND, FINGERPRINT, IDENTITY_HASH FROM AS_SNAPSHOT_FIX WHERE TARGET_ID = ? AND "
					+ "RUN_KEY = ? ORDER BY KEY_HASH", (rs, row) -> {
						ByteBuffer key = ByteBuffer.wrap(rs.getBytes(1));
						byte[] fingerprint = rs.getBytes(3);
						ByteBuffer print = (fingerprint != null) ? ByteBuffer.wrap(fingerprint) : null;
						boolean refused = "R".equals(rs.getString(2));
						return new long[] { key.getLong(), key.getLong(), refused ? 1 : 0,
								(print != null) ? print.getLong() : 0, (print != null) ? print.getLong() : 0,
								rs.getLong(4) };
					}, target, runKey);
		Snapshots.Writer writer = this.snapshots.writer(target, executionId, planned.sealed(), null);
		try (Snapshots.Cursor plannedEntries = this.snapshots.read(planned);
				EntryCursor current = this.snapshots.current(target).map(this.snapshots::read).orElse(null)) {
			long[] entry = new long[Snapshots.WIDTH];
			long[] old = new long[Snapshots.WIDTH];
			boolean oldHeld = current != null && current.next(old);
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
					// a key the plan does not hold: a replayed row the vendor took is
					// added; a
					// refused key that was new stays absent
					if (change[2] == 0) {
						writer.add(new long[] { change[0], change[1], change[3], change[4], change[5] }, null);
					}
					continue;
				}
				while (oldHeld && Records.compare(old, entry, 2) < 0) {
					oldHeld = current.next(old);
				}
				if (change[2] == 1) {
					// refused: the entry of before, or none for a key that was new
					if (oldHeld && Records.compare(old, entry, 2) == 0) {
						writer.add(old, current.sealed());
					}
				}
				else {
					entry[2] = change[3];
					entry[3] = change[4];
					entry[4] = change[5];
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

	/**
	 * One partition's plan of one target: records gather in a bounded sort as its rows
	 * are read, and are stored sorted at its end.
	 */
	public final class PartitionPlan implements AutoCloseable {

		private final int target;

		private final String runKey;

		private final String part;

		private final ExternalSort sort;

		private final long[] record = new long[NightMerge.WIDTH];

		private final ExternalSort always;

		private final long[] place = new long[1];

		PartitionPlan(int target, String runKey, String part) {
			this.target = target;
			this.runKey = runKey;
			this.part = part;
			this.sort = new ExternalSort(NightMerge.WIDTH, Nights.this.sortMemory, Nights.this.work);
			this.always = new ExternalSort(1, Nights.this.sortMemory / 8, Nights.this.work);
		}

		/**
		 * A row its delivery must see whatever the plan sends: rejected in mapping,
		 * without a key, or skipped.
		 */
		public void always(long position) {
			this.place[0] = position;
			this.always.add(this.place);
		}

		/**
		 * A row: its key's hash (16 bytes), its place, its payload's fingerprint (16
		 * bytes, or null for a row rejected in mapping), its identity's hash (at least 8
		 * bytes, or null).
		 */
		public void add(byte[] key, long position, byte[] fingerprint, byte[] identity) {
			ByteBuffer keyBytes = ByteBuffer.wrap(key);
			this.record[NightMerge.KEY_0] = keyBytes.getLong();
			this.record[NightMerge.KEY_1] = keyBytes.getLong();
			this.record[NightMerge.ORIGIN] = NightMerge.origin(0, position);
			if (fingerprint != null) {
				ByteBuffer print = ByteBuffer.wrap(fingerprint);
				this.record[NightMerge.FINGERPRINT_0] = print.getLong();
				this.record[NightMerge.FINGERPRINT_1] = print.getLong();
				if (this.record[NightMerge.FINGERPRINT_0] == 0 && this.record[NightMerge.FINGERPRINT_1] == 0) {
					// a zero fingerprint means a row rejected in mapping
					this.record[NightMerge.FINGERPRINT_1] = 1;
				}
			}
			else {
				this.record[NightMerge.FINGERPRINT_0] = 0;
				this.record[NightMerge.FINGERPRINT_1] = 0;
			}
			this.record[NightMerge.IDENTITY] = (identity != null) ? ByteBuffer.wrap(identity).getLong() : 0;
			this.sort.add(this.record);
		}

		/** Rows planned. */
		public long count() {
			return this.sort.count();
		}

		/** Stores the partition's records, sorted, replacing an earlier attempt's. */
		public void store() {
			try (RecordCursor sorted = this.sort.sorted()) {
				Nights.this.pages.write(this.target, this.runKey, PlanPages.RECORDS, this.part, sorted,
						NightMerge.WIDTH);
			}
			try (RecordCursor sorted = this.always.sorted()) {
				Nights.this.pages.write(this.target, this.runKey, PlanPages.ALWAYS, this.part, sorted, 1);
			}
		}

		@Override
		public void close() {
			this.sort.close();
			this.always.close();
		}

	}

	/** What a night would decide, computed as a planned night does, writing nothing. */
	public final class DryPlan implements AutoCloseable {

		private final int target;

		private final ExternalSort sort;

		private final long[] record = new long[NightMerge.WIDTH];

		DryPlan(int target) {
			this.target = target;
			this.sort = new ExternalSort(NightMerge.WIDTH, Nights.this.sortMemory, Nights.this.work);
		}

		/**
		 * A row of a partition (numbered in the order of the partitions' names): as
		 * {@link PartitionPlan#add}.
		 */
		public void add(int partition, byte[] key, long position, byte[] fingerprint, byte[] identity) {
			ByteBuffer keyBytes = ByteBuffer.wrap(key);
			this.record[NightMerge.KEY_0] = keyBytes.getLong();
			this.record[NightMerge.KEY_1] = keyBytes.getLong();
			this.record[NightMerge.ORIGIN] = NightMerge.origin(partition, position);
			if (fingerprint != null) {
				ByteBuffer print = ByteBuffer.wrap(fingerprint);
				this.record[NightMerge.FINGERPRINT_0] = print.getLong();
				this.record[NightMerge.FINGERPRINT_1] = print.getLong();
				if (this.record[NightMerge.FINGERPRINT_0] == 0 && this.record[NightMerge.FINGERPRINT_1] == 0) {
					this.record[NightMerge.FINGERPRINT_1] = 1;
				}
			}
			else {
				this.record[NightMerge.FINGERPRINT_0] = 0;
				this.record[NightMerge.FINGERPRINT_1] = 0;
			}
			this.record[NightMerge.IDENTITY] = (identity != null) ? ByteBuffer.wrap(identity).getLong() : 0;
			this.sort.add(this.record);
		}

		/**
		 * The night merged with the current generation.
		 * @param resync whether every kept row would be sent
		 * @param sent told each row that would be sent: its origin, and whether its key
		 * is new
		 */
		public NightMerge.Counts merge(boolean resync, BiConsumer<Long, Boolean> sent) {
			try (RecordCursor night = this.sort.sorted();
					EntryCursor current = (this.target < 0) ? null
							: Nights.this.snapshots.current(this.target)
								.map(Nights.this.snapshots::read)
								.orElse(null)) {
				return NightMerge.merge(night, current, resync, new NightMerge.Sink() {
					@Override
					public void send(long origin, long fingerprint0, long fingerprint1, boolean created) {
						sent.accept(origin, created);
					}

					@Override
					public void entry(long[] entry, byte[] sealed) {
					}
				});
			}
		}

		@Override
		public void close() {
			this.sort.close();
		}

	}

}
