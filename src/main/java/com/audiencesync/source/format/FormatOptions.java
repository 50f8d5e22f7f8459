package com.audiencesync.source.format;

/**
 * A source's options for its record format.
 *
 * @param delimiter the CSV column separator
 * @param maxLineBytes the longest line read (UTF-8 bytes, line end excluded); a longer
 * one is a {@code LINE_TOO_LONG} row, its text never held whole
 */
public record FormatOptions(char delimiter, int maxLineBytes) {

	/** The default {@code source.max-line-bytes}: 4 MiB. */
	public static final int DEFAULT_MAX_LINE_BYTES = 4 * 1024 * 1024;

	/** The defaults: comma-separated, lines up to 4 MiB. */
	public static final FormatOptions DEFAULT = new FormatOptions(',', DEFAULT_MAX_LINE_BYTES);

}
