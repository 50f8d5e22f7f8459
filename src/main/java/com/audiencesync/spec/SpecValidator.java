package com.audiencesync.spec;

import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import com.audiencesync.destination.Vendors;
import com.audiencesync.destination.EndpointDescriptor;
import com.audiencesync.destination.EndpointDescriptor.Presence;
import com.audiencesync.destination.EndpointField;

/**
 * Checks what a bound spec means: values in range, fields the endpoint knows, nothing
 * required missing.
 */
final class SpecValidator {

	/** A problem at a key path; the loader adds file and line. */
	record Problem(String path, String message) {
	}

	static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9_-]{0,59}");

	static final Set<String> SOURCE_TYPES = Set.of("file", "s3", "jdbc");

	static final Pattern WAREHOUSE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]*");

	static final Pattern COLUMN = Pattern.compile("[A-Za-z_][A-Za-z0-9_$]*");

	static final Pattern TABLE = Pattern.compile("[A-Za-z_][A-Za-z0-9_$]*(\\.[A-Za-z_][A-Za-z0-9_$]*){0,2}");

	static final Set<String> FORMATS = Set.of("jsonl", "csv");

	static final Set<String> TYPES = Set.of("string", "integer", "decimal", "boolean", "phone", "timestamp");

	static final Set<String> PHONE_FORMATS = Set.of("dashed", "e164");

	static final Set<String> OPERATIONS = Set.of("set", "set-once", "unset");

	static final Set<String> OPERATIONS_DEFAULT = Set.of("set", "set-once");

	static final Set<String> ON_BLANK = Set.of("omit", "null", "unset");

	List<Problem> validate(JobSpec spec) {
		List<Problem> problems = new ArrayList<>();
		if (spec.name() == null || spec.name().isBlank()) {
			problems.add(new Problem("name", "is required"));
		}
		else if (!NAME.matcher(spec.name()).matches()) {
			problems.add(new Problem("name", "'" + spec.name()
					+ "' must be 1-60 lower-case letters, digits, '-' or '_', starting with a letter or digit"));
		}
		validateSource(spec.source(), problems);
		validateDestinations(spec, problems);
		if (spec.chunk() != null && (spec.chunk() < 1 || spec.chunk() > 100_000)) {
			problems.add(new Problem("chunk", "must be between 1 and 100000, was " + spec.chunk()));
		}
		if (spec.zone() != null) {
			try {
				ZoneId.of(spec.zone());
			}
			catch (DateTimeException ex) {
				problems.add(new Problem("zone", "'" + spec.zone() + "' is not a time zone (e.g. Asia/Seoul, UTC)"));
			}
		}
		if (spec.concurrency() != null && (spec.concurrency() < 1 || spec.concurrency() > 64)) {
			problems.add(new Problem("concurrency", "must be between 1 and 64, was " + spec.concurrency()));
		}
		if (spec.skip() != null) {
			if (spec.skip().limit() != null && spec.skip().limit() < 0) {
				problems.add(new Problem("skip.limit", "must be 0 or more, was " + spec.skip().limit()));
			}
			if (spec.skip().ratio() != null && (spec.skip().ratio() < 0 || spec.skip().ratio() > 1)) {
				problems.add(new Problem("skip.ratio", "must be between 0 and 1, was " + spec.skip().ratio()));
			}
		}
		return problems;
	}

	/**
	 * One {@code destination} with the top-level {@code mapping}, or a
	 * {@code destinations} list whose entries carry their own.
	 */
	private void validateDestinations(JobSpec spec, List<Problem> problems) {
		if (spec.destinations() == null) {
			Optional<EndpointDescriptor> endpoint = validateDestination("destination", spec.destination(), problems);
			if (spec.mapping() == null) {
				problems.add(new Problem("mapping", "is required"));
			}
			else {
				endpoint.ifPresent((descriptor) -> validateMapping("mapping", spec.mapping(), descriptor, problems));
			}
			if (spec.destination() != null && spec.destination().mapping() != null) {
				problems.add(new Problem("destination.mapping",
						"a single destination takes the top-level mapping; destination.mapping is for a destinations list"));
			}
			return;
		}
		if (spec.destination() != null) {
			problems.add(new Problem("destination",
					"give either destination (with mapping) or destinations (each with its mapping), not both"));
		}
		if (spec.mapping() != null) {
			problems.add(new Problem("mapping", "with destinations, each destination has its own mapping"));
		}
		if (spec.destinations().isEmpty()) {
			problems.add(new Problem("destinations", "lists no destination"));
			return;
		}
		Set<String> endpoints = new HashSet<>();
		String vendor = spec.destinations().get(0).vendor();
		for (int i = 0; i < spec.destinations().size(); i++) {
			DestinationSpec destination = spec.destinations().get(i);
			String path = "destinations." + i;
			Optional<EndpointDescriptor> endpoint = validateDestination(path, destination, problems);
			if (destination == null) {
				continue;
			}
			if (!Objects.equals(vendor, destination.vendor())) {
				problems.add(new Problem(path + ".vendor", "every destination of a spec is of one vendor ("
						+ describe(vendor) + "); write one spec per vendor"));
			}
			if (!endpoints.add(String.valueOf(destination.endpoint()))) {
				problems.add(new Problem(path + ".endpoint", describe(destination.endpoint())
						+ " is listed twice; one destination per endpoint (use when: to choose rows)"));
			}
			if (destination.mapping() == null) {
				problems.add(new Problem(path + ".mapping", "is required"));
			}
			else {
				endpoint.ifPresent((descriptor) -> validateMapping(path + ".mapping", destination.mapping(), descriptor,
						problems));
			}
		}
	}

	private void validateSource(SourceSpec source, List<Problem> problems) {
		if (source == null) {
			problems.add(new Problem("source", "is required"));
			return;
		}
		if (source.type() == null) {
			problems.add(new Problem("source.type", "is required (one of " + sorted(SOURCE_TYPES) + ")"));
		}
		else if (!SOURCE_TYPES.contains(source.type())) {
			problems.add(new Problem("source.type",
					"'" + source.type() + "' is not a source type (one of " + sorted(SOURCE_TYPES) + ")"));
		}
		if (source.onEmpty() != null && !Set.of("fail", "complete").contains(source.onEmpty())) {
			problems.add(new Problem("source.on-empty", "'" + source.onEmpty() + "' is not one of [complete, fail]"));
		}
		if ("jdbc".equals(source.type())) {
			validateJdbc(source, problems);
			return;
		}
		if ("s3".equals(source.type())) {
			if (source.uri() == null || !source.uri().startsWith("s3://") || source.uri().length() <= 5) {
				problems
					.add(new Problem("source.uri", "is required for type s3: s3://bucket/prefix/ or s3://bucket/key"));
			}
			if (source.path() != null) {
				problems.add(new Problem("source.path", "is for type file; type s3 reads source.uri"));
			}
		}
		else if (source.path() == null || source.path().isBlank()) {
			problems.add(new Problem("source.path", "is required: a file or a folder"));
		}
		else if (source.uri() != null) {
			problems.add(new Problem("source.uri", "is for type s3; type file reads source.path"));
		}
		if (source.format() == null) {
			problems.add(new Problem("source.format", "is required (one of " + sorted(FORMATS) + ")"));
		}
		else if (!FORMATS.contains(source.format())) {
			problems.add(new Problem("source.format",
					"'" + source.format() + "' is not a format (one of " + sorted(FORMATS) + ")"));
		}
		if (source.delimiter() != null && source.delimiter().length() != 1) {
			problems.add(new Problem("source.delimiter", "must be exactly one character"));
		}
		Map<String, Object> jdbcOnly = new LinkedHashMap<>();
		jdbcOnly.put("datasource", source.datasource());
		jdbcOnly.put("table", source.table());
		jdbcOnly.put("query", source.query());
		jdbcOnly.put("key", source.key());
		jdbcOnly.put("updated-at", source.updatedAt());
		jdbcOnly.put("mode", source.mode());
		jdbcOnly.put("column-zone", source.columnZone());
		jdbcOnly.put("grid-size", source.gridSize());
		jdbcOnly.forEach((key, value) -> {
			if (value != null) {
				problems.add(new Problem("source." + key,
						"is for type jdbc (files and objects are read whole, one partition each)"));
			}
		});
	}

	private void validateJdbc(SourceSpec source, List<Problem> problems) {
		Map<String, Object> notJdbc = new LinkedHashMap<>();
		notJdbc.put("path", source.path());
		notJdbc.put("uri", source.uri());
		notJdbc.put("format", source.format());
		notJdbc.put("include", source.include());
		notJdbc.put("delimiter", source.delimiter());
		notJdbc.forEach((key, value) -> {
			if (value != null) {
				problems
					.add(new Problem("source." + key, "is for types file and s3; type jdbc reads a table or query"));
			}
		});
		if (source.datasource() != null && !WAREHOUSE.matcher(source.datasource()).matches()) {
			problems.add(new Problem("source.datasource", "'" + source.datasource()
					+ "' must be a warehouse name (letters, digits, '-', '_'), configured as audience-sync.warehouses.<name>.url"));
		}
		boolean hasTable = source.table() != null && !source.table().isBlank();
		boolean hasQuery = source.query() != null && !source.query().isBlank();
		if (hasTable == hasQuery) {
			problems.add(new Problem(hasTable ? "source.query" : "source.table",
					"type jdbc needs exactly one of 'table' or 'query'"));
		}
		if (hasTable && !TABLE.matcher(source.table()).matches()) {
			problems.add(new Problem("source.table",
					"'" + source.table() + "' must be a table name, [schema.]name of letters, digits and '_'"));
		}
		if (hasQuery) {
			String query = source.query().strip().replaceAll(";+$", "").strip();
			if (!query.regionMatches(true, 0, "select", 0, 6) && !query.regionMatches(true, 0, "with", 0, 4)) {
				problems.add(new Problem("source.query", "must be one SELECT (or WITH ... SELECT) statement"));
			}
			else if (query.contains(";")) {
				problems.add(new Problem("source.query", "must be one statement (it contains ';')"));
			}
		}
		if (source.key() == null || source.key().isBlank()) {
			problems.add(new Problem("source.key",
					"is required for type jdbc: a unique, non-null column to split and page by (e.g. id)"));
		}
		else if (!COLUMN.matcher(source.key()).matches()) {
			problems.add(new Problem("source.key", "'" + source.key() + "' must be a column name"));
		}
		if (source.updatedAt() != null && !COLUMN.matcher(source.updatedAt()).matches()) {
			problems.add(new Problem("source.updated-at", "'" + source.updatedAt() + "' must be a column name"));
		}
		if (source.mode() != null && !Set.of("window", "full").contains(source.mode())) {
			problems.add(new Problem("source.mode", "'" + source.mode() + "' is not one of [full, window]"));
		}
		else if ("window".equals(source.mode()) && source.updatedAt() == null) {
			problems.add(new Problem("source.mode",
					"window needs source.updated-at: the column whose value places a row in a business day"));
		}
		if (source.columnZone() != null) {
			try {
				ZoneId.of(source.columnZone());
			}
			catch (DateTimeException ex) {
				problems.add(new Problem("source.column-zone",
						"'" + source.columnZone() + "' is not a time zone (e.g. UTC, Asia/Seoul)"));
			}
		}
		if (source.gridSize() != null && (source.gridSize() < 1 || source.gridSize() > 256)) {
			problems.add(new Problem("source.grid-size", "must be between 1 and 256, was " + source.gridSize()));
		}
	}

	private Optional<EndpointDescriptor> validateDestination(String at, DestinationSpec destination,
			List<Problem> problems) {
		if (destination == null) {
			problems.add(new Problem(at, "is required"));
			return Optional.empty();
		}
		validateWhen(at + ".when", destination.when(), problems);
		if (destination.vendor() == null || !Vendors.ids().contains(destination.vendor())) {
			problems.add(new Problem(at + ".vendor",
					describe(destination.vendor()) + " is not a vendor (one of " + Vendors.ids() + ")"));
			return Optional.empty();
		}
		Optional<EndpointDescriptor> endpoint = Vendors.endpoint(destination.vendor(), destination.endpoint());
		if (endpoint.isEmpty()) {
			problems.add(new Problem(at + ".endpoint",
					describe(destination.endpoint()) + " is not an endpoint of " + destination.vendor() + " (one of "
							+ Vendors.find(destination.vendor())
								.orElseThrow()
								.endpoints()
								.stream()
								.map(EndpointDescriptor::endpoint)
								.toList()
							+ ")"));
			return endpoint;
		}
		if (destination.chains() != null && !Set.of("separate", "reject").contains(destination.chains())) {
			problems.add(new Problem(at + ".chains",
					"'" + destination.chains() + "' is not a chain policy (one of [reject, separate])"));
		}
		int max = endpoint.get().maxBatchSize();
		if (destination.batchSize() != null && (destination.batchSize() < 1 || destination.batchSize() > max)) {
			problems.add(new Problem(at + ".batch-size", "must be between 1 and " + max + " (the limit of "
					+ endpoint.get().id() + "), was " + destination.batchSize()));
		}
		return endpoint;
	}

	private void validateWhen(String path, WhenSpec when, List<Problem> problems) {
		if (when == null) {
			return;
		}
		if (when.column() == null || when.column().isBlank()) {
			problems.add(new Problem(path + ".column", "is required: the source column tested"));
		}
		if (when.tests() != 1) {
			problems.add(new Problem(path, "needs exactly one of present, equal-to or in"));
		}
	}

	private void validateMapping(String at, MappingSpec mapping, EndpointDescriptor endpoint, List<Problem> problems) {
		for (Map.Entry<String, FieldSpec> entry : mapping.fields().entrySet()) {
			String path = at + ".fields." + entry.getKey();
			Optional<EndpointField> field = endpoint.field(entry.getKey());
			if (field.isEmpty()) {
				problems.add(new Problem(path, endpoint.id() + " has no field '" + entry.getKey() + "' (fields: "
						+ endpoint.fields().stream().map(EndpointField::name).toList() + ")"));
				continue;
			}
			validateField(path, entry.getValue(), problems);
			validateValues(path, entry.getValue(), field.get(), endpoint, problems);
			if (entry.getValue() != null
					&& (entry.getValue().operation() != null || entry.getValue().onBlank() != null)) {
				problems.add(new Problem(path, "operation and on-blank apply to properties, not to " + endpoint.id()
						+ " field '" + entry.getKey() + "'"));
			}
			String needed = field.get().kind().specType();
			if (needed != null && !needed.equals(entry.getValue().typeOrDefault())) {
				problems.add(new Problem(path + ".type",
						endpoint.id() + " takes a " + needed + " in '" + entry.getKey() + "': set type: " + needed));
			}
		}
		for (EndpointField field : endpoint.fields()) {
			if (field.required() && !mapping.fields().containsKey(field.name())) {
				problems.add(new Problem(at + ".fields",
						"'" + field.name() + "' is required by " + endpoint.id() + " but is not mapped"));
			}
		}
		if (mapping.properties() != null) {
			PropertiesSpec properties = mapping.properties();
			if (endpoint.properties() == Presence.NONE) {
				problems.add(new Problem(at + ".properties", endpoint.id() + " takes no properties map"));
			}
			validateOperation(at + ".properties.operation", properties.operation(), OPERATIONS_DEFAULT, endpoint,
					problems);
			validateOnBlank(at + ".properties.on-blank", properties.onBlank(), endpoint, problems);
			properties.fields().forEach((name, field) -> {
				String path = at + ".properties.fields." + name;
				if (field != null && "unset".equals(field.operation()) && field.column() == null
						&& field.constant() == null) {
					// removing a property needs no value
				}
				else {
					validateField(path, field, problems);
				}
				if (field != null) {
					validateOperation(path + ".operation", field.operation(), OPERATIONS, endpoint, problems);
					validateOnBlank(path + ".on-blank", field.onBlank(), endpoint, problems);
					if (field.values() != null) {
						problems.add(new Problem(path + ".values", "applies to fields with a closed set of values"));
					}
				}
			});
			if (properties.prefix() != null && properties.prefix().isEmpty()) {
				problems.add(new Problem(at + ".properties.prefix", "must not be empty"));
			}
		}
		else if (endpoint.properties() == Presence.REQUIRED) {
			problems.add(new Problem(at + ".properties",
					"is required by " + endpoint.id() + ": " + endpoint.propertiesNote()));
		}
	}

	private void validateOperation(String path, String operation, Set<String> allowed, EndpointDescriptor endpoint,
			List<Problem> problems) {
		if (operation == null) {
			return;
		}
		if (!endpoint.propertyOperations()) {
			problems.add(new Problem(path, endpoint.id() + " sets its properties as a whole; operations are for "
					+ "endpoints with property operations (hackle/properties)"));
		}
		else if (!allowed.contains(operation)) {
			problems.add(new Problem(path, "'" + operation + "' is not one of " + sorted(allowed)));
		}
	}

	private void validateOnBlank(String path, String onBlank, EndpointDescriptor endpoint, List<Problem> problems) {
		if (onBlank == null) {
			return;
		}
		if (!ON_BLANK.contains(onBlank)) {
			problems.add(new Problem(path, "'" + onBlank + "' is not one of " + sorted(ON_BLANK)));
		}
		else if ("unset".equals(onBlank) && !endpoint.propertyOperations()) {
			problems.add(new Problem(path, endpoint.id() + " cannot unset a property; use omit or null"));
		}
	}

	/** A field's own closed values must lead to values the endpoint takes. */
	private void validateValues(String path, FieldSpec spec, EndpointField field, EndpointDescriptor endpoint,
			List<Problem> problems) {
		if (spec == null || spec.values() == null) {
			return;
		}
		if (field.values().isEmpty()) {
			problems.add(new Problem(path + ".values",
					endpoint.id() + " field '" + field.name() + "' takes any value; values: is for closed sets"));
			return;
		}
		if (spec.values().isEmpty()) {
			problems.add(new Problem(path + ".values", "lists no value"));
		}
		Set<String> sent = Set.copyOf(field.values().values());
		spec.values().forEach((from, to) -> {
			if (!sent.contains(to)) {
				problems.add(new Problem(path + ".values." + from, describe(to) + " is not a value " + endpoint.id()
						+ " takes in '" + field.name() + "' (one of " + field.allowed() + ")"));
			}
		});
	}

	private void validateField(String path, FieldSpec field, List<Problem> problems) {
		if (field == null) {
			problems.add(new Problem(path, "needs a column or a constant"));
			return;
		}
		boolean hasColumn = field.column() != null && !field.column().isBlank();
		if (hasColumn == (field.constant() != null)) {
			problems.add(new Problem(path, "needs exactly one of 'column' or 'constant'"));
		}
		if (!TYPES.contains(field.typeOrDefault())) {
			problems.add(
					new Problem(path + ".type", "'" + field.type() + "' is not a type (one of " + sorted(TYPES) + ")"));
		}
		if (field.format() != null) {
			if (!"phone".equals(field.typeOrDefault())) {
				problems.add(new Problem(path + ".format", "applies only to type: phone"));
			}
			else if (!PHONE_FORMATS.contains(field.format())) {
				problems.add(new Problem(path + ".format",
						"'" + field.format() + "' is not a phone format (one of " + sorted(PHONE_FORMATS) + ")"));
			}
		}
	}

	private static String describe(String value) {
		return (value == null) ? "(missing)" : "'" + value + "'";
	}

	private static List<String> sorted(Set<String> values) {
		return values.stream().sorted().toList();
	}

}
