package com.audiencesync;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import org.springframework.core.io.FileSystemResource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.jdbc.datasource.init.ResourceDatabasePopulator;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * The MySQL-compatible server of the tests tagged {@code mysql}
 * ({@code ./mvnw test -Pmysql}), as a job repository or as a warehouse: the one place
 * that reads its settings. {@code AUDIENCE_SYNC_TEST_MYSQL_URL} (default: the local
 * server's {@code audience_sync_test} database), {@code AUDIENCE_SYNC_TEST_MYSQL_USER}
 * and {@code AUDIENCE_SYNC_TEST_MYSQL_PASSWORD} point it at any server. A shared
 * repository takes no throwaway keyset: the tests' own, named so.
 */
public final class MySqlRepository {

	private MySqlRepository() {
	}

	/** The server's JDBC URL. */
	public static String url() {
		return env("AUDIENCE_SYNC_TEST_MYSQL_URL",
				"jdbc:mysql://127.0.0.1:3306/audience_sync_test?createDatabaseIfNotExist=true");
	}

	/** The server's user. */
	public static String user() {
		return env("AUDIENCE_SYNC_TEST_MYSQL_USER", "root");
	}

	/** The user's password. */
	public static String password() {
		return env("AUDIENCE_SYNC_TEST_MYSQL_PASSWORD", "");
	}

	/** Points the application context's job repository at the server. */
	public static void properties(DynamicPropertyRegistry registry) {
		properties().forEach((name, value) -> registry.add(name, () -> value));
	}

	/** The properties, as a child JVM's {@code --name=value} arguments. */
	public static List<String> arguments() {
		return properties().entrySet().stream().map((entry) -> "--" + entry.getKey() + "=" + entry.getValue()).toList();
	}

	/** The server's database, for a test's own queries. */
	public static JdbcTemplate jdbc() {
		return new JdbcTemplate(dataSource());
	}

	/** The server's database with the schema applied, as every start applies it. */
	public static DataSource withSchema() {
		DataSource dataSource = dataSource();
		new ResourceDatabasePopulator(new FileSystemResource("sql/schema-mysql.sql")).execute(dataSource);
		return dataSource;
	}

	/** The server's database, a connection per use. */
	public static DataSource dataSource() {
		return new DriverManagerDataSource(url(), user(), password());
	}

	/**
	 * A new, empty database on the server, named {@code name} (dropped first if it is
	 * there): for a test of what happens on a fresh repository.
	 */
	public static DataSource freshDatabase(String name) {
		JdbcTemplate server = jdbc();
		server.execute("DROP DATABASE IF EXISTS " + name);
		server.execute("CREATE DATABASE " + name);
		return new DriverManagerDataSource(url().replaceFirst("/[^/?]*(\\?|$)", "/" + name + "$1"), user(), password());
	}

	/** Drops a database {@link #freshDatabase} made. */
	public static void drop(String name) {
		jdbc().execute("DROP DATABASE IF EXISTS " + name);
	}

	private static Map<String, String> properties() {
		Map<String, String> properties = new LinkedHashMap<>();
		properties.put("spring.datasource.url", url());
		properties.put("spring.datasource.username", user());
		properties.put("spring.datasource.password", password());
		properties.put("audience-sync.keysets.hmac.file", "src/test/resources/THROWAWAY-hmac-keyset.json");
		properties.put("audience-sync.keysets.aead.file", "src/test/resources/THROWAWAY-aead-keyset.json");
		return properties;
	}

	private static String env(String name, String fallback) {
		String value = System.getenv(name);
		return (value != null && !value.isBlank()) ? value : fallback;
	}

}
