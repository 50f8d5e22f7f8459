package com.audiencesync.spec;

/**
 * Where rows come from.
 *
 * @param type {@code file} (local file or folder); {@code s3} and {@code jdbc} come later
 * @param path file or folder; relative paths resolve against the spec file's folder; may
 * hold {@code ${runDate}}
 * @param format {@code jsonl} or {@code csv}; a {@code .gz} suffix means gzip
 * @param include glob of file names to read in a folder (default: every {@code *.jsonl},
 * {@code *.csv}, with or without {@code .gz})
 * @param delimiter CSV column separator, one character (default {@code ,})
 */
public record SourceSpec(String type, String path, String format, String include, String delimiter) {

	/** CSV delimiter, default comma. */
	public char delimiterChar() {
		return (this.delimiter == null || this.delimiter.isEmpty()) ? ',' : this.delimiter.charAt(0);
	}

}
