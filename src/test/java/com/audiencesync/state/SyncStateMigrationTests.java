package com.audiencesync.state;

import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import org.springframework.core.io.FileSystemResource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.jdbc.datasource.init.ResourceDatabasePopulator;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An H2 file made before 2026-12 loses AS_SYNC_STATE's index on SEEN_RUN when the schema
 * is applied (at every start), keeping its rows. MySQL's migration is a script run once:
 * {@link SyncStateTableMySqlTests}.
 */
class SyncStateMigrationTests {

	@Test
	void anH2TableOfBeforeLosesItsIndexAndKeepsItsRows() {
		DriverManagerDataSource dataSource = new DriverManagerDataSource(
				"jdbc:h2:mem:migration-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", "");
		JdbcTemplate jdbc = new JdbcTemplate(dataSource);
		jdbc.execute("CREATE TABLE AS_SYNC_STATE (JOB_NAME VARCHAR(100) NOT NULL, DESTINATION VARCHAR(100) NOT NULL, "
				+ "KEY_HASH VARBINARY(32) NOT NULL, FINGERPRINT VARBINARY(32) NOT NULL, IDENTITY_HASH VARBINARY(32), "
				+ "KEY_SEALED VARBINARY(2048), RUN_KEY VARCHAR(100) NOT NULL, JOB_EXECUTION_ID BIGINT NOT NULL, "
				+ "SEEN_RUN VARCHAR(100), UPDATED_AT TIMESTAMP(6) NOT NULL, PRIMARY KEY (KEY_HASH, JOB_NAME, DESTINATION))");
		jdbc.execute("CREATE INDEX AS_SYNC_STATE_SEEN ON AS_SYNC_STATE (JOB_NAME, DESTINATION, SEEN_RUN)");
		jdbc.update("INSERT INTO AS_SYNC_STATE VALUES ('a', 'marketap/profiles', X'01', X'02', NULL, NULL, "
				+ "'2026-11-30', 1, NULL, CURRENT_TIMESTAMP(6))");
		assertThat(seenIndex(jdbc)).containsExactly("AS_SYNC_STATE_SEEN");
		ResourceDatabasePopulator schema = new ResourceDatabasePopulator(new FileSystemResource("sql/schema-h2.sql"));

		schema.execute(dataSource);
		schema.execute(dataSource);

		assertThat(seenIndex(jdbc)).isEmpty();
		assertThat(jdbc.queryForList("SELECT RUN_KEY FROM AS_SYNC_STATE", String.class))
			.isEqualTo(List.of("2026-11-30"));
	}

	private static List<String> seenIndex(JdbcTemplate jdbc) {
		return jdbc.queryForList("SELECT INDEX_NAME FROM INFORMATION_SCHEMA.INDEXES WHERE TABLE_NAME = "
				+ "'AS_SYNC_STATE' AND INDEX_NAME = 'AS_SYNC_STATE_SEEN'", String.class);
	}

}
