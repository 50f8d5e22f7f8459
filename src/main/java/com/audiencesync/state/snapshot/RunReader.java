package com.audiencesync.state.snapshot;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * One run file of an {@link ExternalSort}, read a buffer at a time: its records, each
 * with the bytes it carries where the sort carries bytes.
 */
final class RunReader implements RecordCursor {

	private final FileChannel channel;

	private final ByteBuffer in;

	private final int width;

	private final boolean carries;

	private final Path file;

	private byte[] sealed;

	RunReader(Path file, int width, boolean carries, int buffer) {
		this.file = file;
		this.width = width;
		this.carries = carries;
		this.in = ByteBuffer.allocate(buffer);
		this.in.flip();
		try {
			this.channel = FileChannel.open(file, StandardOpenOption.READ);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot read the sort run " + file + ": " + ex.getMessage(), ex);
		}
	}

	@Override
	public boolean next(long[] into) {
		if (!ensure(8 * this.width + (this.carries ? 4 : 0))) {
			return false;
		}
		for (int lane = 0; lane < this.width; lane++) {
			into[lane] = this.in.getLong();
		}
		if (this.carries) {
			int length = this.in.getInt();
			this.sealed = null;
			if (length >= 0) {
				if (!ensure(length)) {
					throw new IllegalStateException("the sort run " + this.file + " ends inside a record");
				}
				this.sealed = new byte[length];
				this.in.get(this.sealed);
			}
		}
		return true;
	}

	@Override
	public byte[] sealed() {
		return this.sealed;
	}

	/** Whether {@code bytes} more are there, reading on when fewer are buffered. */
	private boolean ensure(int bytes) {
		if (this.in.remaining() >= bytes) {
			return true;
		}
		try {
			this.in.compact();
			while (this.in.position() < bytes && this.channel.read(this.in) >= 0) {
				// read until a whole record is there, or the end
			}
			while (this.in.hasRemaining() && this.channel.read(this.in) > 0) {
				// and fill the buffer while the file gives
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot read the sort run " + this.file + ": " + ex.getMessage(), ex);
		}
		this.in.flip();
		return this.in.remaining() >= bytes;
	}

	@Override
	public void close() {
		try {
			this.channel.close();
		}
		catch (IOException ex) {
			// read-only
		}
	}

}
