package com.audiencesync.spec;

import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import com.audiencesync.destination.Destinations;
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
		Optional<EndpointDescriptor> endpoint = validateDestination(spec.destination(), problems);
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
		if (spec.mapping() == null) {
			problems.add(new Problem("mapping", "is required"));
		}
		else {
			endpoint.ifPresent((descriptor) -> validateMapping(spec.mapping(), descriptor, problems));
		}
		return problems;
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

	private Optional<EndpointDescriptor> validateDestination(DestinationSpec destination, List<Problem> problems) {
		if (destination == null) {
			problems.add(new Problem("destination", "is required"));
			return Optional.empty();
		}
		if (destination.vendor() == null || !Destinations.vendors().contains(destination.vendor())) {
			problems.add(new Problem("destination.vendor",
					describe(destination.vendor()) + " is not a vendor (one of " + Destinations.vendors() + ")"));
			return Optional.empty();
		}
		Optional<EndpointDescriptor> endpoint = Destinations.find(destination.vendor(), destination.endpoint());
		if (endpoint.isEmpty()) {
			problems
				.add(new Problem("destination.endpoint", describe(destination.endpoint()) + " is not an endpoint of "
						+ destination.vendor() + " (one of " + Destinations.endpoints(destination.vendor()) + ")"));
			return endpoint;
		}
		if (destination.chains() != null && !Set.of("separate", "reject").contains(destination.chains())) {
			problems.add(new Problem("destination.chains",
					"'" + destination.chains() + "' is not a chain policy (one of [reject, separate])"));
		}
		int max = endpoint.get().maxBatchSize();
		if (destination.batchSize() != null && (destination.batchSize() < 1 || destination.batchSize() > max)) {
			problems.add(new Problem("destination.batch-size", "must be between 1 and " + max + " (the limit of "
					+ endpoint.get().id() + "), was " + destination.batchSize()));
		}
		return endpoint;
	}

	private void validateMapping(MappingSpec mapping, EndpointDescriptor endpoint, List<Problem> problems) {
		for (Map.Entry<String, FieldSpec> entry : mapping.fields().entrySet()) {
			String path = "mapping.fields." + entry.getKey();
			Optional<EndpointField> field = endpoint.field(entry.getKey());
			if (field.isEmpty()) {
				problems.add(new Problem(path, endpoint.id() + " has no field '" + entry.getKey() + "' (fields: "
						+ endpoint.fields().stream().map(EndpointField::name).toList() + ")"));
				continue;
			}
			validateField(path, entry.getValue(), problems);
			String needed = field.get().kind().specType();
			if (needed != null && !needed.equals(entry.getValue().typeOrDefault())) {
				problems.add(new Problem(path + ".type",
						endpoint.id() + " takes a " + needed + " in '" + entry.getKey() + "': set type: " + needed));
			}
		}
		for (EndpointField field : endpoint.fields()) {
			if (field.required() && !mapping.fields().containsKey(field.name())) {
				problems.add(new Problem("mapping.fields",
						"'" + field.name() + "' is required by " + endpoint.id() + " but is not mapped"));
			}
		}
		if (mapping.properties() != null) {
			if (endpoint.properties() == Presence.NONE) {
				problems.add(new Problem("mapping.properties", endpoint.id() + " takes no properties map"));
			}
			mapping.properties()
				.fields()
				.forEach((name, field) -> validateField("mapping.properties.fields." + name, field, problems));
			if (mapping.properties().prefix() != null && mapping.properties().prefix().isEmpty()) {
				problems.add(new Problem("mapping.properties.prefix", "must not be empty"));
			}
		}
		else if (endpoint.properties() == Presence.REQUIRED) {
			problems.add(new Problem("mapping.properties",
					"is required by " + endpoint.id() + ": " + endpoint.propertiesNote()));
		}
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
