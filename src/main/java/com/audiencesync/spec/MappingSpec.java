package com.audiencesync.spec;

import java.util.Map;

/**
 * How a source row becomes a destination row.
 *
 * @param fields destination field name to its source
 * @param properties the nested {@code properties} map, for endpoints that take one
 */
public record MappingSpec(Map<String, FieldSpec> fields, PropertiesSpec properties) {

	public MappingSpec {
		fields = (fields != null) ? fields : Map.of();
	}

}
