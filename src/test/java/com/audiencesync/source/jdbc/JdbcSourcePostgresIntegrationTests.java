package com.audiencesync.source.jdbc;

import com.audiencesync.IntegrationTest;
import org.junit.jupiter.api.Tag;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The {@code jdbc} source scenario on a PostgreSQL warehouse (the job repository stays on
 * H2), through the PostgreSQL driver the application carries: key ranges at the key's
 * quantiles ({@code NTILE}), windows in the business zone, planned nights whose rows
 * change between plan and delivery. Runs with {@code ./mvnw test -Ppostgres} against
 * {@code AUDIENCE_SYNC_TEST_PG_URL} (default: the local server's {@code postgres}
 * database, trust authentication), {@code AUDIENCE_SYNC_TEST_PG_USER} and
 * {@code AUDIENCE_SYNC_TEST_PG_PASSWORD}.
 */
@Tag("postgres")
@IntegrationTest
class JdbcSourcePostgresIntegrationTests extends JdbcSourceScenario {

	static final String URL = env("AUDIENCE_SYNC_TEST_PG_URL", "jdbc:postgresql://127.0.0.1:5432/postgres");

	static final String USER = env("AUDIENCE_SYNC_TEST_PG_USER", "postgres");

	static final String PASSWORD = env("AUDIENCE_SYNC_TEST_PG_PASSWORD", "");

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
		return "TIMESTAMP(3)";
	}

	private static String env(String name, String otherwise) {
		String value = System.getenv(name);
		return (value != null && !value.isBlank()) ? value : otherwise;
	}

}
