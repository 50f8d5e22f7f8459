package com.audiencesync.spec;

import java.time.ZoneId;

/**
 * Where rows come from.
 *
 * @param type {@code file} (local file or folder), {@code s3} (an object or a prefix) or
 * {@code jdbc} (a warehouse table or query)
 * @param path for {@code file}: file or folder; relative paths resolve against the spec
 * file's folder
 * @param uri for {@code s3}: {@code s3://bucket/prefix/} or {@code s3://bucket/key}
 * @param format {@code jsonl} or {@code csv}; a {@code .gz} suffix (or S3
 * {@code Content-Encoding: gzip}) means gzip
 * @param include glob of names to read in a folder or prefix (default: every
 * {@code *.jsonl}, {@code *.csv}, with or without {@code .gz})
 * @param delimiter CSV column separator, one character (default {@code ,})
 * @param onEmpty {@code fail} (default) or {@code complete}: what a run does when the
 * folder, prefix or window holds nothing to read
 * @param datasource for {@code jdbc}: the warehouse, configured under
 * {@code audience-sync.warehouses.<name>} (default {@code warehouse})
 * @param table for {@code jdbc}: the table (or view) to read, {@code [schema.]name}
 * @param query for {@code jdbc}: a SELECT to read instead of a table
 * @param key for {@code jdbc}: a unique, non-null column; partitions are ranges of it and
 * each reads in its order
 * @param updatedAt for {@code jdbc}: the column of the row's last change, for windows
 * @param mode for {@code jdbc}: {@code window} (rows whose {@code updated-at} falls in
 * the run's business days) or {@code full} (every row); default: {@code window} when
 * {@code updated-at} is set, else {@code full}
 * @param columnZone for {@code jdbc}: the zone in which the warehouse stores date-times
 * without an offset (default UTC)
 * @param gridSize for {@code jdbc}: the number of key ranges (default: the job's
 * {@code concurrency})
 */
public record SourceSpec(String type, String path, String uri, String format, String include, String delimiter,
		String onEmpty, String datasource, String table, String query, String key, String updatedAt, String mode,
		String columnZone, Integer gridSize) {

	/** The default warehouse name of {@code jdbc} sources. */
	public static final String DEFAULT_DATASOURCE = "warehouse";

	/** A file or S3 source. */
	public SourceSpec(String type, String path, String uri, String format, String include, String delimiter,
			String onEmpty) {
		this(type, path, uri, format, include, delimiter, onEmpty, null, null, null, null, null, null, null, null);
	}

	/** CSV delimiter, default comma. */
	public char delimiterChar() {
		return (this.delimiter == null || this.delimiter.isEmpty()) ? ',' : this.delimiter.charAt(0);
	}

	/**
	 * Whether an empty folder, prefix or window completes the run (with nothing sent)
	 * rather than failing it.
	 */
	public boolean completesWhenEmpty() {
		return "complete".equals(this.onEmpty);
	}

	/** The warehouse of a {@code jdbc} source. */
	public String datasourceOrDefault() {
		return (this.datasource != null) ? this.datasource : DEFAULT_DATASOURCE;
	}

	/** Whether a {@code jdbc} source reads only the run's window. */
	public boolean readsWindow() {
		return (this.mode != null) ? "window".equals(this.mode) : this.updatedAt != null;
	}

	/** The zone of the warehouse's date-times without an offset. */
	public ZoneId columnZoneOrDefault() {
		return ZoneId.of((this.columnZone != null) ? this.columnZone : "UTC");
	}

	/** What the source reads, for messages: the path, URI, table or {@code query}. */
	public String describe() {
		if ("jdbc".equals(this.type)) {
			return datasourceOrDefault() + ":" + ((this.table != null) ? this.table : "query");
		}
		return (this.uri != null) ? this.uri : this.path;
	}

}
