package com.audiencesync.names;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * Every name that is stored in the job repository and read back by a restart: job
 * parameters and their values, step, reader and writer names, partition names and the
 * execution-context keys of sources, readers and writers. Renaming one breaks the restart
 * of runs already in the repository, so they live here and nowhere else
 * ({@code NamesTests} pins their spellings).
 */
public final class Names {

	/** Identifying job parameter: the business date, ISO {@code yyyy-MM-dd}. */
	public static final String RUN_DATE = "runDate";

	/**
	 * Identifying job parameter of backfills: {@link #BACKFILL} or
	 * {@link #BACKFILL_WINDOW}.
	 */
	public static final String RUN = "run";

	/** Value of {@link #RUN} for one day of a backfill; also the run-key prefix. */
	public static final String BACKFILL = "backfill";

	/**
	 * Value of {@link #RUN} for an operator's replay of a run's refused rows; also the
	 * run-key prefix.
	 */
	public static final String REPLAY = "replay";

	/** Identifying job parameter of a replay: the run key whose refusals it sends. */
	public static final String REPLAY_OF = "of";

	/** Identifying job parameter of a replay: when it was asked for (each is new). */
	public static final String REPLAY_AT = "at";

	/**
	 * Value of {@link #RUN} for an operator's import of fixed rows
	 * ({@code rejected --import}); also the run-key prefix.
	 */
	public static final String IMPORT = "import";

	/**
	 * Identifying job parameter of an import: the keyed digest of its file (the same file
	 * is the same run).
	 */
	public static final String IMPORT_DIGEST = "digest";

	/** Non-identifying job parameter of an import: the file it reads. */
	public static final String IMPORT_FILE = "file";

	/**
	 * Non-identifying job parameter: the run sends every row, changed or not (read by
	 * remote workers).
	 */
	public static final String RESYNC = "resync";

	/**
	 * Identifying job parameter ({@code true}) of a run sent to an emulator started for
	 * it ({@code --sandbox}); also the run-key prefix ({@code sandbox:2026-11-22}).
	 */
	public static final String SANDBOX = "sandbox";

	/**
	 * Non-identifying job parameter: the identity of the vendor account the run sends to
	 * (base URL and a named account or a keyed hash of the key), which its sync state and
	 * replayed refusals belong to. Holds no secret.
	 */
	public static final String ACCOUNT = "account";

	/** A partition's context: the worker ({@code host:pid}) that ran it remotely. */
	public static final String WORKER = "worker";

	/** Value of {@link #RUN} for a backfill window run as one. */
	public static final String BACKFILL_WINDOW = "backfill-window";

	/** Identifying job parameters of a backfill window: first and last business date. */
	public static final String FROM = "from";

	/** See {@link #FROM}. */
	public static final String TO = "to";

	/** Non-identifying job parameter: the spec file the run was started from. */
	public static final String SPEC = "spec";

	/** The partitioned manager step. */
	public static final String MANAGER_STEP = "sync";

	/** The worker step; partitions are named {@code deliver:<partition>}. */
	public static final String WORKER_STEP = "deliver";

	/**
	 * A planned night's first step (docs/design/snapshots.md), partitioned as the sync
	 * is: partitions are named {@code plan:<partition>}.
	 */
	public static final String PLAN_STEP = "plan";

	/**
	 * The bits of a row's place in its partition in a planned night's records, as stored:
	 * a source whose places can exceed them (a table's key range) is not planned by
	 * place.
	 */
	public static final int PLACE_BITS = 40;

	/** A planned night's merge of its partitions' plans with the snapshots. */
	public static final String MERGE_STEP = "merge";

	/**
	 * The merge step's context keys of each destination's plan
	 * ({@code plan[groobee/personalizations]}): known, create, update, unchanged,
	 * superseded, conflicts, and the unchanged keys' data points (where the vendor bills
	 * by them; 0 otherwise).
	 */
	public static final String PLAN_COUNTS = "plan[";

	/** A planned night's last step: the snapshots it made become current. */
	public static final String SNAPSHOT_STEP = "snapshot";

	/**
	 * The step that deletes what a mirrored destination's source no longer has, after the
	 * sync: {@code mirror:<vendor/endpoint>}.
	 */
	public static final String MIRROR_STEP = "mirror";

	/** The source reader; its position is saved under {@code reader.read.count}. */
	public static final String READER = "reader";

	/** The delivery writer; its counters are saved under {@code writer.*}. */
	public static final String WRITER = "writer";

	/**
	 * The counters a writer saves under its prefix ({@code writer.seen},
	 * {@code writer[hackle/properties].delivered}), in the order they are reported.
	 */
	public static final List<String> WRITER_COUNTERS = List.of("seen", "delivered", "rejected", "requests", "conflicts",
			"chains", "skipped", "unchanged", "points", "pointsUnchanged", "deferred");

	/**
	 * Manager step context of listed sources: the run's extracts (files, objects), one a
	 * line.
	 */
	public static final String SOURCE_FILES = "source.files";

	/** Partition context of listed sources: the extract (a path, an object key). */
	public static final String SOURCE_FILE = "source.file";

	/**
	 * Partition context: the partition's name in reports (a file's path, a key range).
	 */
	public static final String SOURCE_DISPLAY = "source.display";

	/** Manager step context of JDBC sources: the run's plan (window and key ranges). */
	public static final String JDBC_PLAN = "source.jdbc.plan";

	/**
	 * Plan and partition context: the window's start, ISO local date-time in the column
	 * zone (absent when reading everything).
	 */
	public static final String JDBC_FROM = "source.jdbc.from";

	/** Plan and partition context: the window's end, exclusive. */
	public static final String JDBC_TO = "source.jdbc.to";

	/** Plan: the largest key of each range, in order, as the database returned them. */
	public static final String JDBC_UPPERS = "source.jdbc.uppers";

	/** The plan's row count of each key range, for progress (absent in older plans). */
	public static final String JDBC_SIZES = "source.jdbc.sizes";

	/**
	 * Plan and partition context: {@code true} when a row's place is its integer key's
	 * value (every key of the window is an integer in [0, 2^40)), {@code false} when it
	 * is the row's ordinal in its range (absent in older plans: the key where it is an
	 * integer).
	 */
	public static final String JDBC_PLACES_ARE_KEYS = "source.jdbc.places-are-keys";

	/**
	 * A plan partition's step context: its lines planned from last night's line memo,
	 * unparsed ({@code audience-sync.state.memo-dir}).
	 */
	public static final String PLAN_MEMO_LINES = "plan.memo-lines";

	/** A partition's expected row count, where the plan knows it. */
	public static final String SOURCE_ROWS = "source.rows";

	/** Partition context: the key the range starts after (absent for the first range). */
	public static final String JDBC_LOWER = "source.jdbc.lower";

	/**
	 * Partition context: the range's last key, inclusive (absent for the last range).
	 */
	public static final String JDBC_UPPER = "source.jdbc.upper";

	/**
	 * Step context, under the reader's name ({@code reader.page.size}): the page size of
	 * a JDBC range's first attempt.
	 */
	public static final String PAGE_SIZE = "page.size";

	/**
	 * Longest partition name that keeps {@code deliver:<name>} within
	 * BATCH_STEP_EXECUTION.STEP_NAME.
	 */
	public static final int MAX_PARTITION = 90;

	private Names() {
	}

	/**
	 * The counters' prefix of one of several destinations of a spec:
	 * {@code writer[vendor/endpoint]}.
	 */
	public static String writer(String destination) {
		return WRITER + "[" + destination + "]";
	}

	/**
	 * The step that sends again, after the sync, the rows a destination's vendor refused
	 * in earlier runs: {@code replay:<vendor/endpoint>}.
	 */
	public static final String REPLAY_STEP = "replay";

	/** The {@code retry.max-runs} a replay step ran with, for its report. */
	public static final String REPLAY_MAX_RUNS = "replay.max-runs";

	/** Where a replay step's reader is: the last rejected row's id it read. */
	public static final String REPLAY_AFTER = "replay.after";

	/**
	 * The step of an import that sends a destination's fixed rows:
	 * {@code import:<vendor/endpoint>}.
	 */
	public static final String IMPORT_STEP = "import";

	/**
	 * Where an import step's reader is: how many rows of the file it read (those of other
	 * destinations included).
	 */
	public static final String IMPORT_READ = "import.read";

	/** The import step of a destination: {@code import:groobee/personalizations}. */
	public static String importStep(String destination) {
		return IMPORT_STEP + ":" + destination;
	}

	/**
	 * A planned partition's context key, where its rows' places can move (a table): the
	 * last place its writer for that destination has passed, whose planned rows not met
	 * are recorded ({@code planned.through[groobee/personalizations]}).
	 */
	public static String plannedThrough(String destination) {
		return "planned.through[" + destination + "]";
	}

	/**
	 * A partition's context key: the rows of a planned night its reader dropped, counted
	 * once for that destination ({@code planned.dropped[groobee/personalizations]}).
	 */
	public static String plannedDropped(String destination) {
		return "planned.dropped[" + destination + "]";
	}

	/** The replay step of a destination: {@code replay:groobee/personalizations}. */
	public static String replayStep(String destination) {
		return REPLAY_STEP + ":" + destination;
	}

	/** The mirror step of a destination: {@code mirror:marketap/profiles}. */
	public static String mirrorStep(String destination) {
		return MIRROR_STEP + ":" + destination;
	}

	/**
	 * The step name of a partition: {@code deliver:part:members.csv}.
	 */
	public static String workerStep(String partition) {
		return WORKER_STEP + ":" + partition;
	}

	/**
	 * The partition name for a source part (a file's path relative to the source folder),
	 * stable across runs and restarts. Long names keep their start and a hash of the
	 * whole.
	 */
	public static String partition(String part) {
		String name = "part:" + part;
		if (name.length() <= MAX_PARTITION) {
			return name;
		}
		return name.substring(0, MAX_PARTITION - 13) + "~" + sha256(part).substring(0, 12);
	}

	/**
	 * A key range's part name, {@code keys-03-of-08} (so its partition is
	 * {@code part:keys-03-of-08}): number and count zero-padded alike, so names sort in
	 * key order.
	 * @param number the range, from 1
	 * @param count the ranges of the run
	 */
	public static String keyRange(int number, int count) {
		int width = Math.max(2, String.valueOf(count).length());
		return String.format("keys-%0" + width + "d-of-%0" + width + "d", number, count);
	}

	/**
	 * The id of a request budget in {@code AS_RATE_LIMIT_BUCKET}: the vendor, a hash of
	 * its key (never the key) and the limit, so every process on that key and limit
	 * shares one bucket.
	 */
	public static String rateLimitBucket(String vendor, String apiKey, int requests, Object window) {
		return vendor + ":" + sha256(String.valueOf(apiKey)) + ":" + requests + "/" + window;
	}

	private static String sha256(String text) {
		try {
			return HexFormat.of()
				.formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
