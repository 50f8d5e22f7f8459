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
 * {@link #close()}. A sort made to carry them keeps a record's sealed bytes with it
 * ({@link RecordCursor#sealed()}), counted in its memory; records that are equal come
 * back in the order they were added.
 */
final class ExternalSort implements AutoCloseable {

	/** Bytes read from a run file at a time, at most. */
	static final int READ_BUFFER = 1 << 20;

	/** Bytes read from a run file at a time, at least. */
	static final int SMALLEST_READ_BUFFER = 64 * 1024;

	/**
	 * The share of the heap one sort may hold at most (1/12: two partitions' sorts, a
	 * record array and its grown copy, leave most of a 256 MB heap to the rest).
	 */
	static final int HEAP_SHARE = 12;

	/**
	 * The bytes it may hold: records, carried bytes and, once read, its runs' buffers.
	 */
	private final long memoryBytes;

	private final Records buffer;

	/** Longs per record, without the lane that numbers a carried record's bytes. */
	private final int width;

	/** Records held before a run is written. */
	private final int limit;

	/** The bytes each held record carries, by the number in its last lane; or null. */
	private final List<byte[]> carried;

	/** Bytes held records carry, before a run is written. */
	private final long carriedLimit;

	private long carriedBytes;

	private final long[] scratch;

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
		this(width, memoryBytes, dir, false);
	}

	/**
	 * @param width longs per record
	 * @param memoryBytes how many bytes of records to hold before writing a run
	 * @param dir where run files go (made when missing)
	 * @param carries whether each record carries bytes of its own (sealed key fields)
	 */
	ExternalSort(int width, long memoryBytes, Path dir, boolean carries) {
		this.width = width;
		// several sorts run at once (a plan's partitions, a merge's lists) in a heap
		// that may be small: each keeps to a share of it, its growth included
		memoryBytes = Math.max(64 * 1024, Math.min(memoryBytes, Runtime.getRuntime().maxMemory() / HEAP_SHARE));
		this.memoryBytes = memoryBytes;
		// a carried record's bytes are numbered in a lane of its own, the last, which
		// orders equal records as they came
		int lanes = carries ? width + 1 : width;
		long recordMemory = carries ? memoryBytes / 2 : memoryBytes;
		this.limit = (int) Math.max(1024, Math.min(Integer.MAX_VALUE / lanes, recordMemory / (8L * lanes)));
		// grown as records come: a small sort holds little
		this.buffer = new Records(lanes, Math.min(this.limit, 4096), this.limit);
		this.carried = carries ? new ArrayList<>() : null;
		// never a run a few records long: each run read back takes a buffer
		this.carriedLimit = Math.max(memoryBytes - recordMemory, 1024L * 64);
		this.scratch = new long[lanes];
		this.dir = dir;
	}

	/** Adds a record: the first {@code width} longs of {@code record}. */
	void add(long[] record) {
		add(record, null);
	}

	/**
	 * Adds a record: the first {@code width} longs of {@code record}, and the bytes it
	 * carries (null for none) where the sort carries bytes.
	 */
	void add(long[] record, byte[] sealed) {
		if (this.finished) {
			throw new IllegalStateException("the sort has been read");
		}
		if (this.buffer.size() == this.limit || (this.carried != null && this.carriedBytes >= this.carriedLimit)) {
			spill();
		}
		if (this.carried != null) {
			System.arraycopy(record, 0, this.scratch, 0, this.width);
			this.scratch[this.width] = this.carried.size();
			this.carried.add(sealed);
			// an array's header and reference besides its bytes
			this.carriedBytes += 24 + ((sealed != null) ? sealed.length : 0);
			this.buffer.add(this.scratch);
		}
		else {
			if (sealed != null) {
				throw new IllegalStateException("this sort carries no bytes with its records");
			}
			this.buffer.add(record);
		}
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

				private byte[] sealed;

				@Override
				public boolean next(long[] into) {
					if (this.next >= ExternalSort.this.buffer.size()) {
						return false;
					}
					int index = this.next++;
					for (int lane = 0; lane < ExternalSort.this.width; lane++) {
						into[lane] = ExternalSort.this.buffer.lane(index, lane);
					}
					this.sealed = (ExternalSort.this.carried != null) ? ExternalSort.this.carried
						.get((int) ExternalSort.this.buffer.lane(index, ExternalSort.this.width)) : null;
					return true;
				}

				@Override
				public byte[] sealed() {
					return this.sealed;
				}
			};
		}
		if (this.buffer.size() > 0) {
			spill();
		}
		List<RecordCursor> readers = new ArrayList<>();
		// every run is read at once: their buffers share the sort's memory
		int buffer = (int) Math.max(SMALLEST_READ_BUFFER, Math.min(READ_BUFFER, this.memoryBytes / this.runs.size()));
		for (Path run : this.runs) {
			RunReader reader = new RunReader(run, this.width, this.carried != null, buffer);
			this.open.add(reader);
			readers.add(reader);
		}
		// runs in the order written: equal records come back as they were added
		return new MergedCursors(readers, this.width);
	}

	private void spill() {
		this.buffer.sort();
		try {
			Files.createDirectories(this.dir);
			Path run = Files.createTempFile(this.dir, "run-", ".bin");
			this.runs.add(run);
			int width = this.width;
			ByteBuffer out = ByteBuffer.allocate(READ_BUFFER);
			try (FileChannel channel = FileChannel.open(run, StandardOpenOption.WRITE)) {
				for (int i = 0; i < this.buffer.size(); i++) {
					byte[] sealed = (this.carried != null) ? this.carried.get((int) this.buffer.lane(i, width)) : null;
					int bytes = 8 * width + ((this.carried != null) ? 4 + ((sealed != null) ? sealed.length : 0) : 0);
					if (bytes > SMALLEST_READ_BUFFER) {
						throw new IllegalStateException("a sorted record of " + bytes + " bytes is larger than "
								+ out.capacity() + ": key fields that large are not kept");
					}
					if (out.remaining() < bytes) {
						drain(out, channel);
					}
					for (int lane = 0; lane < width; lane++) {
						out.putLong(this.buffer.lane(i, lane));
					}
					if (this.carried != null) {
						out.putInt((sealed != null) ? sealed.length : -1);
						if (sealed != null) {
							out.put(sealed);
						}
					}
				}
				drain(out, channel);
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot write a sort run in " + this.dir + ": " + ex.getMessage(), ex);
		}
		this.buffer.clear();
		if (this.carried != null) {
			this.carried.clear();
			this.carriedBytes = 0;
		}
	}

	/** Writes out what a buffer holds, and empties it. */
	static void drain(ByteBuffer out, FileChannel channel) throws IOException {
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

}
