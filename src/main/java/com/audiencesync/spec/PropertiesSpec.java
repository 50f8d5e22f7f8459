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
 * @param operation for endpoints with property operations (Hackle): the operation of
 * {@code columns} and {@code prefix} properties and the default of {@code fields}:
 * {@code set} (default) or {@code set-once}
 * @param onBlank what a missing or blank value does unless a field says otherwise:
 * {@code omit}, {@code null} or {@code unset}; default {@code omit} on endpoints with
 * property operations, {@code null} elsewhere (a whole-map replace clears it)
 */
public record PropertiesSpec(List<String> columns, Map<String, FieldSpec> fields, String prefix, Boolean stripPrefix,
		String operation, String onBlank) {

	public PropertiesSpec {
		columns = (columns != null) ? columns : List.of();
		fields = (fields != null) ? fields : Map.of();
	}

	public PropertiesSpec(List<String> columns, Map<String, FieldSpec> fields, String prefix, Boolean stripPrefix) {
		this(columns, fields, prefix, stripPrefix, null, null);
	}

	/** Whether the prefix is removed from property names. */
	public boolean stripPrefixOrDefault() {
		return this.stripPrefix == null || this.stripPrefix;
	}

}
