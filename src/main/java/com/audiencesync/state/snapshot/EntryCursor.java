package com.audiencesync.state.snapshot;

/**
 * A snapshot's entries in key order ({@link Snapshots#WIDTH} longs each), with the key
 * fields, sealed, of the entry last read.
 */
public interface EntryCursor extends RecordCursor {

	/** The key fields, sealed, of the entry last read; null when it has none. */
	byte[] sealed();

}
