package com.audiencesync.source;

import java.util.Map;

/**
 * One row as read, before mapping. A row that could not be parsed has no values and an
 * error.
 *
 * @param source file or object the row came from, as shown to users
 * @param position 1-based line (JSONL) or record start line (CSV)
 * @param values column or key to value; JSON values keep their type, CSV values are text
 * @param reasonCode why the row could not be parsed ({@code BAD_JSON}, {@code BAD_CSV}),
 * or null
 * @param error what is wrong with it, without its content (it may hold personal data), or
 * null
 */
public record SourceRow(String source, long position, Map<String, Object> values, String reasonCode, String error) {

	/** A parsed row. */
	public static SourceRow of(String source, long position, Map<String, Object> values) {
		return new SourceRow(source, position, values, null, null);
	}

	/** A row that could not be parsed. */
	public static SourceRow unreadable(String source, long position, String reasonCode, String error) {
		return new SourceRow(source, position, Map.of(), reasonCode, error);
	}

	/** Whether the row was parsed. */
	public boolean readable() {
		return this.error == null;
	}

	/** {@code file:line}, as shown in reports. */
	public String where() {
		return this.source + ":" + this.position;
	}

}
