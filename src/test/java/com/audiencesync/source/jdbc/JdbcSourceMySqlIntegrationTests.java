package com.audiencesync.source.jdbc;

import com.audiencesync.IntegrationTest;
import org.junit.jupiter.api.Tag;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The {@code jdbc} source scenario on a MySQL-compatible warehouse (the job repository
 * stays on H2, as a warehouse is never the repository's database). Runs with
 * {@code ./mvnw test -Pmysql} against {@code AUDIENCE_SYNC_TEST_MYSQL_URL}, {@code _USER}
 * and {@code _PASSWORD} (default: the local server's {@code audience_sync_test} database
 * as root).
 */
@Tag("mysql")
@IntegrationTest
class JdbcSourceMySqlIntegrationTests extends JdbcSourceScenario {

	static final String URL = env("AUDIENCE_SYNC_TEST_MYSQL_URL",
			"jdbc:mysql://127.0.0.1:3306/audience_sync_test?createDatabaseIfNotExist=true");

	static final String USER = env("AUDIENCE_SYNC_TEST_MYSQL_USER", "root");

	static final String PASSWORD = env("AUDIENCE_SYNC_TEST_MYSQL_PASSWORD", "");

	@DynamicPropertySource
	static void warehouse(DynamicPropertyRegistry registry) {
		registry.add("audience-sync.warehouses.warehouse.url", () -> URL);
		registry.add("audience-sync.warehouses.warehouse.username", () -> USER);
		registry.add("audience-sync.warehouses.warehouse.password", () -> PASSWORD);
	}

	@Override
	String[] warehouseConnection() {
		return new String[] { URL, USER, PASSWORD };
	}

	@Override
	String dateTimeType() {
		// DATETIME keeps what it is given; MySQL's TIMESTAMP would shift by the session
		// zone
		return "DATETIME(3)";
	}

	private static String env(String name, String fallback) {
		String value = System.getenv(name);
		return (value != null && !value.isBlank()) ? value : fallback;
	}

}
