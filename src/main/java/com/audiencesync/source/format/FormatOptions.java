package com.audiencesync.source.format;

import java.util.function.Predicate;

/**
 * A source's options for its record format.
 *
 * @param delimiter the CSV column separator
 * @param maxLineBytes the longest line read (UTF-8 bytes, line end excluded); a longer
 * one is a {@code LINE_TOO_LONG} row, its text never held whole
 * @param reads whether the spec's mapping reads a top-level column: a format that can
 * read some columns only (Parquet) leaves the others unread, and its rows without them
 */
public record FormatOptions(char delimiter, int maxLineBytes, Predicate<String> reads) {

	/** The default {@code source.max-line-bytes}: 4 MiB. */
	public static final int DEFAULT_MAX_LINE_BYTES = 4 * 1024 * 1024;

	/** The defaults: comma-separated, lines up to 4 MiB. */
	public static final FormatOptions DEFAULT = new FormatOptions(',', DEFAULT_MAX_LINE_BYTES);

	/** Options that read every column. */
	public FormatOptions(char delimiter, int maxLineBytes) {
		this(delimiter, maxLineBytes, (column) -> true);
	}

	/** The same options, reading only the columns a mapping reads. */
	public FormatOptions reading(Predicate<String> columns) {
		return new FormatOptions(this.delimiter, this.maxLineBytes, columns);
	}

}
