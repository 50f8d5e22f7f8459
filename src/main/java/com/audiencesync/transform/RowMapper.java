package com.audiencesync.transform;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import com.audiencesync.destination.EndpointDescriptor;
import com.audiencesync.destination.EndpointField;
import com.audiencesync.destination.MappedRow;
import com.audiencesync.destination.Masking;
import com.audiencesync.destination.PropertyOperation;
import com.audiencesync.source.SourceRow;
import com.audiencesync.spec.DestinationSpec;
import com.audiencesync.spec.FieldSpec;
import com.audiencesync.spec.MappingSpec;
import com.audiencesync.spec.PropertiesSpec;
import com.audiencesync.spec.WhenSpec;
import com.audiencesync.transform.PhoneNumbers.Format;
import com.audiencesync.transform.Transformed.Accepted;
import com.audiencesync.transform.Transformed.Rejected;
import com.audiencesync.transform.Transformed.Skipped;
import tools.jackson.databind.json.JsonMapper;

/**
 * Applies a spec's mapping to source rows for one endpoint. Thread-safe; holds no per-row
 * state.
 */
public final class RowMapper {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final List<Target> fields = new ArrayList<>();

	private final PropertiesSpec properties;

	private final boolean takesProperties;

	private final EndpointDescriptor.RowRule rowRule;

	private final boolean operations;

	private final WhenSpec when;

	private final ZoneId zone;

	private final String runKey;

	/** A mapper reading local times in Asia/Seoul, for previews and tests. */
	public RowMapper(MappingSpec mapping, EndpointDescriptor endpoint) {
		this(mapping, endpoint, ZoneId.of("Asia/Seoul"), "");
	}

	/**
	 * @param mapping the spec's mapping
	 * @param endpoint the endpoint mapped to
	 * @param zone the zone of source times without an offset
	 * @param runKey what identifies the run (job and date): part of every row's stable id
	 */
	public RowMapper(MappingSpec mapping, EndpointDescriptor endpoint, ZoneId zone, String runKey) {
		this(mapping, null, endpoint, zone, runKey);
	}

	/**
	 * @param destination one destination of the spec, with its mapping and which rows it
	 * takes
	 * @param endpoint the endpoint mapped to
	 * @param zone the zone of source times without an offset
	 * @param runKey what identifies the run (job and date): part of every row's stable id
	 */
	public RowMapper(DestinationSpec destination, EndpointDescriptor endpoint, ZoneId zone, String runKey) {
		this(destination.mapping(), destination.when(), endpoint, zone, runKey);
	}

	private RowMapper(MappingSpec mapping, WhenSpec when, EndpointDescriptor endpoint, ZoneId zone, String runKey) {
		this.when = when;
		this.operations = endpoint.propertyOperations();
		this.zone = zone;
		this.runKey = runKey;
		for (Map.Entry<String, FieldSpec> entry : mapping.fields().entrySet()) {
			EndpointField field = endpoint.field(entry.getKey()).orElseThrow();
			FieldSpec spec = entry.getValue();
			boolean required = (spec.required() != null) ? spec.required() : field.required();
			boolean pii = field.pii() || Boolean.TRUE.equals(spec.pii()) || "phone".equals(spec.typeOrDefault());
			Format phoneFormat = phoneFormat(spec, field);
			this.fields
				.add(new Target(entry.getKey(), spec, required, pii, phoneFormat, field, closedValues(spec, field)));
		}
		this.properties = mapping.properties();
		this.takesProperties = endpoint.properties() != EndpointDescriptor.Presence.NONE;
		this.rowRule = endpoint.rowRule();
	}

	/**
	 * Accepted spellings (lower case) to the value sent: the spec's own, else the
	 * endpoint's.
	 */
	private static Map<String, String> closedValues(FieldSpec spec, EndpointField field) {
		if (spec.values() == null || spec.values().isEmpty()) {
			return field.values();
		}
		Map<String, String> values = new LinkedHashMap<>();
		spec.values().forEach((from, to) -> values.put(from.strip().toLowerCase(Locale.ROOT), to));
		return values;
	}

	private static Format phoneFormat(FieldSpec spec, EndpointField field) {
		if (spec.format() != null) {
			return "e164".equals(spec.format()) ? Format.E164 : Format.DASHED;
		}
		return (field.kind() == EndpointField.Kind.PHONE_E164) ? Format.E164 : Format.DASHED;
	}

	/** The destination row for a source row, or why there is none. */
	public Transformed map(SourceRow row) {
		if (!row.readable()) {
			return new Rejected(row, row.reasonCode(), row.error(), null);
		}
		if (this.when != null && !this.when.matches(lookup(row.values(), this.when.column()))) {
			return new Skipped(row, "when: " + this.when);
		}
		Map<String, Object> values = new LinkedHashMap<>();
		Map<String, Object> masked = new LinkedHashMap<>();
		for (Target target : this.fields) {
			Object raw = target.spec.constant() != null ? target.spec.constant()
					: lookup(row.values(), target.spec.column());
			if (isBlank(raw)) {
				raw = target.spec.defaultValue();
			}
			if (isBlank(raw)) {
				if (target.required) {
					return reject(row, "MISSING_FIELD",
							target.name + ": " + source(target.spec) + " is missing or blank", masked);
				}
				continue;
			}
			Coerced coerced = coerce(raw, target.spec, target.phoneFormat, this.zone);
			if (coerced.error == null && !target.values.isEmpty()) {
				String sent = target.values.get(String.valueOf(coerced.value).strip().toLowerCase(Locale.ROOT));
				coerced = (sent != null) ? Coerced.ok(sent) : Coerced.bad("BAD_VALUE", "is not one of "
						+ ((target.spec.values() != null) ? target.spec.values().keySet() : target.field.allowed()));
			}
			if (coerced.error != null) {
				String shown = target.pii ? mask(raw, target) : String.valueOf(raw);
				return reject(row, coerced.reasonCode,
						target.name + ": '" + shown + "' from " + source(target.spec) + " " + coerced.error, masked);
			}
			values.put(target.name, coerced.value);
			// personal data (identities, phones, tokens) masked; the rest helps find the
			// row as it is
			masked.put(target.name, target.pii ? mask(coerced.value, target) : coerced.value);
		}
		Optional<EndpointDescriptor.Problem> broken = this.rowRule.check(values);
		if (broken.isPresent()) {
			return reject(row, broken.get().reasonCode(), broken.get().message(), masked);
		}
		Operations ops = new Operations();
		if (this.takesProperties) {
			Optional<Rejected> problem = Optional.empty();
			if (this.properties != null) {
				problem = fillProperties(row, ops, masked);
			}
			if (problem.isPresent()) {
				return problem.get();
			}
			masked.put("properties", List.copyOf(ops.set.keySet()));
			if (this.operations) {
				masked.put("setOnce", List.copyOf(ops.setOnce.keySet()));
				masked.put("unset", List.copyOf(ops.unset));
				if (ops.set.isEmpty() && ops.setOnce.isEmpty() && ops.unset.isEmpty()) {
					return new Skipped(row, "no property to set or unset");
				}
			}
		}
		return new Accepted(row, new MappedRow(values, this.takesProperties ? ops.byOperation() : null, rowId(row)),
				toJson(masked));
	}

	/** Properties by operation; without property operations, all are set. */
	private static final class Operations {

		final Map<String, Object> set = new LinkedHashMap<>();

		final Map<String, Object> setOnce = new LinkedHashMap<>();

		final List<String> unset = new ArrayList<>();

		Map<PropertyOperation, Map<String, Object>> byOperation() {
			Map<PropertyOperation, Map<String, Object>> all = new EnumMap<>(PropertyOperation.class);
			all.put(PropertyOperation.SET, this.set);
			all.put(PropertyOperation.SET_ONCE, this.setOnce);
			Map<String, Object> removed = new LinkedHashMap<>();
			this.unset.forEach((name) -> removed.put(name, null));
			all.put(PropertyOperation.UNSET, removed);
			return all;
		}

		void put(String name, Object value, String operation) {
			if ("set-once".equals(operation)) {
				this.setOnce.put(name, value);
			}
			else {
				this.set.put(name, value);
			}
		}

		/** A blank value: left out, sent as null or unset. */
		void blank(String name, String operation, String onBlank) {
			if ("null".equals(onBlank)) {
				put(name, null, operation);
			}
			else if ("unset".equals(onBlank)) {
				this.unset.add(name);
			}
		}

	}

	/** What a blank value does when the spec does not say: per endpoint kind. */
	private String onBlank(FieldSpec field) {
		if (field != null && field.onBlank() != null) {
			return field.onBlank();
		}
		if (this.properties.onBlank() != null) {
			return this.properties.onBlank();
		}
		return this.operations ? "omit" : "null";
	}

	private String operation(FieldSpec field) {
		if (field != null && field.operation() != null) {
			return field.operation();
		}
		return (this.properties.operation() != null) ? this.properties.operation() : "set";
	}

	private Optional<Rejected> fillProperties(SourceRow row, Operations ops, Map<String, Object> masked) {
		// copied columns keep their values as they are, blanks included, unless the spec
		// or the endpoint says what a blank does
		boolean copyBlanks = this.properties.onBlank() == null && !this.operations;
		if (this.properties.prefix() != null) {
			for (Map.Entry<String, Object> entry : row.values().entrySet()) {
				if (entry.getKey().startsWith(this.properties.prefix())) {
					String name = this.properties.stripPrefixOrDefault()
							? entry.getKey().substring(this.properties.prefix().length()) : entry.getKey();
					copy(ops, name, entry.getValue(), copyBlanks);
				}
			}
		}
		for (String column : this.properties.columns()) {
			copy(ops, column, lookup(row.values(), column), copyBlanks);
		}
		for (Map.Entry<String, FieldSpec> entry : this.properties.fields().entrySet()) {
			FieldSpec spec = entry.getValue();
			String operation = operation(spec);
			if ("unset".equals(operation)) {
				ops.unset.add(entry.getKey());
				continue;
			}
			Object raw = spec.constant() != null ? spec.constant() : lookup(row.values(), spec.column());
			if (isBlank(raw)) {
				raw = spec.defaultValue();
			}
			if (isBlank(raw)) {
				if (Boolean.TRUE.equals(spec.required())) {
					return Optional.of(reject(row, "MISSING_FIELD",
							"properties." + entry.getKey() + ": " + source(spec) + " is missing or blank", masked));
				}
				ops.blank(entry.getKey(), operation, onBlank(spec));
				continue;
			}
			Coerced coerced = coerce(raw, spec, "e164".equals(spec.format()) ? Format.E164 : Format.DASHED, this.zone);
			if (coerced.error != null) {
				// property values are personal data: never echoed
				return Optional.of(reject(row, coerced.reasonCode,
						"properties." + entry.getKey() + ": the value from " + source(spec) + " " + coerced.error,
						masked));
			}
			ops.put(entry.getKey(), coerced.value, operation);
		}
		return Optional.empty();
	}

	private void copy(Operations ops, String name, Object value, boolean copyBlanks) {
		if (isBlank(value) && !copyBlanks) {
			ops.blank(name, operation(null), onBlank(null));
		}
		else {
			ops.put(name, value, operation(null));
		}
	}

	private static Rejected reject(SourceRow row, String code, String message, Map<String, Object> masked) {
		return new Rejected(row, code, message, toJson(masked));
	}

	private static String source(FieldSpec spec) {
		return (spec.constant() != null) ? "the constant" : "column '" + spec.column() + "'";
	}

	private static String mask(Object value, Target target) {
		String text = String.valueOf(value);
		return (target.phoneFormat != null && "phone".equals(target.spec.typeOrDefault())) ? Masking.phone(text)
				: Masking.text(text);
	}

	/**
	 * Column lookup; a dotted name reaches into nested JSON objects when no column has
	 * the full name.
	 */
	@SuppressWarnings("unchecked")
	static Object lookup(Map<String, Object> values, String column) {
		if (values.containsKey(column) || !column.contains(".")) {
			return values.get(column);
		}
		Object current = values;
		for (String part : column.split("\\.")) {
			if (!(current instanceof Map<?, ?> map)) {
				return null;
			}
			current = ((Map<String, Object>) map).get(part);
		}
		return current;
	}

	private static boolean isBlank(Object value) {
		return value == null || (value instanceof String text && text.isBlank());
	}

	private record Coerced(Object value, String reasonCode, String error) {

		static Coerced ok(Object value) {
			return new Coerced(value, null, null);
		}

		static Coerced bad(String code, String error) {
			return new Coerced(null, code, error);
		}

	}

	private static Coerced coerce(Object raw, FieldSpec spec, Format phoneFormat, ZoneId zone) {
		if (raw instanceof Map || raw instanceof List) {
			return Coerced.bad("BAD_TYPE", "is an object or array, not a " + spec.typeOrDefault());
		}
		String text = String.valueOf(raw).strip();
		return switch (spec.typeOrDefault()) {
			case "string" -> Coerced.ok(text);
			case "integer" -> integer(raw, text);
			case "decimal" -> decimal(text);
			case "boolean" -> bool(raw, text);
			case "timestamp" -> Timestamps.normalise(raw, zone)
				.map(Coerced::ok)
				.orElseGet(() -> Coerced.bad("BAD_TIMESTAMP",
						"is not a timestamp (ISO 8601, yyyy-MM-dd HH:mm:ss, yyyy-MM-dd, epoch seconds or milliseconds)"));
			case "phone" -> PhoneNumbers.normalise(text, phoneFormat)
				.map(Coerced::ok)
				.orElseGet(() -> Coerced.bad("BAD_PHONE", "is not a valid Korean phone number"));
			default -> throw new IllegalStateException("validated spec has type " + spec.type());
		};
	}

	private static Coerced integer(Object raw, String text) {
		try {
			if (raw instanceof Number number && !(raw instanceof Double || raw instanceof Float)) {
				return Coerced.ok(number.longValue());
			}
			return Coerced.ok(new BigDecimal(text).longValueExact());
		}
		catch (ArithmeticException | NumberFormatException ex) {
			return Coerced.bad("BAD_TYPE", "is not an integer");
		}
	}

	private static Coerced decimal(String text) {
		try {
			return Coerced.ok(new BigDecimal(text));
		}
		catch (NumberFormatException ex) {
			return Coerced.bad("BAD_TYPE", "is not a decimal number");
		}
	}

	private static Coerced bool(Object raw, String text) {
		if (raw instanceof Boolean value) {
			return Coerced.ok(value);
		}
		return switch (text.toLowerCase(Locale.ROOT)) {
			case "true", "y", "yes", "1" -> Coerced.ok(true);
			case "false", "n", "no", "0" -> Coerced.ok(false);
			default -> Coerced.bad("BAD_TYPE", "is not a boolean (true/false, y/n, yes/no, 1/0)");
		};
	}

	private static String toJson(Map<String, Object> masked) {
		return JSON.writeValueAsString(masked);
	}

	/**
	 * A stable id for the row within its run: the same line of the same file always gets
	 * the same id.
	 */
	private String rowId(SourceRow row) {
		return UUID
			.nameUUIDFromBytes(
					(this.runKey + "|" + row.source() + "|" + row.position()).getBytes(StandardCharsets.UTF_8))
			.toString();
	}

	private record Target(String name, FieldSpec spec, boolean required, boolean pii, Format phoneFormat,
			EndpointField field, Map<String, String> values) {
	}

}
