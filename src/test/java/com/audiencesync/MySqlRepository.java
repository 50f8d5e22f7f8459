package com.audiencesync;

import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * A job repository on a MySQL-compatible server, for tests tagged {@code mysql}
 * ({@code ./mvnw test -Pmysql}). {@code AUDIENCE_SYNC_TEST_MYSQL_URL} (default: the local
 * server's {@code audience_sync_test} database), {@code AUDIENCE_SYNC_TEST_MYSQL_USER}
 * and {@code AUDIENCE_SYNC_TEST_MYSQL_PASSWORD} point it at any server. A shared
 * repository takes no throwaway keyset: the tests' own, named so.
 */
public final class MySqlRepository {

	private MySqlRepository() {
	}

	/** Points the application context at the server. */
	public static void properties(DynamicPropertyRegistry registry) {
		registry.add("spring.datasource.url", () -> env("AUDIENCE_SYNC_TEST_MYSQL_URL",
				"jdbc:mysql://127.0.0.1:3306/audience_sync_test?createDatabaseIfNotExist=true"));
		registry.add("spring.datasource.username", () -> env("AUDIENCE_SYNC_TEST_MYSQL_USER", "root"));
		registry.add("spring.datasource.password", () -> env("AUDIENCE_SYNC_TEST_MYSQL_PASSWORD", ""));
		registry.add("audience-sync.keysets.hmac.file", () -> "src/test/resources/THROWAWAY-hmac-keyset.json");
		registry.add("audience-sync.keysets.aead.file", () -> "src/test/resources/THROWAWAY-aead-keyset.json");
	}

	private static String env(String name, String fallback) {
		String value = System.getenv(name);
		return (value != null && !value.isBlank()) ? value : fallback;
	}

}
