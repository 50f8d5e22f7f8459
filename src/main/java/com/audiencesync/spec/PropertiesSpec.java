package com.audiencesync.spec;

import java.util.List;
import java.util.Map;

/**
 * The nested {@code properties} map. Sources combine: listed columns, typed fields and
 * every column with a prefix.
 *
 * @param columns columns copied under their own name, as strings
 * @param fields property name to its source, with types
 * @param prefix every column starting with this prefix becomes a property
 * @param stripPrefix whether the prefix is removed from the property name (default true)
 */
public record PropertiesSpec(List<String> columns, Map<String, FieldSpec> fields, String prefix, Boolean stripPrefix) {

	public PropertiesSpec {
		columns = (columns != null) ? columns : List.of();
		fields = (fields != null) ? fields : Map.of();
	}

	/** Whether the prefix is removed from property names. */
	public boolean stripPrefixOrDefault() {
		return this.stripPrefix == null || this.stripPrefix;
	}

}
