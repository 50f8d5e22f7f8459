package com.audiencesync.destination;

import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * A source row mapped to one endpoint: what the endpoint turns into its request record.
 * Values are typed and normalised already (E.164 or dashed phones, ISO timestamps).
 *
 * @param fields the endpoint's fields by name; a missing optional field is absent
 * @param properties the properties by operation, or null when the endpoint takes none
 * @param rowIds makes the row's {@link #rowId()} when an endpoint asks for it (only a few
 * do: it is a name-based UUID, an MD5 a row)
 */
public record MappedRow(Map<String, Object> fields, Map<PropertyOperation, Map<String, Object>> properties,
		Supplier<String> rowIds) {

	/** A row of an endpoint that takes properties only to set (or none, when null). */
	public static MappedRow of(Map<String, Object> fields, Map<String, Object> set, String rowId) {
		if (set == null) {
			return new MappedRow(fields, null, () -> rowId);
		}
		Map<PropertyOperation, Map<String, Object>> properties = new EnumMap<>(PropertyOperation.class);
		properties.put(PropertyOperation.SET, set);
		return new MappedRow(fields, properties, () -> rowId);
	}

	/**
	 * A stable id of the row within its run (the same line of the same file gets the same
	 * id on a restart): event ids are derived from it.
	 */
	public String rowId() {
		return this.rowIds.get();
	}

	/** A field's value as text, or null when the row has none. */
	public String text(String field) {
		Object value = this.fields.get(field);
		return (value != null) ? value.toString() : null;
	}

	/**
	 * The properties to set (JSON nulls included), or null when the endpoint takes no
	 * properties.
	 */
	public Map<String, Object> set() {
		return (this.properties != null) ? properties(PropertyOperation.SET) : null;
	}

	/** The properties of one operation, in mapping order; empty when there are none. */
	public Map<String, Object> properties(PropertyOperation operation) {
		Map<String, Object> values = (this.properties != null) ? this.properties.get(operation) : null;
		return (values != null) ? Collections.unmodifiableMap(values)
				: Collections.unmodifiableMap(new LinkedHashMap<>());
	}

	@Override
	public String toString() {
		// values are personal data
		return "MappedRow[fields=" + this.fields.keySet() + ", rowId=" + rowId() + "]";
	}

}
