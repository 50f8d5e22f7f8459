package com.audiencesync.transform;

import java.util.Map;
import java.util.function.Supplier;

import com.audiencesync.destination.MappedRow;
import com.audiencesync.source.SourceRow;

/** What becomes of a source row: a destination row, or a rejection with its reason. */
public sealed interface Transformed {

	/** The row as read. */
	SourceRow origin();

	/**
	 * A row ready for the endpoint.
	 *
	 * @param origin the row as read
	 * @param row what the endpoint gets: fields, properties by operation, a stable id
	 * @param preview makes {@link #masked()}, when a row is refused or shown (most rows
	 * never are)
	 */
	record Accepted(SourceRow origin, MappedRow row, Supplier<String> preview) implements Transformed {

		public Accepted(SourceRow origin, MappedRow row, String masked) {
			this(origin, row, () -> masked);
		}

		/** The row's key fields masked and its property names, as JSON: safe to store. */
		public String masked() {
			return this.preview.get();
		}

		/** Destination field to value (already typed and normalised). */
		public Map<String, Object> fields() {
			return this.row.fields();
		}

		/** The properties to set, or null when the endpoint takes none. */
		public Map<String, Object> properties() {
			return this.row.set();
		}

		/** The row's stable id within its run. */
		public String rowId() {
			return this.row.rowId();
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
	 * @param keyFields the fields of the row's upsert key where they could be read (in
	 * plaintext, never stored: a mirror counts the key as still in the source), or null
	 */
	record Rejected(SourceRow origin, String reasonCode, String message, String masked,
			Map<String, Object> keyFields) implements Transformed {

		/** A rejection whose key is not known. */
		public Rejected(SourceRow origin, String reasonCode, String message, String masked) {
			this(origin, reasonCode, message, masked, null);
		}

		@Override
		public String toString() {
			// the key fields are personal data
			return "Rejected[" + this.origin.where() + ", " + this.reasonCode + "]";
		}

	}

}
