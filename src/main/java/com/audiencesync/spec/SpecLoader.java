package com.audiencesync.spec;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.exc.InvalidFormatException;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;
import tools.jackson.databind.jsontype.NamedType;
import tools.jackson.dataformat.yaml.YAMLMapper;

/** Reads a spec file and checks it: first its shape (keys, types), then its meaning. */
public final class SpecLoader {

	private final YAMLMapper mapper = YAMLMapper.builder()
		.propertyNamingStrategy(PropertyNamingStrategies.KEBAB_CASE)
		.enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
		.enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
		.enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
		// YAML lets a later key overwrite an earlier one silently; a spec refuses it
		.enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
		// source.type picks the kind's record among the registered ones
		.registerSubtypes(SourceTypes.all()
			.stream()
			.map((type) -> new NamedType(type.specType(), type.id()))
			.toArray(NamedType[]::new))
		.build();

	private final SpecValidator validator = new SpecValidator();

	/** Reads and validates a spec; throws {@link SpecException} listing every problem. */
	public JobSpec load(Path file) {
		String name = file.toString();
		String yaml;
		try {
			yaml = Files.readString(file, StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new SpecException(new SpecError(name, 0, "", "cannot read the file (" + ex.getMessage() + ")"));
		}
		KeyLines lines = new KeyLines(this.mapper, yaml);
		JobSpec spec = bind(name, yaml, lines).withFile(file.toAbsolutePath().normalize());
		List<SpecError> errors = this.validator.validate(spec)
			.all()
			.stream()
			.map((problem) -> new SpecError(name, lines.lineOf(problem.path()), problem.path(), problem.message()))
			.toList();
		if (!errors.isEmpty()) {
			throw new SpecException(errors);
		}
		return spec;
	}

	private JobSpec bind(String name, String yaml, KeyLines lines) {
		// a file of comments only is as empty as a blank one; the binder would only say
		// "no content to map"
		if (yaml.lines().map(String::strip).allMatch((l) -> l.isEmpty() || l.startsWith("#") || l.equals("---"))) {
			throw new SpecException(new SpecError(name, 0, "", "the file is empty"));
		}
		try {
			return this.mapper.readValue(yaml, JobSpec.class);
		}
		catch (UnrecognizedPropertyException ex) {
			String path = path(ex);
			String known = ex.getKnownPropertyIds()
				.stream()
				.map(String::valueOf)
				.sorted()
				.collect(Collectors.joining(", "));
			throw new SpecException(new SpecError(name, line(ex, lines, path), path,
					"unknown key '" + ex.getPropertyName() + "' (expected one of: " + known + ")"));
		}
		catch (StreamReadException ex) {
			// the YAML itself (indentation, quotes, a duplicated key): where the parser
			// stopped
			int line = (ex.getLocation() != null) ? Math.max(ex.getLocation().getLineNr(), 0) : 0;
			int column = (ex.getLocation() != null) ? Math.max(ex.getLocation().getColumnNr(), 0) : 0;
			Matcher duplicate = DUPLICATE.matcher(firstLine(ex.getOriginalMessage()));
			if (duplicate.find() && column > duplicate.group(1).length()) {
				// the parser stands after the key: point at its start
				column -= duplicate.group(1).length();
			}
			throw new SpecException(new SpecError(name, line, column, "", syntax(ex, lines)));
		}
		catch (JacksonException ex) {
			String path = path(ex);
			throw new SpecException(new SpecError(name, line(ex, lines, path), path, typeProblem(ex)));
		}
	}

	/** A YAML syntax error in words, with what usually causes it. */
	private static String syntax(StreamReadException ex, KeyLines lines) {
		String message = firstLine(ex.getOriginalMessage());
		Matcher duplicate = DUPLICATE.matcher(message);
		if (duplicate.find()) {
			JsonParser parser = ex.processor();
			String path = (parser != null && parser.streamReadContext() != null
					&& parser.streamReadContext().getParent() != null)
							? KeyLines.dotted(parser.streamReadContext().getParent().pathAsPointer().toString()) : "";
			String key = duplicate.group(1);
			int first = lines.lineOf(path.isEmpty() ? key : path + "." + key);
			return "duplicate key '" + key + "'" + ((path.isEmpty()) ? "" : " in " + path)
					+ ((first > 0) ? " (first on line " + first + ")" : "") + ": each key may appear once";
		}
		if (message.startsWith("mapping values are not allowed here")) {
			return "invalid YAML: " + message + " (is this line indented like the keys beside it? "
					+ "a value holding ': ' needs quotes)";
		}
		return "invalid YAML: " + message;
	}

	private static final Pattern DUPLICATE = Pattern.compile("Duplicate Object property \"([^\"]*)\"");

	/**
	 * A value of the wrong type in words: {@code 'twenty' is not a whole number} rather
	 * than Jackson's {@code Cannot deserialize value of type java.lang.Integer}.
	 */
	private static String typeProblem(JacksonException ex) {
		if (ex instanceof MismatchedInputException mismatch && mismatch.getTargetType() != null) {
			Class<?> target = mismatch.getTargetType();
			String expected = expected(target);
			if (ex instanceof InvalidFormatException format) {
				return "'" + format.getValue() + "' is not " + expected;
			}
			String message = firstLine(ex.getOriginalMessage());
			if (message.contains("from Object value") || message.contains("START_OBJECT")) {
				return "a mapping (key: value) where " + expected + " is expected";
			}
			if (message.contains("from Array value") || message.contains("START_ARRAY")) {
				return "a list where " + expected + " is expected";
			}
			if (message.contains("from String value") || message.contains("from String \"")) {
				return "a text where " + expected + " is expected";
			}
			return "not " + expected + " (" + message + ")";
		}
		return firstLine(ex.getOriginalMessage());
	}

	private static String expected(Class<?> target) {
		if (target == Integer.class || target == int.class || target == Long.class || target == long.class) {
			return "a whole number";
		}
		if (target == Double.class || target == double.class || target == java.math.BigDecimal.class) {
			return "a number";
		}
		if (target == Boolean.class || target == boolean.class) {
			return "true or false";
		}
		if (target.isEnum()) {
			return "one of: " + Arrays.stream(target.getEnumConstants())
				.map((constant) -> constant.toString().toLowerCase(Locale.ROOT).replace('_', '-'))
				.collect(Collectors.joining(", "));
		}
		if (target == java.time.Duration.class) {
			return "a duration (e.g. 30s, 5m, PT1H)";
		}
		if (target == java.time.LocalDate.class) {
			return "a date (yyyy-MM-dd)";
		}
		if (target == java.time.ZoneId.class) {
			return "a time zone (e.g. Asia/Seoul)";
		}
		if (target == String.class) {
			return "a text";
		}
		if (java.util.Collection.class.isAssignableFrom(target)) {
			return "a list";
		}
		if (java.util.Map.class.isAssignableFrom(target) || target.isRecord()) {
			return "a mapping (key: value)";
		}
		return "a " + target.getSimpleName();
	}

	private static int line(JacksonException ex, KeyLines lines, String path) {
		int fromKey = lines.lineOf(path);
		if (fromKey > 0) {
			return fromKey;
		}
		return (ex.getLocation() != null) ? Math.max(ex.getLocation().getLineNr(), 0) : 0;
	}

	private static String path(JacksonException ex) {
		List<String> parts = new ArrayList<>();
		for (JacksonException.Reference reference : ex.getPath()) {
			if (reference.getPropertyName() != null) {
				parts.add(reference.getPropertyName());
			}
			else if (reference.getIndex() >= 0) {
				parts.add(String.valueOf(reference.getIndex()));
			}
		}
		return String.join(".", parts);
	}

	private static String firstLine(String message) {
		if (message == null) {
			return "cannot be read";
		}
		int newline = message.indexOf('\n');
		return (newline < 0) ? message : message.substring(0, newline);
	}

}
