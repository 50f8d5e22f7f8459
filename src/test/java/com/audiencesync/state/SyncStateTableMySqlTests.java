package com.audiencesync.state;

import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import com.audiencesync.MySqlRepository;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import org.springframework.core.io.FileSystemResource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.init.ResourceDatabasePopulator;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link SyncStateTableTests} on the MySQL-compatible server ({@link MySqlRepository}),
 * where a chunk's rows go as SQL literals; and what the server tells of the table.
 */
@Tag("mysql")
class SyncStateTableMySqlTests extends SyncStateTableTests {

	@Override
	DataSource dataSource() {
		DataSource dataSource = MySqlRepository.dataSource();
		new ResourceDatabasePopulator(new FileSystemResource("sql/schema-mysql.sql")).execute(dataSource);
		return dataSource;
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
