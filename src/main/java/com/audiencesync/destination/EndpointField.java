package com.audiencesync.destination;

import java.util.Map;

/**
 * One field of a vendor request row.
 *
 * @param name the field's name in the spec
 * @param kind what values it takes
 * @param required whether every row must have it
 * @param pii whether the value is personal data, masked in every report
 * @param values for a field with a closed set of values: accepted spellings (lower case)
 * to the value sent; empty for any value
 */
public record EndpointField(String name, Kind kind, boolean required, boolean pii, Map<String, String> values) {

	public EndpointField(String name, Kind kind, boolean required, boolean pii) {
		this(name, kind, required, pii, Map.of());
	}

	/** Value kinds; some need a spec type so the value arrives in the right form. */
	public enum Kind {

		/** Any text. */
		STRING(null),
		/** A phone number with dashes, {@code 010-1234-5678}. */
		PHONE_DASHED("phone"),
		/** A phone number in E.164, {@code +821012345678}. */
		PHONE_E164("phone"),
		/** ISO 8601 with an explicit offset. */
		TIMESTAMP("timestamp"),
		/** true or false. */
		BOOLEAN("boolean");

		private final String specType;

		Kind(String specType) {
			this.specType = specType;
		}

		/** The {@code type} a spec must give the field, or null when any will do. */
		public String specType() {
			return this.specType;
		}

	}

	/** Whether the field holds a phone number. */
	public boolean isPhone() {
		return this.kind == Kind.PHONE_DASHED || this.kind == Kind.PHONE_E164;
	}

	/** The values sent, for messages. */
	public String allowed() {
		return this.values.values().stream().distinct().sorted().toList().toString();
	}

}
