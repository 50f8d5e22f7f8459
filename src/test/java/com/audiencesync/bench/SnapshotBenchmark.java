package com.audiencesync.bench;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;

import javax.sql.DataSource;

import com.audiencesync.state.Hash;
import com.audiencesync.state.SyncState;
import com.audiencesync.state.Target;
import com.audiencesync.state.snapshot.SnapshotBench;
import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import org.springframework.core.io.FileSystemResource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.init.ResourceDatabasePopulator;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The sync state's own cost, without a source or a vendor: a first night (every key new)
 * and a next night (1% of the payloads changed) of N random keys, as the sorted snapshot
 * does them (sort the night's records within 64 MB, merge with the current generation,
 * write the next one, make it current) against the per-key table of today (each chunk of
 * 1,000 keys read in one query and written in its transaction), on the same repository in
 * the same run. Prints seconds, keys/s, the ratio and the state's bytes a key.
 * {@code ./mvnw test -Pbenchmark -Dtest=SnapshotBenchmark
 * [-Dbench.keys=1000000,10000000] [-Dbench.mysql=jdbc:mysql://127.0.0.1:3306/]
 * [-Dbench.table-keys=1000000]} (the table runs only up to that many keys: at 10M it
 * takes a quarter of an hour).
 */
@Tag("benchmark")
class SnapshotBenchmark {

	@Test
	void sortedSnapshotsAgainstThePerKeyTable() throws Exception {
		List<String> table = new ArrayList<>();
		table.add(String.format("%-8s %-11s %-6s %-9s %10s %12s %12s", "db", "keys", "night", "state", "seconds",
				"keys/s", "bytes/key"));
		long tableKeys = Long.parseLong(System.getProperty("bench.table-keys", "1000000"));
		for (String each : System.getProperty("bench.keys", "1000000").split(",")) {
			long keys = Long.parseLong(each.strip());
			for (String db : databases()) {
				try (HikariDataSource dataSource = dataSource(db)) {
					JdbcTemplate jdbc = new JdbcTemplate(dataSource);
					SnapshotBench bench = new SnapshotBench(jdbc,
							new TransactionTemplate(new DataSourceTransactionManager(dataSource)),
							Path.of("target/bench/snapshot-runs"));
					double[] first = bench.night(keys, 0, 1);
					table.add(row(db, keys, "first", "snapshot", first[0], keys, bench.bytesPerKey(db, keys)));
					double[] next = bench.night(keys, 0.01, 1);
					table.add(row(db, keys, "next", "snapshot", next[0], keys, bench.bytesPerKey(db, keys)));
					if (keys <= tableKeys) {
						double firstTable = perKeyTable(jdbc, dataSource, keys, 0);
						table.add(row(db, keys, "first", "table", firstTable, keys, -1)
								+ String.format("   snapshot %.1fx faster", firstTable / first[0]));
						double nextTable = perKeyTable(jdbc, dataSource, keys, 0.01);
						table.add(row(db, keys, "next", "table", nextTable, keys, -1)
								+ String.format("   snapshot %.1fx faster", nextTable / next[0]));
					}
				}
				table.forEach(System.out::println);
				table.subList(1, table.size()).clear();
			}
		}
	}

	private static String row(String db, long keys, String night, String state, double seconds, long count,
			double bytes) {
		return String.format("%-8s %-11d %-6s %-9s %10.1f %12.0f %12s", db, keys, night, state, seconds,
				count / seconds, (bytes < 0) ? "" : String.format("%.1f", bytes));
	}

	private static List<String> databases() {
		List<String> databases = new ArrayList<>();
		if (!"false".equals(System.getProperty("bench.h2"))) {
			databases.add("h2");
		}
		if (System.getProperty("bench.mysql") != null) {
			databases.add("mariadb");
		}
		return databases;
	}

	private static HikariDataSource dataSource(String db) throws Exception {
		HikariDataSource dataSource = new HikariDataSource();
		if ("h2".equals(db)) {
			Path dir = Path.of("target/bench/snapshot-h2-" + UUID.randomUUID());
			Files.createDirectories(dir);
			dataSource.setJdbcUrl("jdbc:h2:file:" + dir.toAbsolutePath() + "/repository");
			dataSource.setUsername("sa");
		}
		else {
			dataSource.setJdbcUrl(System.getProperty("bench.mysql") + "snapshot_bench_" + System.nanoTime()
					+ "?createDatabaseIfNotExist=true");
			dataSource.setUsername("root");
		}
		dataSource.setMaximumPoolSize(4);
		new ResourceDatabasePopulator(
				new FileSystemResource("sql/schema-" + ("h2".equals(db) ? "h2" : "mysql") + ".sql"))
			.execute(dataSource);
		return dataSource;
	}

	/**
	 * Today's per-key table: a night of {@code keys} random keys in chunks of 1,000, each
	 * read in one query and written (the changed ones) in its own transaction; seconds.
	 */
	private static double perKeyTable(JdbcTemplate jdbc, DataSource dataSource, long keys, double changed) {
		SyncState state = new SyncState(jdbc, dataSource);
		Target target = new Target("snapshot-bench", "groobee/personalizations", "bench");
		state.prepare(target);
		TransactionTemplate transactions = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
		Random random = new Random(1);
		Random payloads = new Random(changed > 0 ? 2 : 1);
		long started = System.nanoTime();
		for (long from = 0; from < keys; from += 1000) {
			List<Hash> chunk = new ArrayList<>(1000);
			List<SyncState.Entry> entries = new ArrayList<>(1000);
			for (long i = from; i < Math.min(keys, from + 1000); i++) {
				Hash key = hash(random.nextLong(), random.nextLong());
				chunk.add(key);
				boolean differs = changed == 0 || payloads.nextDouble() < changed;
				if (differs) {
					entries.add(new SyncState.Entry(key, hash(i, changed > 0 ? 2 : 1), hash(i, 3), null, "run"));
				}
			}
			transactions.executeWithoutResult((status) -> {
				state.find(target, chunk);
				state.save(target, entries, null);
			});
		}
		return (System.nanoTime() - started) / 1e9;
	}

	private static Hash hash(long a, long b) {
		return new Hash(ByteBuffer.allocate(16).putLong(a).putLong(b).array());
	}

}
