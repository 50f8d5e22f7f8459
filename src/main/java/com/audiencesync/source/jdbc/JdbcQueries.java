package com.audiencesync.source.jdbc;

import java.util.ArrayList;
import java.util.List;

/**
 * The SQL of a {@code jdbc} source. Table and column names come from a validated spec
 * (plain identifiers); every value is a bound parameter.
 */
final class JdbcQueries {

	static final String LOWER = "asLowerKey";

	static final String UPPER = "asUpperKey";

	static final String FROM = "asWindowFrom";

	static final String TO = "asWindowTo";

	private final JdbcSourceSpec spec;

	JdbcQueries(JdbcSourceSpec spec) {
		this.spec = spec;
	}

	/** What the source reads: the table, or the query as a derived table. */
	String relation() {
		if (this.spec.table() != null) {
			return this.spec.table();
		}
		return "(" + this.spec.query().strip().replaceAll(";+$", "").strip() + ") as_source";
	}

	/** No row, only the columns the relation returns, with their labels. */
	String columns() {
		return "SELECT * FROM " + relation() + " WHERE 1=0";
	}

	/** No row, only the window's column ({@code updated-at}), for its type. */
	String windowColumn() {
		return "SELECT " + this.spec.updatedAt() + " FROM " + relation() + " WHERE 1=0";
	}

	String key() {
		return this.spec.key();
	}

	/**
	 * Rows, non-null keys, distinct keys, the smallest and the largest key in the window
	 * (two window parameters).
	 */
	String keyCounts() {
		return "SELECT COUNT(*), COUNT(" + key() + "), COUNT(DISTINCT " + key() + "), MIN(" + key() + "), MAX(" + key()
				+ ") FROM " + relation() + windowWhere();
	}

	/**
	 * One row per quantile of the key in the window: tile number, largest key, rows. One
	 * sorted pass, on MySQL 8, MariaDB 10.2+, H2 2 and anything else with window
	 * functions.
	 */
	String tiles(int count) {
		return "SELECT as_tile, MAX(as_key), COUNT(*) FROM (SELECT " + key() + " AS as_key, NTILE(" + count
				+ ") OVER (ORDER BY " + key() + ") AS as_tile FROM " + relation() + windowWhere()
				+ ") as_tiles GROUP BY as_tile ORDER BY as_tile";
	}

	private String windowWhere() {
		return this.spec.readsWindow()
				? " WHERE " + this.spec.updatedAt() + " >= ? AND " + this.spec.updatedAt() + " < ?" : "";
	}

	/**
	 * The reader's condition on a key range and window, with named parameters, or null
	 * when it reads everything.
	 */
	String rangeWhere(boolean lower, boolean upper, boolean window) {
		List<String> conditions = new ArrayList<>();
		if (lower) {
			conditions.add(key() + " > :" + LOWER);
		}
		if (upper) {
			conditions.add(key() + " <= :" + UPPER);
		}
		if (window) {
			conditions.add(this.spec.updatedAt() + " >= :" + FROM);
			conditions.add(this.spec.updatedAt() + " < :" + TO);
		}
		return conditions.isEmpty() ? null : String.join(" AND ", conditions);
	}

}
