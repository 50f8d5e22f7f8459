package com.audiencesync.state;

import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import com.audiencesync.MySqlRepository;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import org.springframework.core.io.FileSystemResource;
import org.springframework.jdbc.BadSqlGrammarException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.init.ResourceDatabasePopulator;
import org.springframework.jdbc.datasource.init.ScriptStatementFailedException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * {@link SyncStateTableTests} on the MySQL-compatible server ({@link MySqlRepository}),
 * where a chunk's rows go as SQL literals; and the migration of a table made before
 * 2026-12 to the primary key of today.
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
	void theMigrationGivesATableOfBeforeTheNewKeyAndKeepsItsRows() {
		// given the table as it was made before 2026-12, with a row
		JdbcTemplate jdbc = new JdbcTemplate(dataSource());
		jdbc.execute("DROP TABLE IF EXISTS AS_SYNC_STATE_OLD_LAYOUT");
		jdbc.execute("CREATE TABLE AS_SYNC_STATE_OLD_LAYOUT (JOB_NAME VARCHAR(100) NOT NULL, "
				+ "DESTINATION VARCHAR(100) NOT NULL, KEY_HASH VARBINARY(32) NOT NULL, FINGERPRINT VARBINARY(32) NOT NULL, "
				+ "IDENTITY_HASH VARBINARY(32), KEY_SEALED VARBINARY(2048), RUN_KEY VARCHAR(100) NOT NULL, "
				+ "JOB_EXECUTION_ID BIGINT NOT NULL, SEEN_RUN VARCHAR(100), UPDATED_AT DATETIME(6) NOT NULL, "
				+ "PRIMARY KEY (KEY_HASH, JOB_NAME, DESTINATION), "
				+ "INDEX AS_SYNC_STATE_SEEN (JOB_NAME, DESTINATION, SEEN_RUN)) ENGINE=InnoDB");
		jdbc.update("INSERT INTO AS_SYNC_STATE_OLD_LAYOUT VALUES ('a', 'marketap/profiles', X'01', X'02', NULL, NULL, "
				+ "'2026-11-30', 1, NULL, CURRENT_TIMESTAMP(6))");
		String script = migration().replace("TABLE AS_SYNC_STATE", "TABLE AS_SYNC_STATE_OLD_LAYOUT");

		assertThat(SyncState.hasOldKey(jdbc, "AS_SYNC_STATE_OLD_LAYOUT")).isTrue();

		// when the migration runs
		jdbc.execute(script);

		// then the key is (JOB_NAME, DESTINATION, KEY_HASH), the index is gone, the row
		// kept
		assertThat(keyColumns(jdbc)).containsExactly("JOB_NAME", "DESTINATION", "KEY_HASH");
		assertThat(SyncState.hasOldKey(jdbc, "AS_SYNC_STATE_OLD_LAYOUT")).isFalse();
		assertThat(jdbc.queryForList("SELECT INDEX_NAME FROM information_schema.STATISTICS WHERE TABLE_SCHEMA = "
				+ "DATABASE() AND TABLE_NAME = 'AS_SYNC_STATE_OLD_LAYOUT'", String.class))
			.containsOnly("PRIMARY");
		assertThat(jdbc.queryForList("SELECT RUN_KEY FROM AS_SYNC_STATE_OLD_LAYOUT", String.class))
			.containsExactly("2026-11-30");
		// and running it again fails, changing nothing
		assertThatExceptionOfType(BadSqlGrammarException.class).isThrownBy(() -> jdbc.execute(script));
		assertThat(keyColumns(jdbc)).containsExactly("JOB_NAME", "DESTINATION", "KEY_HASH");
		jdbc.execute("DROP TABLE AS_SYNC_STATE_OLD_LAYOUT");
	}

	@Test
	void theServerTellsTheStatesSizeAndItsBufferPools() {
		JdbcTemplate jdbc = new JdbcTemplate(dataSource());

		assertThat(BufferPool.read(jdbc, "AS_SYNC_STATE")).hasValueSatisfying((sizes) -> {
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
				+ "WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = 'AS_SYNC_STATE' AND CONSTRAINT_NAME = 'PRIMARY' "
				+ "ORDER BY ORDINAL_POSITION");
		assertThat(key).extracting((row) -> row.get("COLUMN_NAME"))
			.containsExactly("JOB_NAME", "DESTINATION", "KEY_HASH");
	}

	private static List<String> keyColumns(JdbcTemplate jdbc) {
		return jdbc.queryForList("SELECT COLUMN_NAME FROM information_schema.KEY_COLUMN_USAGE WHERE TABLE_SCHEMA = "
				+ "DATABASE() AND TABLE_NAME = 'AS_SYNC_STATE_OLD_LAYOUT' AND CONSTRAINT_NAME = 'PRIMARY' "
				+ "ORDER BY ORDINAL_POSITION", String.class);
	}

	private static String migration() {
		try {
			return java.nio.file.Files.readString(java.nio.file.Path.of("sql/migrate/2026-12-sync-state-key-mysql.sql"))
				.lines()
				.filter((line) -> !line.startsWith("--"))
				.collect(java.util.stream.Collectors.joining("\n"))
				.strip()
				.replaceAll(";$", "");
		}
		catch (java.io.IOException ex) {
			throw new java.io.UncheckedIOException(ex);
		}
	}

}
