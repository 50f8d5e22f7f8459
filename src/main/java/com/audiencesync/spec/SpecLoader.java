package com.audiencesync.spec;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.PropertyNamingStrategies;
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
		catch (JacksonException ex) {
			String path = path(ex);
			throw new SpecException(
					new SpecError(name, line(ex, lines, path), path, firstLine(ex.getOriginalMessage())));
		}
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
