package com.audiencesync.spec;

import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The problems found in a spec, each at a key path ({@code source.grid-size}); the loader
 * adds the file and the line. Every check adds to it, so all problems are reported at
 * once.
 */
public final class SpecProblems {

	/** A problem at a key path. */
	record Problem(String path, String message) {
	}

	private final List<Problem> problems = new ArrayList<>();

	/** Adds a problem at that key path. */
	public void add(String path, String message) {
		this.problems.add(new Problem(path, message));
	}

	/** Adds a problem unless the value is a time zone. */
	public void zone(String path, String value, String examples) {
		if (value == null) {
			return;
		}
		try {
			ZoneId.of(value);
		}
		catch (DateTimeException ex) {
			add(path, "'" + value + "' is not a time zone (e.g. " + examples + ")");
		}
	}

	/** Adds a problem when the value is set but not one of the allowed ones. */
	public void oneOf(String path, String value, Collection<String> allowed, String what) {
		if (value != null && !allowed.contains(value)) {
			add(path, "'" + value + "' is not " + what + " (one of " + sorted(allowed) + ")");
		}
	}

	/** The allowed values, sorted, for messages. */
	public static List<String> sorted(Collection<String> values) {
		return values.stream().sorted().toList();
	}

	/** {@code 'value'}, or {@code (missing)}. */
	public static String describe(String value) {
		return (value == null) ? "(missing)" : "'" + value + "'";
	}

	/**
	 * A type in words, for messages: {@code a whole number}, {@code true or false},
	 * {@code a duration (e.g. 500ms, 30s, 2m)}.
	 */
	public static String expected(Class<?> target) {
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
			return "a duration (e.g. 500ms, 30s, 2m)";
		}
		if (target == java.time.LocalDate.class) {
			return "a date (yyyy-MM-dd)";
		}
		if (target == java.time.ZoneId.class) {
			return "a time zone (e.g. Asia/Seoul)";
		}
		if (target == java.net.URI.class) {
			return "a URL";
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

	/** Whether any problem was found. */
	public boolean isEmpty() {
		return this.problems.isEmpty();
	}

	List<Problem> all() {
		return List.copyOf(this.problems);
	}

	static Set<String> set(String... values) {
		return Set.of(values);
	}

}
