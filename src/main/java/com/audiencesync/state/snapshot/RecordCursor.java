package com.audiencesync.state.snapshot;

/**
 * Fixed-width records read one at a time, in order, into the caller's array: no object
 * per record.
 */
public interface RecordCursor extends AutoCloseable {

	/** Copies the next record into {@code into}; false when there is none. */
	boolean next(long[] into);

	@Override
	default void close() {
	}

}
