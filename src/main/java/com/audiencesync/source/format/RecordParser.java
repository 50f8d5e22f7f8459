package com.audiencesync.source.format;

import java.io.Closeable;
import java.io.IOException;
import java.util.Optional;

import com.audiencesync.source.Columns;
import com.audiencesync.source.EachLine;
import com.audiencesync.source.SourceRow;

/**
 * Reads the records of one extract in order. A record that cannot be parsed becomes an
 * unreadable row (its reason, never its content), so the rest of the extract goes on; an
 * extract that cannot be read any further throws.
 */
public interface RecordParser extends Closeable {

	/** The next row, or null at the end. */
	SourceRow next() throws IOException;

	/**
	 * Skips the first {@code count} records (a restart's committed rows); a format that
	 * can do it faster than parsing them says so.
	 */
	default void skip(int count) throws IOException {
		for (int i = 0; i < count && next() != null; i++) {
			// parsed and dropped
		}
	}

	/**
	 * Passes over the records before a line, unparsed, where one line is one record (JSON
	 * lines); none in a format whose records can span lines (CSV).
	 * @return the records passed over
	 */
	default long skipBefore(long line) throws IOException {
		return 0;
	}

	/**
	 * Hands every record left to the visitor as its line, parsed only if asked, where one
	 * line is one record (JSON lines).
	 * @return false, with nothing read, in a format whose records can span lines
	 */
	default boolean eachLine(EachLine.Visitor visitor) throws Exception {
		return false;
	}

	/**
	 * The columns every record has, when the format says before the first record (a CSV
	 * header, a Parquet schema); empty for formats whose records each name their own
	 * (JSON lines) and for an extract without a header.
	 */
	default Optional<Columns> columns() {
		return Optional.empty();
	}

	/**
	 * How much of the extract was read, from 0 to 1, where the format knows it better
	 * than the bytes read do (a Parquet footer counts the rows); -1 otherwise.
	 */
	default double fraction() {
		return -1;
	}

	/** The last line read, for messages. */
	long line();

}
