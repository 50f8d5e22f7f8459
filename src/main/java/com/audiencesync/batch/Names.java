package com.audiencesync.batch;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Every name that is stored in the job repository and read back by a restart: job
 * parameters, step, reader and writer names (execution context keys) and partition names.
 * Renaming one breaks the restart of runs already in the repository, so they live here
 * and nowhere else.
 */
public final class Names {

	/** Identifying job parameter: the business date, ISO {@code yyyy-MM-dd}. */
	public static final String RUN_DATE = "runDate";

	/**
	 * Identifying job parameter of backfills: {@code backfill} or
	 * {@code backfill-window}.
	 */
	public static final String RUN = "run";

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

	/** The source reader; its position is saved under {@code reader.read.count}. */
	public static final String READER = "reader";

	/** The delivery writer; its counters are saved under {@code writer.*}. */
	public static final String WRITER = "writer";

	/**
	 * The counters' prefix of one of several destinations of a spec:
	 * {@code writer[vendor/endpoint]}.
	 */
	public static String writer(String destination) {
		return WRITER + "[" + destination + "]";
	}

	/**
	 * Longest partition name that keeps {@code deliver:<name>} within
	 * BATCH_STEP_EXECUTION.STEP_NAME.
	 */
	static final int MAX_PARTITION = 90;

	private Names() {
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
