package com.audiencesync.state.snapshot;

/**
 * Fixed-width records read one at a time, in order, into the caller's array: no object
 * per record.
 */
public interface RecordCursor extends AutoCloseable {

	/** Copies the next record into {@code into}; false when there is none. */
	boolean next(long[] into);

	/**
	 * The bytes the record last read carries (a key's fields, sealed), or null: none, or
	 * a cursor of records that carry none.
	 */
	default byte[] sealed() {
		return null;
	}

	@Override
	default void close() {
	}

}
