package com.audiencesync.spec;

import java.util.List;
import java.util.Objects;

/**
 * Which source rows a destination takes; the others are skipped for it (counted, not
 * rejected). Exactly one test on one column.
 *
 * @param column the source column tested
 * @param present {@code true}: the column has a non-blank value; {@code false}: it is
 * missing or blank
 * @param equalTo the column's value, as text, is this one
 * @param in the column's value, as text, is one of these
 */
public record WhenSpec(String column, Boolean present, String equalTo, List<String> in) {

	/** Whether a row whose column holds that value goes to the destination. */
	public boolean matches(Object value) {
		boolean blank = value == null || String.valueOf(value).isBlank();
		if (this.present != null) {
			return this.present != blank;
		}
		if (blank) {
			return false;
		}
		String text = String.valueOf(value).strip();
		if (this.equalTo != null) {
			return Objects.equals(this.equalTo, text);
		}
		return this.in != null && this.in.contains(text);
	}

	/** How many tests are given (one is valid). */
	int tests() {
		return ((this.present != null) ? 1 : 0) + ((this.equalTo != null) ? 1 : 0) + ((this.in != null) ? 1 : 0);
	}

	@Override
	public String toString() {
		if (this.present != null) {
			return this.column + (this.present ? " is present" : " is blank");
		}
		return this.column + ((this.equalTo != null) ? " = " + this.equalTo : " in " + this.in);
	}

}
