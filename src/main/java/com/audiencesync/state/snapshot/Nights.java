package com.audiencesync.state.snapshot;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import com.audiencesync.state.BinaryWrites;
import com.audiencesync.state.Resealing;

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

	/** About how large a stored page of a snapshot is (one is read at a time). */
	static final int PAGE_BYTES = 1 << 20;

	/**
	 * About how large a stored page of a plan is: the merge reads one of every partition
	 * at once.
	 */
	static final int PLAN_PAGE_BYTES = 256 * 1024;

	private final JdbcTemplate jdbc;

	private final Snapshots snapshots;

	private final PlanPages pages;

	private final Fixes fixes;

	private final Path work;

	private final SnapshotResealing resealing;

	private final long sortMemory;

	/** Where partitions keep their line memos between nights, or null for none. */
	private final Path memos;

	/**
	 * @param jdbc the job repository
	 * @param transactions its transactions
	 * @param work a local folder for sort runs
	 * @param sortMemory bytes a sort holds before it writes a run
	 */
	public Nights(JdbcTemplate jdbc, TransactionTemplate transactions, Path work, long sortMemory) {
		this(jdbc, transactions, work, sortMemory, null);
	}

	/**
	 * @param jdbc the job repository
	 * @param transactions its transactions
	 * @param work a local folder for sort runs
	 * @param sortMemory bytes a sort holds before it writes a run
	 * @param memos a local folder kept between nights for the partitions' line memos, or
	 * null for none
	 */
	public Nights(JdbcTemplate jdbc, TransactionTemplate transactions, Path work, long sortMemory, Path memos) {
		this.jdbc = jdbc;
		this.memos = memos;
		// the repository's database asked once, for both kinds of pages
		BinaryWrites writes = new BinaryWrites(jdbc);
		this.snapshots = new Snapshots(jdbc, transactions, PAGE_BYTES, writes);
		this.pages = new PlanPages(jdbc, PLAN_PAGE_BYTES, writes);
		this.fixes = new Fixes(jdbc, this.snapshots);
		this.work = work;
		this.sortMemory = sortMemory;
		this.resealing = new SnapshotResealing(jdbc, transactions, this.snapshots, this.pages);
	}

	/**
	 * Seals again, under the primary key, the key fields mirrored targets keep in their
	 * snapshots and in nights' plans ({@code keys re-encrypt}).
	 * @param skipped told the {@code job/destination} of each target left for a later
	 * pass (its job has a running execution)
	 */
	public Resealing.Count reseal(Resealing.Resealer resealer, List<String> skipped) {
		return this.resealing.reseal(resealer, skipped);
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

	/** The plans' pages. */
	PlanPages planPages() {
		return this.pages;
	}

	/** Orders two entries by their keys (their first two longs, unsigned). */
	public static int compareKeys(long[] a, long[] b) {
		return Records.compare(a, b, 2);
	}

	/**
	 * A dry run's plan of one target: the night's records sorted locally and merged with
	 * its current generation, nothing stored.
	 * @param target the target's number, or a negative one for a target with no state
	 */
	public DryPlan dryPlan(int target) {
		return new DryPlan(this.snapshots, target, this.sortMemory, this.work);
	}

	/**
	 * A partition's plan of one target: its rows' records, sorted and stored at its end;
	 * a mirrored target's with their key fields, sealed.
	 */
	/**
	 * A partition's line memo, or null where nights keep none
	 * ({@code audience-sync.state.memo-dir}).
	 * @param name the memo's file name (no personal data: a keyed hash)
	 * @param function what makes the lines' records (16 bytes)
	 * @param destinations the destinations each line is planned for
	 */
	public LineMemo lineMemo(String name, byte[] function, int destinations) {
		return (this.memos != null) ? new LineMemo(this.memos.resolve(name + ".memo"), function, destinations,
				this.sortMemory / 4, this.work) : null;
	}

	public PartitionPlan partition(int target, String runKey, String part, boolean mirror) {
		return new PartitionPlan(this.pages, target, runKey, part, this.sortMemory, this.work, mirror);
	}

	/**
	 * The night's merge ({@link PlannedMerge}): the partitions' records with the current
	 * generation, into the planned generation and each partition's rows to send.
	 */
	public NightMerge.Counts merge(int target, String runKey, List<String> parts, boolean resync, boolean mirror,
			boolean placesMayMove, Long executionId) {
		return new PlannedMerge(this.snapshots, this.pages, this.sortMemory, this.work).merge(target, runKey, parts,
				resync, mirror, placesMayMove, executionId);
	}

	/** The part under which a night's deletions are stored: they are the target's. */
	static final String DELETIONS = "mirror";

	/**
	 * The keys a mirrored target's night deletes, in key order: the key hash's two longs,
	 * with the key fields sealed ({@link RecordCursor#sealed()}).
	 */
	public RecordCursor deletions(int target, String runKey) {
		return this.pages.read(target, runKey, PlanPages.DELETIONS, DELETIONS, 2);
	}

	/**
	 * A mirrored target's night: how many keys it deletes, and how many it cannot delete
	 * (no row has them tonight, and their key fields were never kept: sent before the
	 * destination mirrored).
	 */
	public long[] mirrorCounts(int target, String runKey) {
		long[] counts = new long[2];
		return this.pages.read(target, runKey, PlanPages.MIRROR_COUNTS, DELETIONS, 2).next(counts) ? counts
				: new long[2];
	}

	/**
	 * The current generation with a run's fixes, once no night of the target is running.
	 */
	private Snapshots.Generation afterNights(int target, String runKey, Snapshots.Generation current,
			Long executionId) {
		Optional<Long> earlier = this.snapshots.earlierNight(target, Long.MAX_VALUE, executionId);
		if (earlier.isPresent()) {
			throw new IllegalStateException("a night of this destination, execution " + earlier.get()
					+ ", is between its plan and its snapshot: what this run sent is recorded once that one ended; "
					+ "run this again then (it sends nothing more)");
		}
		return this.fixes.apply(target, runKey, current, executionId);
	}

	/** A cursor of one record. */
	static RecordCursor one(long... values) {
		boolean[] given = { false };
		return (into) -> {
			if (given[0]) {
				return false;
			}
			given[0] = true;
			System.arraycopy(values, 0, into, 0, values.length);
			return true;
		};
	}

	/**
	 * Keys whose deletion the vendor refused: they keep the entries they had (in the
	 * deleting chunk's transaction).
	 */
	public void notDeleted(int target, String runKey, List<byte[]> keys) {
		this.fixes.notDeleted(target, runKey, keys);
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
			RecordCursor sends = sends(target, runKey, part);
			long[] send = new long[PlanPages.KEYED_SEND_WIDTH];
			lists.add((into) -> {
				if (!sends.next(send)) {
					return false;
				}
				into[0] = send[0];
				return true;
			});
			lists.add(this.pages.read(target, runKey, PlanPages.ALWAYS, part, 1));
		}
		RecordCursor merged = new MergedCursors(lists, 1);
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
			this.pages.write(target, runKey, PlanPages.DROPPED, part, one(dropped), 1);
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
		return this.pages.stored(target, runKey, PlanPages.SENDS, part) || keyedSends(target, runKey, part);
	}

	/**
	 * Whether a partition's rows to send carry their key hashes: its places can hold
	 * other rows at delivery (a table).
	 */
	public boolean keyedSends(int target, String runKey, String part) {
		return this.pages.stored(target, runKey, PlanPages.KEYED_SENDS, part);
	}

	/**
	 * The rows a partition sends, in the order of their places:
	 * {@link PlanPages#KEYED_SEND_WIDTH} longs, the place, the planned fingerprint's two
	 * longs and, where {@link #keyedSends}, the key hash's two.
	 */
	public RecordCursor sends(int target, String runKey, String part) {
		if (keyedSends(target, runKey, part)) {
			return this.pages.read(target, runKey, PlanPages.KEYED_SENDS, part, PlanPages.KEYED_SEND_WIDTH);
		}
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
		this.fixes.refused(target, runKey, keys);
	}

	/**
	 * A key whose row was sent with another payload than planned (a table row that
	 * changed between plan and delivery): the snapshot records what was sent.
	 */
	public void sentOtherwise(int target, String runKey, byte[] key, byte[] fingerprint, long identity) {
		this.fixes.sentOtherwise(target, runKey, key, fingerprint, identity);
	}

	/**
	 * A run that will never complete (abandoned): the plans, planned generations and
	 * fixes it left for the job's targets are deleted; the targets' current generations
	 * stay as they are.
	 * @return targets whose run left something
	 */
	public int abandoned(String job, String runKey) {
		int left = 0;
		for (Integer target : this.jdbc.queryForList("SELECT TARGET_ID FROM AS_SYNC_TARGET WHERE JOB_NAME = ?",
				Integer.class, job)) {
			boolean planned = this.snapshots.planned(target, runKey).isPresent() || !this.fixes.none(target, runKey);
			this.snapshots.deletePlanned(target, runKey);
			this.fixes.delete(target, runKey);
			left += (this.pages.deleteRun(target, runKey) > 0 || planned) ? 1 : 0;
		}
		return left;
	}

	/**
	 * The run completed: what delivery did otherwise is applied to the planned
	 * generation, which becomes current; the one before it and the run's plan are
	 * deleted. Does nothing more when an earlier attempt got that far.
	 */
	public void complete(int target, String runKey, Long executionId) {
		Snapshots.Generation planned = this.snapshots.planned(target, runKey).orElse(null);
		if (planned != null) {
			Snapshots.Generation result = this.fixes.none(target, runKey) ? planned
					: this.fixes.apply(target, runKey, planned, executionId);
			this.snapshots.makeCurrent(result);
		}
		else if (!this.fixes.none(target, runKey)) {
			// a run that planned nothing (an operator's replay): what the vendor took
			// goes
			// into the current generation, unless a night is between its plan and its
			// snapshot (its switch would hide it)
			this.snapshots.current(target)
				.ifPresent((current) -> this.snapshots.makeCurrent(afterNights(target, runKey, current, executionId)));
		}
		this.snapshots.deleteRetired(target);
		this.snapshots.deletePlanned(target, runKey);
		this.fixes.delete(target, runKey);
		this.pages.deleteRun(target, runKey);
	}

}
