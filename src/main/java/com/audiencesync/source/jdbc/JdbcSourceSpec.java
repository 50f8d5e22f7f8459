package com.audiencesync.source.jdbc;

import java.time.ZoneId;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import com.audiencesync.spec.SourceSpec;
import com.audiencesync.spec.SpecProblems;
import com.fasterxml.jackson.annotation.JsonAnySetter;

/**
 * {@code source.type: jdbc}: a warehouse table or query.
 *
 * @param type {@code jdbc}
 * @param datasource the warehouse, configured under
 * {@code audience-sync.warehouses.<name>} (default {@code warehouse})
 * @param table the table (or view) to read, {@code [schema.]name}
 * @param query a SELECT to read instead of a table
 * @param key a unique, non-null column; partitions are ranges of it and each reads in its
 * order
 * @param updatedAt the column of the row's last change, for windows
 * @param mode {@code window} (rows whose {@code updated-at} falls in the run's business
 * days) or {@code full} (every row); default: {@code window} when {@code updated-at} is
 * set, else {@code full}
 * @param columnZone the zone in which the warehouse stores date-times without an offset
 * (default UTC)
 * @param gridSize the number of key ranges (default: the job's {@code concurrency})
 * @param onEmpty {@code fail} (default) or {@code complete} when the window is empty
 * @param otherKeys keys a JDBC source does not take (reported)
 */
public record JdbcSourceSpec(String type, String datasource, String table, String query, String key, String updatedAt,
		String mode, String columnZone, Integer gridSize, String onEmpty,
		@JsonAnySetter Map<String, Object> otherKeys) implements SourceSpec {

	/** The default warehouse name. */
	public static final String DEFAULT_DATASOURCE = "warehouse";

	static final Pattern WAREHOUSE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]*");

	static final Pattern COLUMN = Pattern.compile("[A-Za-z_][A-Za-z0-9_$]*");

	static final Pattern TABLE = Pattern.compile("[A-Za-z_][A-Za-z0-9_$]*(\\.[A-Za-z_][A-Za-z0-9_$]*){0,2}");

	/** The warehouse. */
	public String datasourceOrDefault() {
		return (this.datasource != null) ? this.datasource : DEFAULT_DATASOURCE;
	}

	/** Whether only the run's window is read. */
	public boolean readsWindow() {
		return (this.mode != null) ? "window".equals(this.mode) : this.updatedAt != null;
	}

	@Override
	public boolean readsInFull() {
		return !readsWindow();
	}

	/** The zone of the warehouse's date-times without an offset. */
	public ZoneId columnZoneOrDefault() {
		return ZoneId.of((this.columnZone != null) ? this.columnZone : "UTC");
	}

	@Override
	public String describe() {
		return datasourceOrDefault() + ":" + ((this.table != null) ? this.table : "query");
	}

	@Override
	public void validate(SpecProblems problems) {
		if (this.datasource != null && !WAREHOUSE.matcher(this.datasource).matches()) {
			problems.add("source.datasource", "'" + this.datasource
					+ "' must be a warehouse name (letters, digits, '-', '_'), configured as audience-sync.warehouses.<name>.url");
		}
		boolean hasTable = this.table != null && !this.table.isBlank();
		boolean hasQuery = this.query != null && !this.query.isBlank();
		if (hasTable == hasQuery) {
			problems.add(hasTable ? "source.query" : "source.table",
					"type jdbc needs exactly one of 'table' or 'query'");
		}
		if (hasTable && !TABLE.matcher(this.table).matches()) {
			problems.add("source.table",
					"'" + this.table + "' must be a table name, [schema.]name of letters, digits and '_'");
		}
		if (hasQuery) {
			String statement = this.query.strip().replaceAll(";+$", "").strip();
			if (!statement.regionMatches(true, 0, "select", 0, 6) && !statement.regionMatches(true, 0, "with", 0, 4)) {
				problems.add("source.query", "must be one SELECT (or WITH ... SELECT) statement");
			}
			else if (statement.contains(";")) {
				problems.add("source.query", "must be one statement (it contains ';')");
			}
		}
		if (this.key == null || this.key.isBlank()) {
			problems.add("source.key",
					"is required for type jdbc: a unique, non-null column to split and page by (e.g. id)");
		}
		else if (!COLUMN.matcher(this.key).matches()) {
			problems.add("source.key", "'" + this.key + "' must be a column name");
		}
		if (this.updatedAt != null && !COLUMN.matcher(this.updatedAt).matches()) {
			problems.add("source.updated-at", "'" + this.updatedAt + "' must be a column name");
		}
		if (this.mode != null && !Set.of("window", "full").contains(this.mode)) {
			problems.add("source.mode", "'" + this.mode + "' is not one of [full, window]");
		}
		else if ("window".equals(this.mode) && this.updatedAt == null) {
			problems.add("source.mode",
					"window needs source.updated-at: the column whose value places a row in a business day");
		}
		problems.zone("source.column-zone", this.columnZone, "UTC, Asia/Seoul");
		if (this.gridSize != null && (this.gridSize < 1 || this.gridSize > 256)) {
			problems.add("source.grid-size", "must be between 1 and 256, was " + this.gridSize);
		}
	}

}
