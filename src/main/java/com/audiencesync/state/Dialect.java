package com.audiencesync.state;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

import javax.sql.DataSource;

/** The job repository's database, for the few statements that differ (upserts). */
enum Dialect {

	/** MySQL and MariaDB: {@code INSERT ... ON DUPLICATE KEY UPDATE}. */
	MYSQL,
	/** H2 and the rest: {@code MERGE INTO ... KEY (...)}. */
	STANDARD;

	static Dialect of(DataSource dataSource) {
		try (Connection connection = dataSource.getConnection()) {
			String product = connection.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT);
			return (product.contains("mysql") || product.contains("mariadb")) ? MYSQL : STANDARD;
		}
		catch (SQLException ex) {
			throw new IllegalStateException("cannot tell the job repository's database: " + ex.getMessage(), ex);
		}
	}

	/**
	 * An upsert of these columns, the first {@code keys} of which are the primary key.
	 */
	String upsert(String table, String[] columns, int keys) {
		return upsert(table, columns, keys, Map.of());
	}

	/**
	 * An upsert of these columns, the first {@code keys} of which are the primary key,
	 * some given by SQL of their own ({@code values}: column to the SQL in place of its
	 * {@code ?}, such as the database's own time or {@link #binary()}).
	 */
	String upsert(String table, String[] columns, int keys, Map<String, String> values) {
		String list = String.join(", ", columns);
		String marks = Arrays.stream(columns)
			.map((column) -> values.getOrDefault(column, "?"))
			.collect(Collectors.joining(", "));
		if (this == MYSQL) {
			String update = Arrays.stream(columns, keys, columns.length)
				.map((column) -> column + " = VALUES(" + column + ")")
				.collect(Collectors.joining(", "));
			return "INSERT INTO " + table + " (" + list + ") VALUES (" + marks + ") ON DUPLICATE KEY UPDATE " + update;
		}
		return "MERGE INTO " + table + " (" + list + ") KEY (" + String.join(", ", Arrays.copyOf(columns, keys))
				+ ") VALUES (" + marks + ")";
	}

	/**
	 * The SQL of a binary parameter. MySQL's driver escapes a byte array byte by byte,
	 * twice in a rewritten batch (once to size it): a hex string
	 * ({@link #binary(byte[])}) it copies as it is, and the server decodes.
	 */
	String binary() {
		return (this == MYSQL) ? "UNHEX(?)" : "?";
	}

	/** A binary parameter's value, for {@link #binary()}; null stays null. */
	Object binary(byte[] bytes) {
		if (bytes == null || this != MYSQL) {
			return bytes;
		}
		return HEX.formatHex(bytes);
	}

	/** Sets a binary parameter of {@link #binary()}'s SQL; null is SQL NULL. */
	void binary(PreparedStatement ps, int index, byte[] bytes) throws SQLException {
		if (bytes == null) {
			ps.setNull(index, (this == MYSQL) ? Types.VARCHAR : Types.VARBINARY);
		}
		else {
			ps.setObject(index, binary(bytes));
		}
	}

	private static final HexFormat HEX = HexFormat.of();

}
