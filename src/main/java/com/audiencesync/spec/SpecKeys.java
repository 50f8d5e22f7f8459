package com.audiencesync.spec;

import java.lang.annotation.Annotation;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Every key path a spec can hold, at every level ({@code source.format},
 * {@code mapping.fields.<name>.type}), read from the spec records, so that an unknown key
 * gets the known one it most likely meant: the same key one level off ({@code format} at
 * the top for {@code source.format}) or a misspelling ({@code concurency}).
 */
final class SpecKeys {

	/** A map's own key or a list's index: any segment there is one the user chose. */
	private static final String ANY = "*";

	private static final List<List<String>> PATHS = paths();

	private SpecKeys() {
	}

	/**
	 * The known key path closest to an unknown one, as the user would write it: its key
	 * close to the unknown key (the same but for case, '-' and '_', or a letter or two
	 * off), and its place closest to where the unknown key stands.
	 * @param path the unknown key's path, e.g. {@code mapping.format}
	 * @param usable which known paths may be suggested
	 */
	static Optional<String> suggest(String path, Predicate<String> usable) {
		List<String> unknown = List.of(path.split("\\."));
		String key = unknown.get(unknown.size() - 1);
		List<String> parent = unknown.subList(0, unknown.size() - 1);
		record Candidate(List<String> path, int score) {
		}
		return PATHS.stream().map((known) -> {
			int keyDistance = Spelling.distance(key, known.get(known.size() - 1));
			if (keyDistance > allowed(key) || known.get(known.size() - 1).equals(ANY)) {
				return null;
			}
			List<String> knownParent = known.subList(0, known.size() - 1);
			return new Candidate(known, 2 * keyDistance + placeDistance(parent, knownParent));
		})
			.filter((candidate) -> candidate != null && !candidate.path().equals(unknown))
			.filter((candidate) -> usable.test(String.join(".", candidate.path())))
			.min(Comparator.comparingInt(Candidate::score)
				.thenComparingInt((candidate) -> candidate.path().size())
				.thenComparing((candidate) -> String.join(".", candidate.path())))
			.map((candidate) -> render(candidate.path(), parent));
	}

	/** Every path, the record components' keys followed down. */
	private static List<List<String>> paths() {
		List<List<String>> paths = new ArrayList<>();
		collect(JobSpec.class, List.of(), paths);
		// a single destination takes the top-level mapping: its own is refused
		return paths.stream()
			.filter((path) -> !(path.size() > 1 && path.get(0).equals("destination") && path.get(1).equals("mapping")))
			.distinct()
			.toList();
	}

	private static void collect(Type type, List<String> prefix, List<List<String>> paths) {
		if (type instanceof ParameterizedType parameterized) {
			Class<?> raw = (Class<?>) parameterized.getRawType();
			Type[] arguments = parameterized.getActualTypeArguments();
			if (Map.class.isAssignableFrom(raw)) {
				collect(arguments[1], with(prefix, ANY), paths);
			}
			else if (List.class.isAssignableFrom(raw)) {
				collect(arguments[0], with(prefix, ANY), paths);
			}
			return;
		}
		if (type == SourceSpec.class) {
			SourceTypes.all().forEach((kind) -> collect(kind.specType(), prefix, paths));
			return;
		}
		if (!(type instanceof Class<?> record) || !record.isRecord()) {
			return;
		}
		for (RecordComponent component : record.getRecordComponents()) {
			if (annotation(record, component, JsonIgnore.class) != null
					|| annotation(record, component, JsonAnySetter.class) != null) {
				continue;
			}
			JsonProperty named = annotation(record, component, JsonProperty.class);
			String key = (named != null) ? named.value() : kebab(component.getName());
			List<String> path = with(prefix, key);
			paths.add(path);
			collect(component.getGenericType(), path, paths);
		}
	}

	/** Jackson's annotations land on a record's field or accessor, not its component. */
	private static <A extends Annotation> A annotation(Class<?> record, RecordComponent component, Class<A> type) {
		A onAccessor = component.getAccessor().getAnnotation(type);
		if (onAccessor != null) {
			return onAccessor;
		}
		try {
			return record.getDeclaredField(component.getName()).getAnnotation(type);
		}
		catch (NoSuchFieldException ex) {
			return null;
		}
	}

	private static List<String> with(List<String> prefix, String segment) {
		List<String> path = new ArrayList<>(prefix);
		path.add(segment);
		return List.copyOf(path);
	}

	private static String kebab(String name) {
		return name.replaceAll("([A-Z])", "-$1").toLowerCase(Locale.ROOT);
	}

	/** The edits a key may be off by: none for short keys, where one is another word. */
	private static int allowed(String key) {
		return (key.length() <= 3) ? 0 : (key.length() <= 5) ? 1 : 2;
	}

	/**
	 * How far a place is from another, in keys: each one inserted, left out or replaced
	 * counts one; a map's or list's own key stands for any.
	 */
	private static int placeDistance(List<String> given, List<String> known) {
		int[][] d = new int[given.size() + 1][known.size() + 1];
		for (int i = 0; i <= given.size(); i++) {
			d[i][0] = i;
		}
		for (int j = 0; j <= known.size(); j++) {
			d[0][j] = j;
		}
		for (int i = 1; i <= given.size(); i++) {
			for (int j = 1; j <= known.size(); j++) {
				boolean same = known.get(j - 1).equals(ANY) || known.get(j - 1).equals(given.get(i - 1));
				d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + (same ? 0 : 1));
			}
		}
		return d[given.size()][known.size()];
	}

	/**
	 * The path as the user would write it: where it lies under the unknown key's own
	 * parent, with the names the user gave there; elsewhere with a placeholder for the
	 * names the user chooses ({@code mapping.fields.<name>.format}).
	 */
	private static String render(List<String> known, List<String> parent) {
		List<String> shown = new ArrayList<>(known);
		if (known.size() == parent.size() + 1 && placeDistance(parent, known.subList(0, parent.size())) == 0) {
			for (int i = 0; i < parent.size(); i++) {
				shown.set(i, parent.get(i));
			}
		}
		return String.join(".", shown.stream().map((segment) -> segment.equals(ANY) ? "<name>" : segment).toList());
	}

	/** Every path, for tests. */
	static List<String> all() {
		return PATHS.stream().map((path) -> String.join(".", path)).toList();
	}

}
