package com.audiencesync.spec;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.PropertyNamingStrategies;
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

	private final SpecBinder binder = new SpecBinder(this.mapper);

	/**
	 * Reads and validates a spec; throws {@link SpecException} listing every problem, in
	 * line order, with the spec as far as it could be read.
	 */
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
		SpecBinder.Bound bound = this.binder.bind(name, parse(name, yaml, lines), lines);
		List<SpecError> errors = new ArrayList<>(bound.errors());
		JobSpec spec = (bound.spec() != null) ? bound.spec().withFile(file.toAbsolutePath().normalize()) : null;
		if (spec != null) {
			this.validator.validate(spec)
				.all()
				.stream()
				.filter((problem) -> !reported(problem, bound))
				.map((problem) -> new SpecError(name, lines.lineOf(problem.path()), problem.path(), problem.message()))
				.forEach(errors::add);
		}
		if (!errors.isEmpty()) {
			throw new SpecException(errors, spec);
		}
		return spec;
	}

	/**
	 * Whether a problem of the spec's meaning is about a value already reported and left
	 * out: the value itself ({@code destination} missing once its text was refused), or a
	 * key named in its parent's problem
	 * ({@code mapping.fields: 'phoneNumber' is required} once the value of
	 * {@code mapping.fields.phoneNumber} was refused); or a key missing where an unknown
	 * key was taken to belong ({@code source.format} for a {@code format} at the top).
	 */
	private static boolean reported(SpecProblems.Problem problem, SpecBinder.Bound bound) {
		if (bound.meant().contains(problem.path()) && problem.message().startsWith("is required")) {
			return true;
		}
		for (String path : bound.leftOut()) {
			if (problem.path().equals(path) || problem.path().startsWith(path + ".")) {
				return true;
			}
			int dot = path.lastIndexOf('.');
			if (dot > 0 && problem.path().equals(path.substring(0, dot))
					&& problem.message().startsWith("'" + path.substring(dot + 1) + "'")) {
				return true;
			}
		}
		return false;
	}

	/**
	 * The YAML as a tree; a file that is not YAML is reported where the parser stopped.
	 */
	private JsonNode parse(String name, String yaml, KeyLines lines) {
		// a file of comments only is as empty as a blank one; the parser would only say
		// "no content"
		if (yaml.lines().map(String::strip).allMatch((l) -> l.isEmpty() || l.startsWith("#") || l.equals("---"))) {
			throw new SpecException(new SpecError(name, 0, "", "the file is empty"));
		}
		try {
			return this.mapper.readTree(yaml);
		}
		catch (StreamReadException ex) {
			List<SpecError> tabs = tabs(name, yaml);
			if (!tabs.isEmpty()) {
				throw new SpecException(tabs);
			}
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
			int line = (ex.getLocation() != null) ? Math.max(ex.getLocation().getLineNr(), 0) : 0;
			String message = firstLine(ex.getOriginalMessage());
			throw new SpecException(new SpecError(name, line, "", message.startsWith("Trailing token")
					? "a second YAML document ('---'): a spec file holds one document" : "invalid YAML: " + message));
		}
	}

	/**
	 * Every line indented with a tab. SnakeYAML names only the first, and on the line
	 * before it; a tab is the usual cause of YAML that does not parse in an editor that
	 * shows it as spaces.
	 */
	private static List<SpecError> tabs(String name, String yaml) {
		List<SpecError> tabs = new ArrayList<>();
		List<String> all = yaml.lines().toList();
		for (int i = 0; i < all.size(); i++) {
			String line = all.get(i);
			int indent = 0;
			while (indent < line.length() && (line.charAt(indent) == ' ' || line.charAt(indent) == '\t')) {
				indent++;
			}
			int tab = line.substring(0, indent).indexOf('\t');
			if (tab >= 0 && indent < line.length()) {
				tabs.add(new SpecError(name, i + 1, tab + 1, "",
						"a tab character indents this line; YAML indents with spaces only"));
			}
		}
		return tabs;
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

	static String firstLine(String message) {
		if (message == null) {
			return "cannot be read";
		}
		int newline = message.indexOf('\n');
		return (newline < 0) ? message : message.substring(0, newline);
	}

}
