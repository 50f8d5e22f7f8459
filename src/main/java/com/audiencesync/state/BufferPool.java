package com.audiencesync.state;

import java.util.Locale;
import java.util.Optional;

import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * MySQL's InnoDB buffer pool against the size of the sync state. A key hash lands on a
 * random page of {@code AS_SYNC_KEY}: once the table outgrows the pool, most keys a run
 * reads or writes cost a disk read, and nights run several times slower (BENCHMARKS.md,
 * Where the time goes). A run says so at its start.
 */
final class BufferPool {

	private BufferPool() {
	}

	/**
	 * The table's size (data and indexes, as {@code information_schema} estimates it) and
	 * the pool's.
	 *
	 * @param state bytes of the table
	 * @param pool bytes of {@code innodb_buffer_pool_size}
	 */
	record Sizes(long state, long pool) {
	}

	/**
	 * The sizes, or empty when the server does not tell them (no such table yet, no
	 * InnoDB, no right to read {@code information_schema}).
	 */
	static Optional<Sizes> read(JdbcTemplate jdbc, String table) {
		try {
			Long state = jdbc.query(
					"SELECT DATA_LENGTH + INDEX_LENGTH FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE() "
							+ "AND TABLE_NAME = ?",
					(rs) -> rs.next() ? rs.getLong(1) : null, table);
			Long pool = jdbc.queryForObject("SELECT @@innodb_buffer_pool_size", Long.class);
			return (state != null && pool != null && pool > 0) ? Optional.of(new Sizes(state, pool)) : Optional.empty();
		}
		catch (DataAccessException ex) {
			return Optional.empty();
		}
	}

	/**
	 * A warning when the state has outgrown the pool, naming both sizes and the remedy.
	 */
	static Optional<String> advice(Sizes sizes) {
		if (sizes.state() <= sizes.pool()) {
			return Optional.empty();
		}
		return Optional.of("The sync state (AS_SYNC_KEY) takes about " + size(sizes.state())
				+ " and innodb_buffer_pool_size is " + size(sizes.pool())
				+ ": most keys a run reads or writes will be a disk read, and a night can take "
				+ "several times as long. Give MySQL a buffer pool of at least the state's size (docs/configuration.md, MySQL requirements)");
	}

	/** Bytes as {@code 240 MB} or {@code 1.8 GB}. */
	static String size(long bytes) {
		double megabytes = bytes / (1024.0 * 1024.0);
		if (megabytes < 1024) {
			return Math.round(megabytes) + " MB";
		}
		return String.format(Locale.ROOT, "%.1f GB", megabytes / 1024);
	}

}
