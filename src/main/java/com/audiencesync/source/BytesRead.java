package com.audiencesync.source;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.atomic.AtomicLong;

import com.audiencesync.source.format.ExtractBytes;

/**
 * How much of an extract was read, in its bytes as stored (before gunzip): what a
 * reader's progress is where its format does not count records itself.
 */
final class BytesRead {

	private final AtomicLong read = new AtomicLong();

	/** The extract's size, or -1 when not known. */
	private volatile long size = -1;

	/**
	 * The extract's stream, counted from 0; its size is told once known
	 * ({@link #size(long)}).
	 */
	InputStream counting(InputStream in) {
		start(-1);
		return new FilterInputStream(in) {

			@Override
			public int read() throws IOException {
				int read = super.read();
				if (read >= 0) {
					BytesRead.this.read.incrementAndGet();
				}
				return read;
			}

			@Override
			public int read(byte[] bytes, int offset, int length) throws IOException {
				int read = super.read(bytes, offset, length);
				if (read > 0) {
					BytesRead.this.read.addAndGet(read);
				}
				return read;
			}

			@Override
			public long skip(long n) throws IOException {
				long skipped = super.skip(n);
				BytesRead.this.read.addAndGet(skipped);
				return skipped;
			}

		};
	}

	/** The extract's bytes read at places (a ranged format), counted from 0. */
	ExtractBytes counting(ExtractBytes bytes) {
		start(bytes.length());
		return new ExtractBytes() {

			@Override
			public long length() {
				return bytes.length();
			}

			@Override
			public int read(long position, byte[] into, int offset, int length) throws IOException {
				int read = bytes.read(position, into, offset, length);
				if (read > 0) {
					BytesRead.this.read.addAndGet(read);
				}
				return read;
			}

			@Override
			public void close() throws IOException {
				bytes.close();
			}

		};
	}

	/** The size is known once the extract is open (an object's length). */
	void size(long size) {
		this.size = size;
	}

	/** The share of the extract read, from 0 to 1, or -1 when its size is not known. */
	double fraction() {
		long size = this.size;
		return (size > 0) ? Math.min(1.0, (double) this.read.get() / size) : -1;
	}

	private void start(long size) {
		this.read.set(0);
		this.size = size;
	}

}
