package com.audiencesync.state;

import java.sql.SQLException;
import java.sql.Statement;

import org.springframework.jdbc.core.SqlProvider;
import org.springframework.jdbc.core.StatementCallback;

/**
 * MySQL: a statement of SQL literals, run as it is, and named in an error by its first
 * words and its number of rows rather than its megabytes of SQL. JDBC escapes are not
 * looked for: the literals hold none.
 *
 * @param sql the statement
 * @param rows the rows it writes
 */
record Literals(String sql, int rows) implements StatementCallback<Integer>, SqlProvider {

	@Override
	public Integer doInStatement(Statement statement) throws SQLException {
		statement.setEscapeProcessing(false);
		return statement.executeUpdate(this.sql);
	}

	@Override
	public String getSql() {
		int values = this.sql.indexOf(" VALUES ");
		return ((values >= 0) ? this.sql.substring(0, values) : this.sql.substring(0, Math.min(60, this.sql.length())))
				+ " VALUES ... (" + this.rows + " rows)";
	}

}
