package com.audiencesync.transform;

import java.util.List;
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
	 * @param setOnce on endpoints with property operations: properties set only where the
	 * user has none yet ({@code properties} are the ones set)
	 * @param unset on endpoints with property operations: properties removed
	 */
	record Accepted(SourceRow origin, Map<String, Object> fields, Map<String, Object> properties, String masked,
			String rowId, Map<String, Object> setOnce, List<String> unset) implements Transformed {

		public Accepted {
			setOnce = (setOnce != null) ? setOnce : Map.of();
			unset = (unset != null) ? unset : List.of();
		}

		/** A row without property operations. */
		public Accepted(SourceRow origin, Map<String, Object> fields, Map<String, Object> properties, String masked,
				String rowId) {
			this(origin, fields, properties, masked, rowId, null, null);
		}

	}

	/**
	 * A row this destination does not take (its {@code when} does not match, or it
	 * changes nothing): neither sent nor rejected.
	 *
	 * @param origin the row as read
	 * @param reason why, for logs and counts
	 */
	record Skipped(SourceRow origin, String reason) implements Transformed {
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
