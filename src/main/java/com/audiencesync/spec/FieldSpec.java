package com.audiencesync.spec;

import java.util.Map;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The source of one destination field. In YAML either a column name
 * ({@code memberId: member_id}) or a map.
 *
 * @param column source column (CSV header or JSON key; dots reach into nested JSON
 * objects)
 * @param constant a fixed value instead of a column
 * @param type {@code string} (default), {@code integer}, {@code decimal}, {@code boolean}
 * or {@code phone}
 * @param format for {@code phone}: {@code dashed} ({@code 010-1234-5678}) or {@code e164}
 * ({@code +821012345678}); default: what the endpoint needs
 * @param required whether a missing or blank value rejects the row; default: what the
 * endpoint needs
 * @param defaultValue ({@code default} in YAML) used when the column is missing or blank
 * @param pii whether the value is personal data (masked in every report); phone fields
 * always are
 * @param values for a field with a closed set of values (consent statuses, platforms):
 * source value to the value sent, replacing the endpoint's usual spellings, e.g.
 * {@code {Y: SUBSCRIBED, N: UNSUBSCRIBED}}; a value not listed rejects the row
 * @param operation for a property of an endpoint with property operations (Hackle):
 * {@code set} (default), {@code set-once} (only where the user has no value yet) or
 * {@code unset} (always remove the property)
 * @param onBlank what a missing or blank value of a property does: {@code omit} (leave
 * the vendor's value alone), {@code null} (send null) or {@code unset} (remove it, on
 * endpoints with property operations); default from {@code properties.on-blank}
 * @param hash {@code sha256}: send the lower-case hex SHA-256 of the normalised value
 * (E.164 for a phone, trimmed and lower-cased for an email) instead of the value
 * @param encrypt {@code deterministic}: send the value encrypted with the {@code daead}
 * keyset (Tink deterministic AEAD, AES-SIV), base64
 */
public record FieldSpec(String column, Object constant, String type, String format, Boolean required,
		@JsonProperty("default") Object defaultValue, Boolean pii, Map<String, String> values, String operation,
		String onBlank, String hash, String encrypt) {

	/** A field without closed values or property operations. */
	public FieldSpec(String column, Object constant, String type, String format, Boolean required, Object defaultValue,
			Boolean pii) {
		this(column, constant, type, format, required, defaultValue, pii, null, null, null, null, null);
	}

	@JsonCreator(mode = JsonCreator.Mode.DELEGATING)
	static FieldSpec ofColumn(String column) {
		return new FieldSpec(column, null, null, null, null, null, null);
	}

	/** The declared type, {@code string} when absent. */
	public String typeOrDefault() {
		return (this.type != null) ? this.type : "string";
	}

}
