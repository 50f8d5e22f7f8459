package com.audiencesync.spec;

import java.util.Map;

import com.fasterxml.jackson.annotation.JsonAnySetter;

/**
 * A {@code source} whose {@code type} is missing or names no registered kind: it only
 * reports that.
 *
 * @param type the type given, or null
 * @param otherKeys every other key
 */
record UntypedSourceSpec(String type, @JsonAnySetter Map<String, Object> otherKeys) implements SourceSpec {

	@Override
	public String onEmpty() {
		return null;
	}

	@Override
	public void validate(SpecProblems problems) {
		String kinds = SourceTypes.ids().toString();
		if (this.type == null) {
			problems.add("source.type", "is required (one of " + kinds + ")");
		}
		else {
			problems.add("source.type", "'" + this.type + "' is not a source type (one of " + kinds + ")");
		}
	}

	@Override
	public String describe() {
		return String.valueOf(this.type);
	}

}
