package com.audiencesync.source.format;

import java.io.IOException;
import java.io.Reader;

/**
 * A record format of extracts ({@code source.format}: {@code jsonl}, {@code csv}),
 * separate from how the bytes are opened (a file, an S3 object) and decompressed. One
 * package per format, registered by one line in
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

}
