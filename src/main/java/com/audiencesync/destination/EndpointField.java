package com.audiencesync.destination;

/**
 * One field of a vendor request row.
 *
 * @param name the field's name in the spec and in the request
 * @param kind what values it takes
 * @param required whether every row must have it
 * @param pii whether the value is personal data, masked in every report
 */
public record EndpointField(String name, Kind kind, boolean required, boolean pii) {

	/** Value kinds. */
	public enum Kind {

		/** Any text. */
		STRING,
		/** A phone number with dashes, {@code 010-1234-5678}. */
		PHONE_DASHED,
		/** A phone number in E.164, {@code +821012345678}. */
		PHONE_E164

	}

	/** Whether the field holds a phone number. */
	public boolean isPhone() {
		return this.kind != Kind.STRING;
	}

}
