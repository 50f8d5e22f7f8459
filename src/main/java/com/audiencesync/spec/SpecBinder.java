package com.audiencesync.spec;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.exc.InvalidFormatException;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * Binds a spec's YAML tree to its records, reporting every key the records do not take
 * and every value of the wrong type, not only the first: each one found is reported and
 * left out, and the rest bound again, so the spec's meaning can still be checked.
 */
final class SpecBinder {

	/** Far more than a spec has keys: only a binding that never settles stops here. */
	private static final int MAX_PROBLEMS = 200;

	/**
	 * What binding gave.
	 *
	 * @param spec the spec without the values left out, or null when it cannot be bound
	 * at all
	 * @param errors the keys and values left out, and why
	 * @param leftOut the paths of the values left out: what the checks of the spec's
	 * meaning would call missing there is reported already
	 * @param meant the known keys that unknown ones were taken for: one missing there is
	 * the same mistake, reported already
	 */
	record Bound(JobSpec spec, List<SpecError> errors, Set<String> leftOut, Set<String> meant) {
	}

	private final YAMLMapper mapper;

	SpecBinder(YAMLMapper mapper) {
		this.mapper = mapper;
	}

	Bound bind(String file, JsonNode tree, KeyLines lines) {
		List<SpecError> errors = new ArrayList<>();
		Set<String> leftOut = new LinkedHashSet<>();
		Set<String> meant = new LinkedHashSet<>();
		if (!tree.isObject()) {
			errors.add(new SpecError(file, 1, "", "the file holds " + (tree.isArray() ? "a list" : "one value")
					+ ", not a spec (keys such as name, source, mapping and destination)"));
			return new Bound(null, errors, leftOut, meant);
		}
		while (errors.size() < MAX_PROBLEMS) {
			try {
				return new Bound(this.mapper.treeToValue(tree, JobSpec.class), errors, leftOut, meant);
			}
			catch (UnrecognizedPropertyException ex) {
				String path = path(ex);
				Optional<String> hint = SpecKeys.suggest(path, (known) -> true);
				hint.ifPresent(meant::add);
				errors.add(new SpecError(file, lines.lineOf(path), path, unknownKey(ex, hint)));
				if (!leaveOut(tree, path, leftOut)) {
					break;
				}
			}
			catch (JacksonException ex) {
				String path = path(ex);
				errors.add(new SpecError(file, lines.lineOf(path), path, typeProblem(ex)));
				if (!leaveOut(tree, path, leftOut)) {
					break;
				}
			}
		}
		return new Bound(null, errors, leftOut, meant);
	}

	/**
	 * Leaves the value at that path out of the tree (a list keeps its length, so later
	 * paths still name the lines they stand on); false when there is nothing to leave
	 * out.
	 */
	private static boolean leaveOut(JsonNode tree, String path, Set<String> leftOut) {
		if (path.isEmpty() || !leftOut.add(path)) {
			return false;
		}
		String[] segments = path.split("\\.");
		JsonNode parent = tree;
		for (int i = 0; i < segments.length - 1 && parent != null; i++) {
			parent = parent.isArray() ? parent.get(index(segments[i])) : parent.get(segments[i]);
		}
		String last = segments[segments.length - 1];
		if (parent instanceof ObjectNode object && object.has(last)) {
			object.remove(last);
			return true;
		}
		if (parent instanceof ArrayNode array && index(last) >= 0 && index(last) < array.size()) {
			array.set(index(last), array.nullNode());
			return true;
		}
		return false;
	}

	private static int index(String segment) {
		try {
			return Integer.parseInt(segment);
		}
		catch (NumberFormatException ex) {
			return -1;
		}
	}

	/**
	 * A key the records do not take: with the known key it most likely meant, at its
	 * level or another, else the keys of its level.
	 */
	private static String unknownKey(UnrecognizedPropertyException ex, Optional<String> hint) {
		if (hint.isPresent()) {
			return "unknown key '" + ex.getPropertyName() + "': did you mean " + hint.get() + "?";
		}
		Set<String> known = new HashSet<>();
		ex.getKnownPropertyIds().forEach((id) -> known.add(String.valueOf(id)));
		return "unknown key '" + ex.getPropertyName() + "' (expected one of: "
				+ String.join(", ", SpecProblems.sorted(known)) + ")";
	}

	/**
	 * A value of the wrong type in words: {@code 'twenty' is not a whole number} rather
	 * than Jackson's {@code Cannot deserialize value of type java.lang.Integer}.
	 */
	private static String typeProblem(JacksonException ex) {
		if (ex instanceof MismatchedInputException mismatch && mismatch.getTargetType() != null) {
			Class<?> target = mismatch.getTargetType();
			String expected = SpecProblems.expected(target);
			if (ex instanceof InvalidFormatException format) {
				return "'" + format.getValue() + "' is not " + expected;
			}
			String message = SpecLoader.firstLine(ex.getOriginalMessage());
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
		return SpecLoader.firstLine(ex.getOriginalMessage());
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

}
