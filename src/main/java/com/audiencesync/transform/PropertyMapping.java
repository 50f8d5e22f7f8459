package com.audiencesync.transform;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.audiencesync.destination.PropertyOperation;
import com.audiencesync.spec.FieldSpec;
import com.audiencesync.spec.PropertiesSpec;
import com.audiencesync.transform.PhoneNumbers.Format;

/**
 * A spec's {@code mapping.properties} for one endpoint: listed columns, every column with
 * a prefix, and typed fields, each with its operation ({@code set}, {@code set-once},
 * {@code unset}) and what a blank value does ({@link OnBlank}). Copied columns keep their
 * values as they are; fields are read like any field ({@link ValueReader}).
 */
final class PropertyMapping {

	/** What a missing or blank property value does. */
	enum OnBlank {

		/** Leave the vendor's value alone. */
		OMIT,
		/** Send null (a whole-map replace clears it). */
		NULL,
		/** Remove it (endpoints with property operations). */
		UNSET;

		static OnBlank of(String specName) {
			return valueOf(specName.toUpperCase(Locale.ROOT));
		}

	}

	private final PropertiesSpec spec;

	private final boolean operations;

	private final Map<String, ValueReader> fields = new LinkedHashMap<>();

	/**
	 * @param spec the properties mapping
	 * @param operations whether the endpoint takes property operations
	 * @param cipher encrypts the properties with {@code encrypt: deterministic}
	 */
	PropertyMapping(PropertiesSpec spec, boolean operations, FieldCipher cipher) {
		this.spec = spec;
		this.operations = operations;
		spec.fields()
			.forEach((name, field) -> this.fields.put(name, new ValueReader(field,
					"e164".equals(field.format()) ? Format.E164 : Format.DASHED, Map.of(), true, cipher)));
	}

	/** The properties of a row by operation, or why the row is rejected. */
	Result map(Map<String, Object> row, ZoneId zone) {
		Collector properties = new Collector();
		// copied columns keep their values as they are, blanks included, unless the spec
		// or the endpoint says what a blank does
		boolean copyBlanks = this.spec.onBlank() == null && !this.operations;
		if (this.spec.prefix() != null) {
			row.forEach((column, value) -> {
				if (column.startsWith(this.spec.prefix())) {
					String name = this.spec.stripPrefixOrDefault() ? column.substring(this.spec.prefix().length())
							: column;
					copy(properties, name, value, copyBlanks);
				}
			});
		}
		for (String column : this.spec.columns()) {
			copy(properties, column, ValueReader.lookup(row, column), copyBlanks);
		}
		for (Map.Entry<String, ValueReader> entry : this.fields.entrySet()) {
			String name = entry.getKey();
			ValueReader reader = entry.getValue();
			PropertyOperation operation = operation(reader.spec());
			if (operation == PropertyOperation.UNSET) {
				properties.put(name, null, PropertyOperation.UNSET);
				continue;
			}
			ValueReader.Read read = reader.read(row, zone);
			if (read.blank()) {
				if (Boolean.TRUE.equals(reader.spec().required())) {
					return Result.rejected("MISSING_FIELD",
							"properties." + name + ": " + reader.source() + " is missing or blank");
				}
				properties.blank(name, operation, onBlank(reader.spec()));
			}
			else if (read.error() != null) {
				// property values are personal data: never echoed
				return Result.rejected(read.reasonCode(),
						"properties." + name + ": the value from " + reader.source() + " " + read.error());
			}
			else {
				properties.put(name, read.value(), operation);
			}
		}
		return new Result(properties.byOperation, null, null);
	}

	private void copy(Collector properties, String name, Object value, boolean copyBlanks) {
		if (ValueReader.isBlank(value) && !copyBlanks) {
			properties.blank(name, operation(null), onBlank(null));
		}
		else {
			properties.put(name, value, operation(null));
		}
	}

	/** A field's operation, else the mapping's, else set. */
	private PropertyOperation operation(FieldSpec field) {
		String name = (field != null && field.operation() != null) ? field.operation() : this.spec.operation();
		return (name != null) ? PropertyOperation.of(name).orElseThrow() : PropertyOperation.SET;
	}

	/** A field's, else the mapping's, else the endpoint kind's: omit with operations. */
	private OnBlank onBlank(FieldSpec field) {
		if (field != null && field.onBlank() != null) {
			return OnBlank.of(field.onBlank());
		}
		if (this.spec.onBlank() != null) {
			return OnBlank.of(this.spec.onBlank());
		}
		return this.operations ? OnBlank.OMIT : OnBlank.NULL;
	}

	/**
	 * The properties of a row, or why it is rejected.
	 *
	 * @param byOperation the values by operation ({@code UNSET} keys carry null)
	 * @param reasonCode the reason, when rejected
	 * @param message what is wrong, when rejected
	 */
	record Result(Map<PropertyOperation, Map<String, Object>> byOperation, String reasonCode, String message) {

		/** No properties at all (none mapped). */
		static Result none() {
			return new Result(new Collector().byOperation, null, null);
		}

		static Result rejected(String reasonCode, String message) {
			return new Result(null, reasonCode, message);
		}

		/** The names of one operation's properties. */
		List<String> names(PropertyOperation operation) {
			return new ArrayList<>(this.byOperation.get(operation).keySet());
		}

		boolean isEmpty() {
			return this.byOperation.values().stream().allMatch(Map::isEmpty);
		}

		/**
		 * Why the values of an array operation cannot be sent, or null: an add or remove
		 * takes values or objects, not both; an object removed is named by one key and
		 * its value (the array's identifier, {@code {"id": 7}}).
		 */
		String arrayProblem() {
			for (PropertyOperation operation : List.of(PropertyOperation.ADD, PropertyOperation.REMOVE)) {
				String name = operation.specName();
				for (Map.Entry<String, Object> entry : this.byOperation.get(operation).entrySet()) {
					List<?> values = (entry.getValue() instanceof List<?> list) ? list : List.of();
					long objects = values.stream().filter(Map.class::isInstance).count();
					if (objects > 0 && objects < values.size()) {
						return "property '" + entry.getKey() + "' (" + name + ") holds objects and values together";
					}
					if (operation == PropertyOperation.REMOVE && objects > 0
							&& values.stream().anyMatch((value) -> ((Map<?, ?>) value).size() != 1)) {
						return "property '" + entry.getKey() + "' (remove) holds an object of more or less than one "
								+ "key: an object is removed by one key and its value, e.g. {\"id\": 7}";
					}
				}
			}
			return null;
		}

	}

	/** Properties by operation, in mapping order. */
	private static final class Collector {

		final Map<PropertyOperation, Map<String, Object>> byOperation = new EnumMap<>(PropertyOperation.class);

		Collector() {
			for (PropertyOperation operation : PropertyOperation.values()) {
				this.byOperation.put(operation, new LinkedHashMap<>());
			}
		}

		void put(String name, Object value, PropertyOperation operation) {
			this.byOperation.get(operation).put(name, value);
		}

		void blank(String name, PropertyOperation operation, OnBlank onBlank) {
			switch (onBlank) {
				case NULL -> put(name, null, operation);
				case UNSET -> put(name, null, PropertyOperation.UNSET);
				case OMIT -> {
					// the vendor's value stays
				}
			}
		}

	}

}
