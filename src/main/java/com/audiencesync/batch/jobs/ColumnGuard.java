package com.audiencesync.batch.jobs;

import java.util.Optional;

import com.audiencesync.source.Columns;
import com.audiencesync.source.KnownColumns;
import com.audiencesync.source.Source;
import com.audiencesync.source.SourceReadException;
import com.audiencesync.source.SourceRow;
import com.audiencesync.source.SourceUnavailableException;
import com.audiencesync.spec.JobSpec;
import com.audiencesync.transform.ColumnCheck;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStreamException;
import org.springframework.batch.infrastructure.item.ItemStreamReader;

/**
 * Stops a run before it starts, and a partition before its first request, when what it
 * reads lacks a column the spec maps ({@link ColumnCheck}). A reader that knows its
 * columns before its first row ({@link KnownColumns}: a CSV header, a table's columns, a
 * new format's schema) is checked as it opens; any other is checked over its first chunk
 * of rows, which are read before anything of the chunk is sent.
 */
public final class ColumnGuard {

	private static final Logger log = LoggerFactory.getLogger(ColumnGuard.class);

	private final ColumnCheck check;

	private final int firstChunk;

	public ColumnGuard(JobSpec spec) {
		this.check = ColumnCheck.of(spec);
		this.firstChunk = spec.chunkSize();
	}

	/**
	 * Why the run cannot start, from what its source would read first (the header of its
	 * first extract, its first chunk of JSON lines, the table's columns), if the mapping
	 * reads a column that is not there. Anything else wrong with the extract is left to
	 * its partition, which reports it as it always has.
	 * @throws SourceUnavailableException when the source cannot be reached at all
	 */
	public Optional<String> beforeRun(Source source) {
		if (this.check.columns().isEmpty()) {
			return Optional.empty();
		}
		Optional<ItemStreamReader<SourceRow>> first = source.first();
		if (first.isEmpty()) {
			return Optional.empty();
		}
		ItemStreamReader<SourceRow> reader = first.get();
		try {
			reader.open(new ExecutionContext());
			Optional<Columns> known = KnownColumns.of(reader);
			if (known.isPresent()) {
				return this.check.against(known.get()).map(ColumnCheck.Missing::message);
			}
			ColumnCheck.Sample sample = this.check.sample();
			SourceRow row;
			while (sample.rows() < this.firstChunk && (row = reader.read()) != null) {
				sample.add(row);
			}
			return sample.missing().map(ColumnCheck.Missing::message);
		}
		catch (SourceUnavailableException ex) {
			throw ex;
		}
		catch (Exception ex) {
			// unreadable: its partition says why
			log.debug("the columns of {} not checked before the run: {}", source.describe(), ex.getMessage());
			return Optional.empty();
		}
		finally {
			try {
				reader.close();
			}
			catch (RuntimeException ex) {
				log.debug("closing {} after a look: {}", source.describe(), ex.getMessage());
			}
		}
	}

	/** A partition's reader, checked as it opens or over its first chunk. */
	ItemStreamReader<SourceRow> partition(ItemStreamReader<SourceRow> reader) {
		return this.check.columns().isEmpty() ? reader : new Checked(reader);
	}

	/**
	 * A check over a partition's first chunk of rows given to it one at a time (a plan
	 * reading lines), failing where the check does.
	 */
	Sampled sampled() {
		return new Sampled(this.check.columns().isEmpty() ? null : this.check.sample());
	}

	/** The first chunk's rows, checked once they are all there or the partition ends. */
	final class Sampled {

		/** The first chunk's keys while it is read; null once checked. */
		private ColumnCheck.Sample sample;

		Sampled(ColumnCheck.Sample sample) {
			this.sample = sample;
		}

		/** The next row, or null at the partition's end. */
		void add(SourceRow row) {
			if (this.sample == null) {
				return;
			}
			if (row != null) {
				this.sample.add(row);
			}
			// the chunk's rows are all read before any of it is written
			if (row == null || this.sample.rows() >= ColumnGuard.this.firstChunk) {
				Optional<ColumnCheck.Missing> missing = this.sample.missing();
				this.sample = null;
				missing.ifPresent(ColumnGuard::fail);
			}
		}

	}

	/** The partition's reader, failing it where the check does. */
	private final class Checked implements ItemStreamReader<SourceRow> {

		private final ItemStreamReader<SourceRow> reader;

		private Sampled sampled;

		Checked(ItemStreamReader<SourceRow> reader) {
			this.reader = reader;
		}

		@Override
		public void open(ExecutionContext executionContext) throws ItemStreamException {
			this.reader.open(executionContext);
			Optional<Columns> known = KnownColumns.of(this.reader);
			if (known.isPresent()) {
				this.sampled = new Sampled(null);
				ColumnGuard.this.check.against(known.get()).ifPresent(ColumnGuard::fail);
			}
			else {
				this.sampled = new Sampled(ColumnGuard.this.check.sample());
			}
		}

		@Override
		public SourceRow read() throws Exception {
			SourceRow row = this.reader.read();
			this.sampled.add(row);
			return row;
		}

		@Override
		public void update(ExecutionContext executionContext) throws ItemStreamException {
			this.reader.update(executionContext);
		}

		@Override
		public void close() throws ItemStreamException {
			this.reader.close();
		}

	}

	private static void fail(ColumnCheck.Missing missing) {
		throw new SourceReadException(missing.message());
	}

}
