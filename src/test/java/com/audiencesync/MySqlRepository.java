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
		properties().forEach((name, value) -> registry.add(name, () -> value));
	}

	/** The properties, as a child JVM's {@code --name=value} arguments. */
	public static java.util.List<String> arguments() {
		return properties().entrySet().stream().map((entry) -> "--" + entry.getKey() + "=" + entry.getValue()).toList();
	}

	/** The server's database, for a test's own queries. */
	public static org.springframework.jdbc.core.JdbcTemplate jdbc() {
		return new org.springframework.jdbc.core.JdbcTemplate(dataSource());
	}

	/** The server's database, a connection per use. */
	public static javax.sql.DataSource dataSource() {
		java.util.Map<String, String> properties = properties();
		return new org.springframework.jdbc.datasource.DriverManagerDataSource(properties.get("spring.datasource.url"),
				properties.get("spring.datasource.username"), properties.get("spring.datasource.password"));
	}

	private static java.util.Map<String, String> properties() {
		java.util.Map<String, String> properties = new java.util.LinkedHashMap<>();
		properties.put("spring.datasource.url", env("AUDIENCE_SYNC_TEST_MYSQL_URL",
				"jdbc:mysql://127.0.0.1:3306/audience_sync_test?createDatabaseIfNotExist=true"));
		properties.put("spring.datasource.username", env("AUDIENCE_SYNC_TEST_MYSQL_USER", "root"));
		properties.put("spring.datasource.password", env("AUDIENCE_SYNC_TEST_MYSQL_PASSWORD", ""));
		properties.put("audience-sync.keysets.hmac.file", "src/test/resources/THROWAWAY-hmac-keyset.json");
		properties.put("audience-sync.keysets.aead.file", "src/test/resources/THROWAWAY-aead-keyset.json");
		return properties;
	}

	private static String env(String name, String fallback) {
		String value = System.getenv(name);
		return (value != null && !value.isBlank()) ? value : fallback;
	}

}
