package com.audiencesync.state.snapshot;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a partition's lines made last night, kept on local disk between nights
 * ({@code audience-sync.state.memo-dir}): for each line that every planned destination
 * took, a keyed hash of its text and the record each destination planned for it (key,
 * payload and identity hashes). Tonight's plan hashes its lines, sorts the hashes and
 * reads the memo beside them: a line it holds is planned from it, unparsed and unmapped,
 * and only the other lines are read again and mapped. The memo is a cache of a pure
 * function of a line (the spec, the program and the keys are its {@code function}): one
 * made by another function, or none, only costs a night its speed.
 */
public final class LineMemo implements AutoCloseable {

	private static final Logger log = LoggerFactory.getLogger(LineMemo.class);

	/** A memo's first record starts with this: "ASMEMO" and its format, 1. */
	static final long MAGIC = 0x41534D454D4F0001L;

	/**
	 * Longs a destination's record takes in an entry: key (2), fingerprint (2), identity.
	 */
	static final int PER_DESTINATION = 5;

	private final Path file;

	private final long function0;

	private final long function1;

	private final int destinations;

	private final int width;

	/** Tonight's lines: hash (2 longs) and position; null once looked up. */
	private ExternalSort lines;

	/** Tonight's entries of the lines mapped, for the next memo. */
	private final ExternalSort next;

	/**
	 * Tonight's entries of the lines planned from the memo, in the order of their hashes
	 * as the lookup meets them: written as they come, never sorted; null until then.
	 */
	private Path kept;

	private final Path work;

	/** The lines mapped tonight, gathered destination by destination. */
	private final MappedLines mapped;

	private final long[] entry;

	/** A line of tonight's: its hash (2 longs) and its position. */
	private final long[] record = new long[3];

	private long hits;

	/**
	 * @param file the memo of a target's partition (read if there, replaced by
	 * {@link #store()})
	 * @param function what made the lines' records (16 bytes): a memo of another is not
	 * read
	 * @param destinations how many destinations each line is planned for
	 * @param sortMemory the memory of each of its two sorts
	 * @param work where the sorts spill
	 */
	public LineMemo(Path file, byte[] function, int destinations, long sortMemory, Path work) {
		ByteBuffer bytes = ByteBuffer.wrap(function);
		this.file = file;
		this.function0 = bytes.getLong();
		this.function1 = bytes.getLong();
		this.destinations = destinations;
		this.width = 2 + PER_DESTINATION * destinations;
		this.entry = new long[this.width];
		this.lines = new ExternalSort(3, sortMemory, work);
		this.next = new ExternalSort(this.width, sortMemory, work);
		this.mapped = new MappedLines(destinations, this.next::add);
		this.work = work;
	}

	/** Whether there is a memo of these lines at all, of any function. */
	public boolean exists() {
		return Files.isRegularFile(this.file);
	}

	/** Where the memo is kept. */
	public Path file() {
		return this.file;
	}

	/** Whether last night's memo is there, made by the same function. */
	public boolean held() {
		if (!exists()) {
			return false;
		}
		try (RunReader reader = new RunReader(this.file, this.width, false, 4096)) {
			return reader.next(this.entry) && this.entry[0] == MAGIC && this.entry[1] == this.function0
					&& this.entry[2] == this.function1;
		}
		catch (RuntimeException ex) {
			log.warn("the line memo {} is not read ({}): tonight's lines are all mapped", this.file, ex.getMessage());
			return false;
		}
	}

	/** A line of tonight's partition, by its hash (16 bytes), to look up. */
	public void line(byte[] hash, long position) {
		ByteBuffer bytes = ByteBuffer.wrap(hash);
		this.record[0] = bytes.getLong();
		this.record[1] = bytes.getLong();
		this.record[2] = position;
		this.lines.add(this.record);
	}

	/**
	 * Looks tonight's lines up in last night's memo: a line it holds is planned from it,
	 * for each destination (in order) and remembered for tomorrow; any other is set in
	 * {@code misses}, for its partition to map.
	 * @return the lines planned from the memo
	 */
	public long join(List<PartitionPlan> plans, BitSet misses) {
		long[] old = new long[this.width];
		ByteBuffer out = ByteBuffer.allocate(256 * 1024);
		try (RecordCursor tonight = this.lines.sorted();
				RunReader memo = new RunReader(this.file, this.width, false, 256 * 1024);
				FileChannel kept = FileChannel.open(keptFile(), StandardOpenOption.WRITE)) {
			// the memo's header
			boolean oldHeld = memo.next(old) && memo.next(old);
			while (tonight.next(this.record)) {
				// by their hashes, the first two lanes of both
				while (oldHeld && Records.compare(old, this.record, 2) < 0) {
					oldHeld = memo.next(old);
				}
				if (oldHeld && old[0] == this.record[0] && old[1] == this.record[1]) {
					for (int d = 0; d < this.destinations; d++) {
						int at = 2 + PER_DESTINATION * d;
						plans.get(d).add(old[at], old[at + 1], this.record[2], old[at + 2], old[at + 3], old[at + 4]);
					}
					put(out, kept, old);
					this.hits++;
				}
				else {
					misses.set(Math.toIntExact(this.record[2]));
				}
			}
			ExternalSort.drain(out, kept);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(
					"cannot write the lines kept from the line memo " + this.kept + ": " + ex.getMessage(), ex);
		}
		finally {
			// its records held no longer
			this.lines.close();
			this.lines = null;
		}
		return this.hits;
	}

	private Path keptFile() throws IOException {
		Files.createDirectories(this.work);
		this.kept = Files.createTempFile(this.work, "memo-kept-", ".bin");
		return this.kept;
	}

	/** A line to map tonight, by its hash: its destinations' records follow. */
	public void mapping(byte[] hash, long position) {
		this.mapped.mapping(hash, position);
	}

	/**
	 * A destination's record of a line being mapped (as {@link PartitionPlan#add} takes
	 * it): once every destination's is there, the line is remembered.
	 */
	public void planned(int destination, long position, byte[] key, byte[] fingerprint, byte[] identity) {
		this.mapped.planned(destination, position, key, fingerprint, identity);
	}

	/**
	 * A line a destination did not plan a payload for (rejected, skipped, without a key):
	 * it is mapped again every night, so its rejection is reported every night.
	 */
	public void unplanned(int destination, long position) {
		this.mapped.unplanned(position);
	}

	/** Lines planned from the memo. */
	public long hits() {
		return this.hits;
	}

	/**
	 * Writes tonight's memo in place of last night's (once whole, by a rename): what
	 * tonight's lines made, sorted by their hashes.
	 */
	public void store() {
		Path temporary = null;
		try {
			Files.createDirectories(this.file.getParent());
			MemoFolder.sweep(this.file);
			temporary = Files.createTempFile(this.file.getParent(), this.file.getFileName().toString(), ".new");
			long lines = 0;
			ByteBuffer out = ByteBuffer.allocate(256 * 1024);
			RecordCursor mapped = this.next.sorted();
			RecordCursor sorted = (this.kept != null) ? new MergedCursors(
					List.of(new RunReader(this.kept, this.width, false, 256 * 1024), mapped), this.width) : mapped;
			try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE); sorted) {
				Arrays.fill(this.entry, 0);
				this.entry[0] = MAGIC;
				this.entry[1] = this.function0;
				this.entry[2] = this.function1;
				put(out, channel, this.entry);
				while (sorted.next(this.entry)) {
					put(out, channel, this.entry);
					lines++;
				}
				ExternalSort.drain(out, channel);
			}
			try {
				Files.move(temporary, this.file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
			}
			catch (AtomicMoveNotSupportedException ex) {
				Files.move(temporary, this.file, StandardCopyOption.REPLACE_EXISTING);
			}
			temporary = null;
			log.debug("line memo {}: {} line(s)", this.file, lines);
		}
		catch (IOException | UncheckedIOException ex) {
			// a cache: tomorrow maps every line
			log.warn("the line memo {} is not written ({}): the next night maps every line", this.file,
					ex.getMessage());
		}
		finally {
			if (temporary != null) {
				try {
					Files.deleteIfExists(temporary);
				}
				catch (IOException ex) {
					// left in the memo's folder
				}
			}
		}
	}

	private void put(ByteBuffer out, FileChannel channel, long[] lanes) throws IOException {
		if (out.remaining() < 8 * lanes.length) {
			ExternalSort.drain(out, channel);
		}
		for (long lane : lanes) {
			out.putLong(lane);
		}
	}

	@Override
	public void close() {
		if (this.lines != null) {
			this.lines.close();
		}
		this.next.close();
		if (this.kept != null) {
			try {
				Files.deleteIfExists(this.kept);
			}
			catch (IOException ex) {
				// a temporary file left in the sorts' folder
			}
		}
	}

}
