package com.audiencesync.source.format;

import java.io.IOException;
import java.io.Reader;

/**
 * A record format of extracts ({@code source.format}: {@code jsonl}, {@code csv},
 * {@code parquet}), separate from how the bytes are opened (a file, an S3 object) and
 * decompressed. One package per format, registered by one line in
 * {@code META-INF/services/com.audiencesync.source.format.RecordFormat}.
 */
public interface RecordFormat {

	/** The {@code source.format} value. */
	String id();

	/**
	 * A parser of one extract's text, positioned at its first record (a header is read by
	 * then).
	 * @param text the decompressed text, without a byte order mark
	 * @param display the extract's name in messages and rows
	 * @param options the source's format options
	 */
	RecordParser open(Reader text, String display, FormatOptions options) throws IOException;

	/**
	 * Whether the format reads its extracts' bytes at places ({@link ExtractBytes}: a
	 * Parquet footer, then the row groups it names), not as a stream of text.
	 */
	default boolean ranged() {
		return false;
	}

	/**
	 * A parser of one extract read at places, positioned at its first record; for the
	 * formats that are {@link #ranged()}.
	 * @param bytes the extract's bytes as stored (a ranged format compresses within)
	 * @param display the extract's name in messages and rows
	 * @param options the source's format options
	 */
	default RecordParser open(ExtractBytes bytes, String display, FormatOptions options) throws IOException {
		throw new UnsupportedOperationException(id() + " reads its extracts as text");
	}

	/** The names a source of this format reads from a folder or prefix by default. */
	default String defaultInclude() {
		return "*.{jsonl,csv,jsonl.gz,csv.gz}";
	}

}
