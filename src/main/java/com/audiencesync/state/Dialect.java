package com.audiencesync.state;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
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
	 * {@code ?}, such as the database's own time).
	 */
	String upsert(String table, String[] columns, int keys, Map<String, String> values) {
		String list = String.join(", ", columns);
		String marks = Arrays.stream(columns)
			.map((column) -> values.getOrDefault(column, "?"))
			.collect(Collectors.joining(", "));
		if (this == MYSQL) {
			return upsertValues(table, columns, keys, "(" + marks + ")");
		}
		return "MERGE INTO " + table + " (" + list + ") KEY (" + String.join(", ", Arrays.copyOf(columns, keys))
				+ ") VALUES (" + marks + ")";
	}

	/**
	 * An upsert of rows by one statement (MySQL): the columns, the first {@code keys} of
	 * which are the primary key, and the rows, each {@code (v1, v2, ...)} of marks or of
	 * literals, separated by commas. A chunk's state goes as literals
	 * ({@link LiteralUpsert}).
	 */
	String upsertValues(String table, String[] columns, int keys, CharSequence rows) {
		if (this != MYSQL) {
			throw new UnsupportedOperationException("one statement of literal rows is for MySQL");
		}
		String update = Arrays.stream(columns, keys, columns.length)
			.map((column) -> column + " = VALUES(" + column + ")")
			.collect(Collectors.joining(", "));
		return "INSERT INTO " + table + " (" + String.join(", ", columns) + ") VALUES " + rows
				+ " ON DUPLICATE KEY UPDATE " + update;
	}

	/**
	 * Appends a binary value as an SQL literal, {@code X'0a1b...'}, which MySQL and H2
	 * read alike; null is {@code NULL}. Only hex digits: nothing to escape.
	 */
	static StringBuilder binary(StringBuilder sql, byte[] bytes) {
		if (bytes == null) {
			return sql.append("NULL");
		}
		// the String, not the Appendable overload: that one appends a character at a time
		return sql.append("X'").append(HEX.formatHex(bytes)).append('\'');
	}

	private static final HexFormat HEX = HexFormat.of();

	/**
	 * Appends a string as an SQL literal for MySQL; null is {@code NULL}. Letters, digits
	 * and {@code _-.:/ } are quoted as they are; anything else is given as its UTF-8
	 * bytes in hex, so no escape rule of the server's SQL mode applies.
	 */
	static StringBuilder text(StringBuilder sql, String value) {
		if (value == null) {
			return sql.append("NULL");
		}
		if (value.chars().allMatch(Dialect::plain)) {
			return sql.append('\'').append(value).append('\'');
		}
		return binary(sql.append("CONVERT("), value.getBytes(StandardCharsets.UTF_8)).append(" USING utf8mb4)");
	}

	/**
	 * MySQL: the SQL with each {@code ?} replaced by the next value as a literal (text as
	 * {@link #text}, bytes as {@link #binary}, numbers as they are, null as
	 * {@code NULL}), to run as a plain statement. Only for SQL whose other text holds no
	 * {@code ?} (binary literals are hex digits).
	 */
	static String inline(String sql, Object... values) {
		if (values.length == 0) {
			// a chunk's key list, tens of kilobytes of SQL: not copied a character at a
			// time
			return sql;
		}
		int size = sql.length() + 64;
		for (Object value : values) {
			// a page's bytes are a megabyte: the SQL made at its size, not grown to it
			size += (value instanceof byte[] bytes) ? 2 * bytes.length + 3 : 24;
		}
		StringBuilder inlined = new StringBuilder(size);
		int from = 0;
		for (Object value : values) {
			int mark = sql.indexOf('?', from);
			if (mark < 0) {
				throw new IllegalArgumentException(
						"more values than '?' in " + sql.substring(0, Math.min(40, sql.length())) + "...");
			}
			literal(inlined.append(sql, from, mark), value);
			from = mark + 1;
		}
		return inlined.append(sql, from, sql.length()).toString();
	}

	private static void literal(StringBuilder sql, Object value) {
		if (value == null || value instanceof CharSequence || value instanceof Character) {
			text(sql, (value != null) ? value.toString() : null);
		}
		else if (value instanceof byte[] bytes) {
			binary(sql, bytes);
		}
		else if (value instanceof Integer || value instanceof Long || value instanceof Short) {
			sql.append(value);
		}
		else {
			throw new IllegalArgumentException("no SQL literal for a " + value.getClass().getSimpleName());
		}
	}

	private static boolean plain(int c) {
		return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-'
				|| c == '.' || c == ':' || c == '/' || c == ' ';
	}

}
