package com.audiencesync.state;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import javax.sql.DataSource;

import com.audiencesync.MySqlRepository;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import org.springframework.core.io.FileSystemResource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.init.ResourceDatabasePopulator;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Processes that start at the same instant on a fresh MySQL repository (the workers of a
 * Deployment, two CronJobs) each apply the schema, as {@code initialize-schema: always}
 * does: all of them come up, and the schema is whole once.
 */
@Tag("mysql")
class SchemaConcurrencyMySqlTests {

	private static final String DATABASE = "audience_sync_schema_race";

	private static final int PROCESSES = 6;

	@AfterEach
	void drop() {
		MySqlRepository.drop(DATABASE);
	}

	@Test
	void sixStartsAtOnceOnAFreshDatabaseAllComeUp() throws Exception {
		for (int round = 0; round < 5; round++) {
			DataSource fresh = MySqlRepository.freshDatabase(DATABASE);

			List<Throwable> failures = applyAtOnce(fresh);

			assertThat(failures).as("round %d", round).isEmpty();
			JdbcTemplate jdbc = new JdbcTemplate(fresh);
			assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM BATCH_JOB_EXECUTION_SEQ", Integer.class))
				.as("one row of each sequence")
				.isEqualTo(1);
			assertThat(jdbc.queryForObject(
					"SELECT COUNT(*) FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = "
							+ "DATABASE() AND TABLE_NAME = 'AS_SYNC_TARGET' AND COLUMN_NAME = 'ACCOUNT'",
					Integer.class))
				.isEqualTo(1);
		}
	}

	@Test
	void sixStartsAtOnceOnARepositoryMadeBeforeAccountsAllComeUpAndTheColumnIsAddedOnce() throws Exception {
		for (int round = 0; round < 3; round++) {
			DataSource fresh = MySqlRepository.freshDatabase(DATABASE);
			new JdbcTemplate(fresh).execute("CREATE TABLE AS_SYNC_TARGET (TARGET_ID INT NOT NULL AUTO_INCREMENT "
					+ "PRIMARY KEY, JOB_NAME VARCHAR(100) NOT NULL, DESTINATION VARCHAR(100) NOT NULL, "
					+ "CREATED_AT DATETIME(6) NOT NULL, UNIQUE KEY AS_SYNC_TARGET_NAME (JOB_NAME, DESTINATION)) "
					+ "ENGINE=InnoDB");

			List<Throwable> failures = applyAtOnce(fresh);

			assertThat(failures).as("round %d", round).isEmpty();
			assertThat(new JdbcTemplate(fresh).queryForList("SELECT INDEX_NAME FROM information_schema.STATISTICS "
					+ "WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = 'AS_SYNC_TARGET' AND INDEX_NAME <> 'PRIMARY' "
					+ "GROUP BY INDEX_NAME", String.class))
				.containsExactly("AS_SYNC_TARGET_ACCOUNT");
		}
	}

	/** The schema applied by six sessions released at the same instant. */
	private static List<Throwable> applyAtOnce(DataSource dataSource) throws Exception {
		CyclicBarrier start = new CyclicBarrier(PROCESSES);
		ExecutorService pool = Executors.newFixedThreadPool(PROCESSES);
		try {
			List<Future<?>> starts = new ArrayList<>();
			for (int i = 0; i < PROCESSES; i++) {
				starts.add(pool.submit(() -> {
					start.await();
					new ResourceDatabasePopulator(new FileSystemResource("sql/schema-mysql.sql")).execute(dataSource);
					return null;
				}));
			}
			List<Throwable> failures = new ArrayList<>();
			for (Future<?> each : starts) {
				try {
					each.get();
				}
				catch (java.util.concurrent.ExecutionException ex) {
					failures.add(ex.getCause());
				}
			}
			return failures;
		}
		finally {
			pool.shutdownNow();
		}
	}

}
