package com.audiencesync.spec;

/**
 * Where rows come from.
 *
 * @param type {@code file} (local file or folder) or {@code s3} (an object or a prefix);
 * {@code jdbc} comes later
 * @param path for {@code file}: file or folder; relative paths resolve against the spec
 * file's folder
 * @param uri for {@code s3}: {@code s3://bucket/prefix/} or {@code s3://bucket/key}
 * @param format {@code jsonl} or {@code csv}; a {@code .gz} suffix (or S3
 * {@code Content-Encoding: gzip}) means gzip
 * @param include glob of names to read in a folder or prefix (default: every
 * {@code *.jsonl}, {@code *.csv}, with or without {@code .gz})
 * @param delimiter CSV column separator, one character (default {@code ,})
 * @param onEmpty {@code fail} (default) or {@code complete}: what a run does when the
 * folder or prefix holds nothing to read
 */
public record SourceSpec(String type, String path, String uri, String format, String include, String delimiter,
		String onEmpty) {

	/** CSV delimiter, default comma. */
	public char delimiterChar() {
		return (this.delimiter == null || this.delimiter.isEmpty()) ? ',' : this.delimiter.charAt(0);
	}

	/**
	 * Whether an empty folder or prefix completes the run (with nothing sent) rather than
	 * failing it.
	 */
	public boolean completesWhenEmpty() {
		return "complete".equals(this.onEmpty);
	}

}
