package com.audiencesync.source.format;

import java.io.Closeable;
import java.io.IOException;

/**
 * An extract's bytes read at places rather than from the first to the last: what a format
 * whose index is at the end (Parquet's footer) reads. A file is read through its channel;
 * an S3 object with ranged requests, each bound to the version first seen, so bytes of
 * another version are never mixed in.
 */
public interface ExtractBytes extends Closeable {

	/** The extract's size in bytes. */
	long length();

	/**
	 * Reads up to {@code length} bytes from {@code position} into {@code into}.
	 * @return the bytes read, at least one unless the position is at the end (-1)
	 */
	int read(long position, byte[] into, int offset, int length) throws IOException;

}
