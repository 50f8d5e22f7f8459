package com.audiencesync.spec;

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
 */
public record FieldSpec(String column, Object constant, String type, String format, Boolean required,
		@JsonProperty("default") Object defaultValue, Boolean pii) {

	@JsonCreator(mode = JsonCreator.Mode.DELEGATING)
	static FieldSpec ofColumn(String column) {
		return new FieldSpec(column, null, null, null, null, null, null);
	}

	/** The declared type, {@code string} when absent. */
	public String typeOrDefault() {
		return (this.type != null) ? this.type : "string";
	}

}
