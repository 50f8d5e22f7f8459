package com.audiencesync.batch;

import com.audiencesync.IntegrationTest;
import org.junit.jupiter.api.Tag;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The restart contract on a MySQL-compatible job repository. Runs with
 * {@code ./mvnw test -Pmysql}; {@code AUDIENCE_SYNC_TEST_MYSQL_URL} (default: the local
 * server's {@code audience_sync_test} database), {@code AUDIENCE_SYNC_TEST_MYSQL_USER}
 * and {@code AUDIENCE_SYNC_TEST_MYSQL_PASSWORD} point it at any server.
 */
@Tag("mysql")
@IntegrationTest
class SyncJobMySqlIntegrationTests extends RestartScenario {

	@DynamicPropertySource
	static void mysql(DynamicPropertyRegistry registry) {
		registry.add("spring.datasource.url", () -> env("AUDIENCE_SYNC_TEST_MYSQL_URL",
				"jdbc:mysql://127.0.0.1:3306/audience_sync_test?createDatabaseIfNotExist=true"));
		registry.add("spring.datasource.username", () -> env("AUDIENCE_SYNC_TEST_MYSQL_USER", "root"));
		registry.add("spring.datasource.password", () -> env("AUDIENCE_SYNC_TEST_MYSQL_PASSWORD", ""));
		// a shared repository takes no throwaway keyset: the test's own, named so
		registry.add("audience-sync.keysets.hmac.file", () -> "src/test/resources/THROWAWAY-hmac-keyset.json");
	}

	private static String env(String name, String fallback) {
		String value = System.getenv(name);
		return (value != null && !value.isBlank()) ? value : fallback;
	}

}
