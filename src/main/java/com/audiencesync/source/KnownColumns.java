package com.audiencesync.source;

import java.util.Optional;

/**
 * A reader that knows, once open and before its first row, the columns its rows hold: a
 * CSV header, a table's or query's result columns. A reader of a format without a header
 * (JSON lines) does not; its first rows tell instead.
 */
public interface KnownColumns {

	/** The columns, once the reader is open; empty when they are not known up front. */
	Optional<Columns> columns();

	/** The columns a reader knows up front, if it is one that can. */
	static Optional<Columns> of(Object reader) {
		return (reader instanceof KnownColumns known) ? known.columns() : Optional.empty();
	}

}
