package com.audiencesync.source;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PushbackReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.zip.GZIPInputStream;

import com.audiencesync.source.format.CappedLineReader;
import com.audiencesync.source.format.ExtractBytes;
import com.audiencesync.source.format.FormatOptions;
import com.audiencesync.source.format.RecordFormat;
import com.audiencesync.source.format.RecordParser;
import tools.jackson.core.JacksonException;

import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.support.AbstractItemCountingItemStreamItemReader;

/**
 * Reads one extract (a file, an S3 object; gzip or not) in its record format into
 * {@link SourceRow}s. Its position is the count of rows read, saved in the step's
 * execution context under the reader's name, so a restart resumes after the last
 * committed chunk; an extract that cannot be read any further fails, naming it and the
 * line.
 */
public class ExtractReader extends AbstractItemCountingItemStreamItemReader<SourceRow>
		implements Progress, KnownColumns, SkipsAhead, EachLine {

	/** Opens the extract's bytes from the start (a file, an S3 object). */
	@FunctionalInterface
	public interface Opener {

		/** A fresh stream from the first byte. */
		InputStream open() throws IOException;

		/**
		 * The size of the bytes {@link #open()} returns, once open, or -1 when not known.
		 */
		default long size() {
			return -1;
		}

		/**
		 * The version of the bytes {@link #open()} returns, once open: it changes when
		 * they do (an object's ETag, a file's size and a digest of its ends); null when
		 * not known.
		 */
		default String version() {
			return null;
		}

		/**
		 * The bytes to read at places, for a ranged format (Parquet); its size and
		 * version are then known.
		 */
		default ExtractBytes bytes() throws IOException {
			throw new UnsupportedOperationException("this extract is read from its first byte only");
		}

	}

	/**
	 * The key (below the reader's name) of the version of the extract a partition read:
	 * saved with its position, so a restart refuses an extract that changed since.
	 */
	public static final String VERSION = "version";

	/** The context key of the version a reader of that name saves. */
	public static String versionKey(String readerName) {
		return readerName + "." + VERSION;
	}

	/** The version saved by an earlier attempt (or a planned night's plan), or null. */
	private String kept;

	private String version;

	private final Opener opener;

	private final boolean gzip;

	private final String display;

	private final RecordFormat format;

	private final FormatOptions options;

	private RecordParser parser;

	/** The extract's bytes read so far: the progress where the format does not say. */
	private final BytesRead bytesRead = new BytesRead();

	/**
	 * @param name the reader's name: its position is saved under
	 * {@code <name>.read.count}
	 * @param opener opens the extract
	 * @param display the extract's name in messages and reports
	 * @param gzip whether the bytes are gzip
	 * @param format the record format
	 * @param options the format's options
	 */
	public ExtractReader(String name, Opener opener, String display, boolean gzip, RecordFormat format,
			FormatOptions options) {
		setName(name);
		this.opener = opener;
		this.gzip = gzip;
		this.display = display;
		this.format = format;
		this.options = options;
	}

	@Override
	public void open(ExecutionContext executionContext) {
		String key = getExecutionContextKey(VERSION);
		this.kept = executionContext.containsKey(key) ? executionContext.getString(key) : null;
		super.open(executionContext);
	}

	@Override
	protected void doOpen() throws Exception {
		try {
			this.parser = this.format.ranged()
					? this.format.open(this.bytesRead.counting(this.opener.bytes()), this.display, this.options)
					: this.format.open(open(), this.display, this.options);
		}
		catch (IOException | UncheckedIOException | JacksonException ex) {
			throw new SourceReadException(
					this.display + ": cannot be read (" + ex.getClass().getSimpleName() + ": " + ex.getMessage() + ")",
					ex);
		}
		this.version = this.opener.version();
		if (this.kept != null && this.version != null && !this.kept.equals(this.version)) {
			this.parser.close();
			this.parser = null;
			throw new SourceReadException(this.display + " changed since this run read it (then " + this.kept + ", now "
					+ this.version + "): a restart would go on at a line of other rows, so nothing more "
					+ "was read from it. Put back the extract the run read and run the date again to finish it, "
					+ "or abandon the execution and 'backfill' the date to sync the new extract");
		}
	}

	/**
	 * Saves, with the position, the version of the extract read, once a row of it was (a
	 * partition that read nothing may read a fixed extract from its start).
	 */
	@Override
	public void update(ExecutionContext executionContext) {
		super.update(executionContext);
		String version = (this.version != null) ? this.version : this.kept;
		if (version != null && (getCurrentItemCount() > 0 || this.kept != null)) {
			executionContext.putString(getExecutionContextKey(VERSION), version);
		}
	}

	private Reader open() throws IOException {
		BufferedInputStream in = new BufferedInputStream(this.bytesRead.counting(this.opener.open()), 64 * 1024);
		this.bytesRead.size(this.opener.size());
		// the bytes say whether they are gzip, whatever the name says
		in.mark(2);
		boolean magic = in.read() == 0x1f && in.read() == 0x8b;
		in.reset();
		if (this.gzip && !magic) {
			in.close();
			throw new SourceReadException(this.display + ": named .gz but not gzip (its first bytes are not "
					+ "gzip's): rename it, or compress it");
		}
		InputStream text = magic ? new GZIPInputStream(in, 64 * 1024) : in;
		// an undecodable byte sequence becomes U+FFFD, and its row BAD_ENCODING
		PushbackReader reader = new PushbackReader(new CappedLineReader(new InputStreamReader(text,
				StandardCharsets.UTF_8.newDecoder()
					.onMalformedInput(CodingErrorAction.REPLACE)
					.onUnmappableCharacter(CodingErrorAction.REPLACE)),
				this.options.maxLineBytes()));
		int first = reader.read();
		// a UTF-8 byte order mark is not part of the first column's name
		if (first != -1 && first != '\uFEFF') {
			reader.unread(first);
		}
		return reader;
	}

	@Override
	public double fraction() {
		RecordParser parser = this.parser;
		double known = (parser != null) ? parser.fraction() : -1;
		if (known >= 0) {
			return known;
		}
		return this.bytesRead.fraction();
	}

	@Override
	public Optional<Columns> columns() {
		return (this.parser != null) ? this.parser.columns() : Optional.empty();
	}

	@Override
	protected SourceRow doRead() {
		try {
			return this.parser.next();
		}
		catch (IOException | UncheckedIOException | JacksonException ex) {
			throw unreadable(ex);
		}
	}

	@Override
	public void skipBefore(long position) {
		if (this.parser == null) {
			return;
		}
		try {
			long skipped = this.parser.skipBefore(position);
			if (skipped > 0) {
				setCurrentItemCount(Math.toIntExact(getCurrentItemCount() + skipped));
			}
		}
		catch (IOException | UncheckedIOException ex) {
			throw unreadable(ex);
		}
	}

	/**
	 * Each line left, counted as read as it is handed over (so the version read is saved
	 * with the position, as {@link #read()} has it).
	 */
	@Override
	public boolean eachLine(EachLine.Visitor visitor) throws Exception {
		try {
			return this.parser.eachLine((line) -> {
				setCurrentItemCount(getCurrentItemCount() + 1);
				visitor.line(line);
			});
		}
		catch (IOException | UncheckedIOException | JacksonException ex) {
			throw unreadable(ex);
		}
	}

	@Override
	protected void jumpToItem(int itemIndex) {
		try {
			this.parser.skip(itemIndex);
		}
		catch (IOException | UncheckedIOException | JacksonException ex) {
			throw unreadable(ex);
		}
	}

	private SourceReadException unreadable(Exception ex) {
		return new SourceReadException(this.display + ": cannot read after line " + this.parser.line() + " ("
				+ ex.getClass().getSimpleName() + ": " + ex.getMessage() + ")", ex);
	}

	@Override
	protected void doClose() throws Exception {
		if (this.parser != null) {
			this.parser.close();
			this.parser = null;
		}
	}

}
