package com.audiencesync.state.snapshot;

import java.nio.file.Path;
import java.util.Random;

import com.audiencesync.state.BinaryWrites;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The sorted snapshot's part of a night, for {@code SnapshotBenchmark}: the night's
 * records of random keys sorted within 64 MB, merged with the target's current generation
 * into the next one, which is written, made current, and the one before it deleted.
 */
public final class SnapshotBench {

	/** Memory the night's sort may hold. */
	static final long SORT_MEMORY = 64L << 20;

	private final JdbcTemplate jdbc;

	private final Snapshots snapshots;

	private final Path runs;

	private int nights;

	public SnapshotBench(JdbcTemplate jdbc, TransactionTemplate transactions, Path runs) {
		this.jdbc = jdbc;
		this.snapshots = new Snapshots(jdbc, transactions, 1 << 20, new BinaryWrites(jdbc));
		this.runs = runs;
	}

	/**
	 * One night of {@code keys} keys (the same keys every night), of which a share
	 * {@code changed} carry another payload than the night before (all on the first).
	 * @return seconds, rows sent
	 */
	public double[] night(long keys, double changed, int target) {
		this.nights++;
		int night = this.nights;
		long started = System.nanoTime();
		Random random = new Random(1);
		Random changes = new Random(night);
		long[] record = new long[NightRecord.WIDTH];
		long sent;
		try (ExternalSort sort = new ExternalSort(NightRecord.WIDTH, SORT_MEMORY, this.runs)) {
			for (long i = 0; i < keys; i++) {
				record[NightRecord.KEY_0] = random.nextLong();
				record[NightRecord.KEY_1] = random.nextLong();
				record[NightRecord.ORIGIN] = NightRecord.origin((int) (i % 2), i / 2);
				boolean differs = night == 1 || changes.nextDouble() < changed;
				record[NightRecord.FINGERPRINT_0] = i + 1;
				record[NightRecord.FINGERPRINT_1] = differs ? night : 1;
				record[NightRecord.IDENTITY] = i * 31 + 7;
				sort.add(record);
			}
			GenerationWriter writer = this.snapshots.writer(target, null, false, null);
			long[] counted = new long[1];
			try (RecordCursor sorted = sort.sorted();
					EntryCursor current = this.snapshots.current(target).map(this.snapshots::read).orElse(null)) {
				NightMerge.merge(sorted, current, false, new NightMerge.Sink() {
					@Override
					public void send(long origin, long fingerprint0, long fingerprint1, boolean created) {
						counted[0]++;
					}

					@Override
					public void entry(long[] entry, byte[] sealed) {
						writer.add(entry, sealed);
					}
				});
			}
			sent = counted[0];
			this.snapshots.makeCurrent(writer.finish());
			this.snapshots.deleteRetired(target);
		}
		return new double[] { (System.nanoTime() - started) / 1e9, sent };
	}

	/**
	 * The snapshot's bytes a key: on MySQL the page table's size as the server counts it,
	 * elsewhere the pages' bytes.
	 */
	public double bytesPerKey(String db, long keys) {
		if (!"h2".equals(db)) {
			// the server's figures are estimates until it looks again
			this.jdbc.execute("ANALYZE TABLE AS_SNAPSHOT_PAGE");
		}
		Long bytes = "h2"
			.equals(db)
					? this.jdbc.queryForObject("SELECT SUM(OCTET_LENGTH(DATA)) FROM AS_SNAPSHOT_PAGE", Long.class)
					: this.jdbc.queryForObject(
							"SELECT DATA_LENGTH + INDEX_LENGTH FROM information_schema.TABLES "
									+ "WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = 'AS_SNAPSHOT_PAGE'",
							Long.class);
		return (bytes != null) ? (double) bytes / keys : -1;
	}

}
