package com.audiencesync.source;

import java.util.List;

/**
 * The columns a partition's rows can hold, known before its first row: a CSV header, the
 * columns a table or query returns (a Parquet schema, later). The mapping is checked
 * against them before anything is sent, so a misspelled column fails at once instead of
 * sending nulls (or rejecting every row).
 *
 * @param source what is read, as messages name it: the extract ({@code members.csv}), the
 * table ({@code table analytics.members}) or {@code source.query}
 * @param where where the names come from, as a message says a column is not there:
 * {@code in its header}, {@code among its columns}
 * @param names the column names, in their order
 * @param ignoreCase whether a column is found without regard to case (JDBC labels)
 */
public record Columns(String source, String where, List<String> names, boolean ignoreCase) {

	public Columns {
		names = List.copyOf(names);
	}

}
