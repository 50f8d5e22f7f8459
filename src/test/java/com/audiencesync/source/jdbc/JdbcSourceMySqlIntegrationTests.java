package com.audiencesync.source.jdbc;

import com.audiencesync.IntegrationTest;
import com.audiencesync.MySqlRepository;
import org.junit.jupiter.api.Tag;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The {@code jdbc} source scenario on a MySQL-compatible warehouse (the job repository
 * stays on H2, as a warehouse is never the repository's database). Runs with
 * {@code ./mvnw test -Pmysql} against the server {@link MySqlRepository} names.
 */
@Tag("mysql")
@IntegrationTest
class JdbcSourceMySqlIntegrationTests extends JdbcSourceScenario {

	static final String URL = MySqlRepository.url();

	static final String USER = MySqlRepository.user();

	static final String PASSWORD = MySqlRepository.password();

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

}
