package com.audiencesync.transform;

import java.util.Map;

import com.audiencesync.source.SourceRow;

/** What becomes of a source row: a destination row, or a rejection with its reason. */
public sealed interface Transformed {

	/** The row as read. */
	SourceRow origin();

	/**
	 * A row ready for the endpoint.
	 *
	 * @param origin the row as read
	 * @param fields destination field to value (already typed and normalised)
	 * @param properties the properties map, or null when the endpoint takes none
	 * @param masked the row's key fields masked and its property names, as JSON: safe to
	 * store
	 * @param rowId a stable id of the row within its run (the same file line gets the
	 * same id on a restart): event ids are derived from it
	 */
	record Accepted(SourceRow origin, Map<String, Object> fields, Map<String, Object> properties, String masked,
			String rowId) implements Transformed {
	}

	/**
	 * A row that will not be sent.
	 *
	 * @param origin the row as read
	 * @param reasonCode machine-readable reason, e.g. {@code BAD_PHONE}
	 * @param message what is wrong, naming the field; personal data masked
	 * @param masked the row's key fields masked, as JSON, or null when it could not be
	 * read
	 */
	record Rejected(SourceRow origin, String reasonCode, String message, String masked) implements Transformed {
	}

}
