package com.audiencesync.state;

import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import com.audiencesync.MySqlRepository;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link SyncStateTableTests} on the MySQL-compatible server ({@link MySqlRepository}),
 * where a chunk's rows go as SQL literals; and what the server tells of the table.
 */
@Tag("mysql")
class SyncStateTableMySqlTests extends SyncStateTableTests {

	@Override
	DataSource dataSource() {
		return MySqlRepository.withSchema();
	}

	@Override
	String schema() {
		return "sql/schema-mysql.sql";
	}

	@Override
	void replaceTargetsWithEarlier() {
		// the database is shared by the MySQL tests: today's table waits under another
		// name
		JdbcTemplate jdbc = this.jdbc;
		jdbc.execute("DROP TABLE IF EXISTS AS_SYNC_TARGET_TODAY");
		jdbc.execute("RENAME TABLE AS_SYNC_TARGET TO AS_SYNC_TARGET_TODAY");
		jdbc.execute("CREATE TABLE AS_SYNC_TARGET (TARGET_ID INT NOT NULL AUTO_INCREMENT PRIMARY KEY, "
				+ "JOB_NAME VARCHAR(100) NOT NULL, DESTINATION VARCHAR(100) NOT NULL, CREATED_AT DATETIME(6) NOT NULL, "
				+ "UNIQUE KEY AS_SYNC_TARGET_NAME (JOB_NAME, DESTINATION)) ENGINE=InnoDB");
	}

	@Override
	void restoreTargets() {
		JdbcTemplate jdbc = this.jdbc;
		jdbc.execute("DROP TABLE AS_SYNC_TARGET");
		jdbc.execute("RENAME TABLE AS_SYNC_TARGET_TODAY TO AS_SYNC_TARGET");
	}

	@Test
	void theServerTellsTheStatesSizeAndItsBufferPools() {
		JdbcTemplate jdbc = new JdbcTemplate(dataSource());

		assertThat(BufferPool.read(jdbc, "AS_SYNC_KEY")).hasValueSatisfying((sizes) -> {
			// an InnoDB table takes a page at least; MariaDB's pool is 128 MB by default
			assertThat(sizes.state()).isGreaterThanOrEqualTo(16 * 1024);
			assertThat(sizes.pool()).isGreaterThanOrEqualTo(5L * 1024 * 1024);
		});
		assertThat(BufferPool.read(jdbc, "NO_SUCH_TABLE")).isEmpty();
	}

	@Test
	void aNewTableHasTheNewKeyAlready() {
		JdbcTemplate jdbc = new JdbcTemplate(dataSource());
		List<Map<String, Object>> key = jdbc.queryForList("SELECT COLUMN_NAME FROM information_schema.KEY_COLUMN_USAGE "
				+ "WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = 'AS_SYNC_KEY' AND CONSTRAINT_NAME = 'PRIMARY' "
				+ "ORDER BY ORDINAL_POSITION");
		assertThat(key).extracting((row) -> row.get("COLUMN_NAME")).containsExactly("TARGET_ID", "KEY_HASH");
	}

}
