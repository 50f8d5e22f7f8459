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
		String statement = Dialect.inline(sql, args);
		Integer rows = this.jdbc.execute(new Literals(statement, 1));
		return (rows != null) ? rows : 0;
	}

}
