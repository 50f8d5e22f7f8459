package com.audiencesync.state.snapshot;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * Sorts more fixed-width records than a heap may hold: records gather in memory up to a
 * bound, each full buffer is sorted and written to a run file of its own in a local
 * folder, and the sorted whole is read back as a merge of the runs. Memory stays at the
 * bound and a read buffer per run, whatever the count; the run files are deleted on
 * {@link #close()}.
 */
final class ExternalSort implements AutoCloseable {

	/** Bytes read from a run file at a time. */
	static final int READ_BUFFER = 1 << 20;

	private final Records buffer;

	/** Records held before a run is written. */
	private final int limit;

	private final Path dir;

	private final List<Path> runs = new ArrayList<>();

	private final List<AutoCloseable> open = new ArrayList<>();

	private long count;

	private boolean finished;

	/**
	 * @param width longs per record
	 * @param memoryBytes how many bytes of records to hold before writing a run
	 * @param dir where run files go (made when missing)
	 */
	ExternalSort(int width, long memoryBytes, Path dir) {
		this.limit = (int) Math.max(1024, Math.min(Integer.MAX_VALUE / width, memoryBytes / (8L * width)));
		// grown as records come: a small sort holds little
		this.buffer = new Records(width, Math.min(this.limit, 4096), this.limit);
		this.dir = dir;
	}

	/** Adds a record: the first {@code width} longs of {@code record}. */
	void add(long[] record) {
		if (this.finished) {
			throw new IllegalStateException("the sort has been read");
		}
		if (this.buffer.size() == this.limit) {
			spill();
		}
		this.buffer.add(record);
		this.count++;
	}

	/** Records added. */
	long count() {
		return this.count;
	}

	/** Run files written so far. */
	int runs() {
		return this.runs.size();
	}

	/** Every record added, in order; once. */
	RecordCursor sorted() {
		if (this.finished) {
			throw new IllegalStateException("the sort has been read");
		}
		this.finished = true;
		if (this.runs.isEmpty()) {
			this.buffer.sort();
			return new RecordCursor() {
				private int next;

				@Override
				public boolean next(long[] into) {
					if (this.next >= ExternalSort.this.buffer.size()) {
						return false;
					}
					ExternalSort.this.buffer.get(this.next++, into);
					return true;
				}
			};
		}
		if (this.buffer.size() > 0) {
			spill();
		}
		List<RecordCursor> readers = new ArrayList<>();
		for (Path run : this.runs) {
			RunReader reader = new RunReader(run, this.buffer.width());
			this.open.add(reader);
			readers.add(reader);
		}
		return new MergedCursors(readers, this.buffer.width());
	}

	private void spill() {
		this.buffer.sort();
		try {
			Files.createDirectories(this.dir);
			Path run = Files.createTempFile(this.dir, "run-", ".bin");
			this.runs.add(run);
			int width = this.buffer.width();
			ByteBuffer out = ByteBuffer.allocate(READ_BUFFER - READ_BUFFER % (8 * width));
			try (FileChannel channel = FileChannel.open(run, StandardOpenOption.WRITE)) {
				for (int i = 0; i < this.buffer.size(); i++) {
					if (out.remaining() < 8 * width) {
						drain(out, channel);
					}
					for (int lane = 0; lane < width; lane++) {
						out.putLong(this.buffer.lane(i, lane));
					}
				}
				drain(out, channel);
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot write a sort run in " + this.dir + ": " + ex.getMessage(), ex);
		}
		this.buffer.clear();
	}

	private static void drain(ByteBuffer out, FileChannel channel) throws IOException {
		out.flip();
		while (out.hasRemaining()) {
			channel.write(out);
		}
		out.clear();
	}

	@Override
	public void close() {
		for (AutoCloseable each : this.open) {
			try {
				each.close();
			}
			catch (Exception ex) {
				// deleting the file is what matters
			}
		}
		for (Path run : this.runs) {
			try {
				Files.deleteIfExists(run);
			}
			catch (IOException ex) {
				// a temporary file left behind in a temporary folder
			}
		}
		this.runs.clear();
	}

	/** One run file, read a buffer at a time. */
	private static final class RunReader implements RecordCursor {

		private final FileChannel channel;

		private final ByteBuffer in;

		private final int width;

		private final Path file;

		RunReader(Path file, int width) {
			this.file = file;
			this.width = width;
			this.in = ByteBuffer.allocate(READ_BUFFER - READ_BUFFER % (8 * width));
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
			if (this.in.remaining() < 8 * this.width) {
				try {
					this.in.compact();
					while (this.in.position() < 8 * this.width && this.channel.read(this.in) >= 0) {
						// read until a whole record is there, or the end
					}
					while (this.in.hasRemaining() && this.channel.read(this.in) > 0) {
						// and fill the buffer while the file gives
					}
				}
				catch (IOException ex) {
					throw new UncheckedIOException("cannot read the sort run " + this.file + ": " + ex.getMessage(),
							ex);
				}
				this.in.flip();
				if (this.in.remaining() < 8 * this.width) {
					return false;
				}
			}
			for (int lane = 0; lane < this.width; lane++) {
				into[lane] = this.in.getLong();
			}
			return true;
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

}
