package com.audiencesync.source.format.parquet;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;

import com.audiencesync.source.format.ExtractBytes;
import org.apache.parquet.io.InputFile;
import org.apache.parquet.io.SeekableInputStream;

/**
 * An extract's bytes as parquet-java reads a file: a stream that seeks. Small reads (a
 * footer's length, page headers) come from a buffer of {@link #BUFFER} bytes read at
 * once; a larger one (a row group's column chunks) is read straight into its target, so
 * an S3 object costs one ranged request per column chunk run, not one per page.
 */
final class PlacedInput implements InputFile {

	/** Bytes read at once for small reads. */
	static final int BUFFER = 64 * 1024;

	private final ExtractBytes bytes;

	PlacedInput(ExtractBytes bytes) {
		this.bytes = bytes;
	}

	@Override
	public long getLength() {
		return this.bytes.length();
	}

	@Override
	public SeekableInputStream newStream() {
		return new Stream();
	}

	private final class Stream extends SeekableInputStream {

		private long position;

		private final byte[] buffer = new byte[BUFFER];

		/** Where the buffer's first byte is in the extract. */
		private long bufferStart;

		private int bufferLength;

		@Override
		public long getPos() {
			return this.position;
		}

		@Override
		public void seek(long newPos) {
			this.position = newPos;
		}

		@Override
		public int read() throws IOException {
			byte[] one = new byte[1];
			return (read(one, 0, 1) < 0) ? -1 : (one[0] & 0xff);
		}

		@Override
		public int read(byte[] into, int offset, int length) throws IOException {
			if (length == 0) {
				return 0;
			}
			if (this.position >= getLength()) {
				return -1;
			}
			if (length >= BUFFER) {
				int read = PlacedInput.this.bytes.read(this.position, into, offset, length);
				if (read > 0) {
					this.position += read;
				}
				return read;
			}
			if (this.position < this.bufferStart || this.position >= this.bufferStart + this.bufferLength) {
				int read = PlacedInput.this.bytes.read(this.position, this.buffer, 0, BUFFER);
				if (read <= 0) {
					return -1;
				}
				this.bufferStart = this.position;
				this.bufferLength = read;
			}
			int at = (int) (this.position - this.bufferStart);
			int taken = Math.min(length, this.bufferLength - at);
			System.arraycopy(this.buffer, at, into, offset, taken);
			this.position += taken;
			return taken;
		}

		@Override
		public void readFully(byte[] into) throws IOException {
			readFully(into, 0, into.length);
		}

		@Override
		public void readFully(byte[] into, int offset, int length) throws IOException {
			int done = 0;
			while (done < length) {
				int read = read(into, offset + done, length - done);
				if (read < 0) {
					throw new EOFException("the extract ends at byte " + getLength() + ", before the " + length
							+ " bytes read at " + (this.position - done) + " (a truncated file?)");
				}
				done += read;
			}
		}

		@Override
		public int read(ByteBuffer into) throws IOException {
			int length = into.remaining();
			if (into.hasArray()) {
				int read = read(into.array(), into.arrayOffset() + into.position(), length);
				if (read > 0) {
					into.position(into.position() + read);
				}
				return read;
			}
			byte[] bytes = new byte[length];
			int read = read(bytes, 0, length);
			if (read > 0) {
				into.put(bytes, 0, read);
			}
			return read;
		}

		@Override
		public void readFully(ByteBuffer into) throws IOException {
			while (into.hasRemaining()) {
				if (read(into) < 0) {
					throw new EOFException("the extract ends at byte " + getLength() + ", before " + into.remaining()
							+ " more bytes (a truncated file?)");
				}
			}
		}

	}

}
