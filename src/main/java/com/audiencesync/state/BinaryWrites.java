package com.audiencesync.state;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Statements that write large binary values, such as the pages of a snapshot or of a
 * night's plan. On MySQL and MariaDB each value goes into the SQL as a literal, a binary
 * one in hex: the driver would send the same hex for a bound parameter, but writes it two
 * digits at a time through a synchronized stream, which took most of a night's merge. On
 * other databases the values are bound as parameters.
 */
public final class BinaryWrites {

	private final JdbcTemplate jdbc;

	private final boolean literals;

	/** Writes through that template, in its database's way. */
	public BinaryWrites(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
		this.literals = Dialect.of(jdbc.getDataSource()) == Dialect.MYSQL;
	}

	/**
	 * Runs an {@code INSERT} or {@code UPDATE} of one row whose only {@code ?} are its
	 * parameters: numbers, text, bytes, or null.
	 * @return the rows it wrote
	 */
	public int update(String sql, Object... args) {
		if (!this.literals) {
			return this.jdbc.update(sql, args);
		}
		int size = sql.length() + 32;
		for (Object arg : args) {
			size += (arg instanceof byte[] bytes) ? 2 * bytes.length + 3 : 24;
		}
		StringBuilder inlined = new StringBuilder(size);
		int from = 0;
		for (Object arg : args) {
			int mark = sql.indexOf('?', from);
			if (mark < 0) {
				throw new IllegalArgumentException(
						"more values than '?' in " + sql.substring(0, Math.min(40, sql.length())) + "...");
			}
			inlined.append(sql, from, mark);
			literal(inlined, arg);
			from = mark + 1;
		}
		if (sql.indexOf('?', from) >= 0) {
			throw new IllegalArgumentException(
					"fewer values than '?' in " + sql.substring(0, Math.min(40, sql.length())) + "...");
		}
		String statement = inlined.append(sql, from, sql.length()).toString();
		Integer rows = this.jdbc.execute(new Literals(statement, 1));
		return (rows != null) ? rows : 0;
	}

	private static void literal(StringBuilder sql, Object value) {
		if (value == null) {
			sql.append("NULL");
		}
		else if (value instanceof byte[] bytes) {
			Dialect.binary(sql, bytes);
		}
		else if (value instanceof Integer || value instanceof Long || value instanceof Short) {
			sql.append(value);
		}
		else if (value instanceof CharSequence || value instanceof Character) {
			Dialect.text(sql, value.toString());
		}
		else {
			throw new IllegalArgumentException("no literal for a " + value.getClass().getSimpleName());
		}
	}

}
