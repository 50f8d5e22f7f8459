package com.audiencesync.transform;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import com.audiencesync.source.Columns;
import com.audiencesync.source.SourceRow;
import com.audiencesync.spec.DestinationSpec;
import com.audiencesync.spec.FieldSpec;
import com.audiencesync.spec.JobSpec;
import com.audiencesync.spec.MappingSpec;
import com.audiencesync.spec.PropertiesSpec;
import com.audiencesync.spec.Spelling;

/**
 * The columns a spec's mappings read (fields, property columns and fields, {@code when})
 * of every destination, each with the spec keys that map it, checked against what an
 * extract or table holds. A mapped column that is not there is a typo or a changed
 * extract, and sending anyway does harm on every profile: a whole-map vendor stores null
 * for the property and loses the real one, or every row is rejected. So a partition (or,
 * before it starts, the run) stops instead, naming the column, the key that maps it and
 * the closest name that is there.
 * <p>
 * Two ways to know what is there: the columns a reader knows before its first row (a CSV
 * header, a table's columns, any new format's schema: {@link #against(Columns)}), or the
 * keys of the first rows for formats whose records name their own (JSON lines:
 * {@link #sample()}). A {@code properties.prefix} names no column, so it is not checked.
 */
public final class ColumnCheck {

	/** Names listed when no present one is close to a missing one. */
	private static final int LISTED = 12;

	/** Key names kept from sampled rows for hints: enough for any real extract. */
	private static final int KEPT_NAMES = 1000;

	/** Mapped column to the spec keys that map it, in spec order. */
	private final Map<String, Set<String>> mapped;

	/** The prefixes of columns a mapping takes all of ({@code properties.prefix}). */
	private final List<String> prefixes;

	private ColumnCheck(Map<String, Set<String>> mapped, List<String> prefixes) {
		this.mapped = mapped;
		this.prefixes = List.copyOf(prefixes);
	}

	/** The columns every destination of a validated spec maps. */
	public static ColumnCheck of(JobSpec spec) {
		Map<String, Set<String>> mapped = new LinkedHashMap<>();
		List<String> prefixes = new ArrayList<>();
		List<DestinationSpec> targets = spec.targets();
		for (int i = 0; i < targets.size(); i++) {
			DestinationSpec target = targets.get(i);
			String at = (spec.destinations() != null) ? "destinations." + i + "." : "";
			MappingSpec mapping = target.mapping();
			if (mapping != null) {
				mapping.fields().forEach((name, field) -> add(mapped, field, at + "mapping.fields." + name));
				PropertiesSpec properties = mapping.properties();
				if (properties != null) {
					if (properties.prefix() != null) {
						prefixes.add(properties.prefix());
					}
					properties.columns().forEach((column) -> add(mapped, column, at + "mapping.properties.columns"));
					properties.fields()
						.forEach((name, field) -> add(mapped, field, at + "mapping.properties.fields." + name));
				}
			}
			if (target.when() != null) {
				add(mapped, target.when().column(), ((at.isEmpty()) ? "destination." : at) + "when.column");
			}
		}
		return new ColumnCheck(mapped, prefixes);
	}

	private static void add(Map<String, Set<String>> mapped, FieldSpec field, String key) {
		if (field != null && field.constant() == null) {
			add(mapped, field.column(), key);
		}
	}

	private static void add(Map<String, Set<String>> mapped, String column, String key) {
		if (column != null && !column.isBlank()) {
			mapped.computeIfAbsent(column, (name) -> new LinkedHashSet<>()).add(key);
		}
	}

	/**
	 * Whether the mapping reads a top-level column of that name: a mapped column, the
	 * first part of a mapped path ({@code address} of {@code address.city}), or one with
	 * a mapped prefix. A format that can read some columns only (Parquet) reads these.
	 */
	public boolean reads(String column) {
		for (String mapped : this.mapped.keySet()) {
			if (mapped.equals(column) || mapped.startsWith(column + ".")) {
				return true;
			}
		}
		return this.prefixes.stream().anyMatch(column::startsWith);
	}

	/** The mapped columns, in spec order. */
	public Set<String> columns() {
		return this.mapped.keySet();
	}

	/**
	 * The mapped columns that are not among columns known before the first row. A nested
	 * path {@code a.b} is there when {@code a.b} or {@code a} is (a header cannot say
	 * what a JSON value holds).
	 */
	public Optional<Missing> against(Columns columns) {
		Set<String> names = new LinkedHashSet<>();
		columns.names().forEach((name) -> names.add(columns.ignoreCase() ? lower(name) : name));
		List<Absent> absent = new ArrayList<>();
		this.mapped.forEach((column, keys) -> {
			String first = column.contains(".") ? column.substring(0, column.indexOf('.')) : column;
			if (!names.contains(fold(column, columns)) && !names.contains(fold(first, columns))) {
				absent.add(new Absent(column, List.copyOf(keys), hint(column, columns.names())));
			}
		});
		return absent.isEmpty() ? Optional.empty()
				: Optional.of(new Missing(columns.source(), columns.where(), absent, columns.names()));
	}

	private static String fold(String name, Columns columns) {
		return columns.ignoreCase() ? lower(name) : name;
	}

	/** A check of the first rows read, for formats whose rows name their own keys. */
	public Sample sample() {
		return new Sample();
	}

	/**
	 * The keys of rows read so far: a mapped column that no readable row has (the key
	 * missing, not a null value) is missing. Rows that could not be parsed say nothing.
	 */
	public final class Sample {

		private final Set<String> unseen = new LinkedHashSet<>(ColumnCheck.this.mapped.keySet());

		private final Set<String> names = new LinkedHashSet<>();

		private final Set<String> paths = new LinkedHashSet<>();

		private final int depth = ColumnCheck.this.mapped.keySet()
			.stream()
			.mapToInt((column) -> column.split("\\.", -1).length)
			.max()
			.orElse(1);

		private String source;

		private long rows;

		private long readable;

		private Sample() {
		}

		/** Takes a row's keys into account. */
		public void add(SourceRow row) {
			this.rows++;
			if (this.source == null) {
				this.source = row.source();
			}
			if (!row.readable()) {
				return;
			}
			this.readable++;
			this.unseen.removeIf((column) -> has(row.values(), column));
			if (this.names.size() < KEPT_NAMES) {
				this.names.addAll(row.values().keySet());
				if (this.depth > 1) {
					collect(row.values(), "", 1);
				}
			}
		}

		/** Rows taken, readable or not. */
		public long rows() {
			return this.rows;
		}

		/** The mapped columns no readable row had; empty when none was readable. */
		public Optional<Missing> missing() {
			if (this.readable == 0 || this.unseen.isEmpty()) {
				return Optional.empty();
			}
			List<String> candidates = new ArrayList<>(this.names);
			this.paths.stream().filter((path) -> !this.names.contains(path)).forEach(candidates::add);
			List<Absent> absent = this.unseen.stream()
				.map((column) -> new Absent(column, List.copyOf(ColumnCheck.this.mapped.get(column)),
						hint(column, candidates)))
				.toList();
			String where = (this.rows == 1) ? "in its first row" : "in any of its first " + this.rows + " rows";
			return Optional.of(new Missing(this.source, where, absent, List.copyOf(this.names)));
		}

		/** Nested paths, for hints at a misspelled nested key. */
		@SuppressWarnings("unchecked")
		private void collect(Map<String, Object> values, String prefix, int level) {
			values.forEach((key, value) -> {
				if (this.paths.size() < KEPT_NAMES) {
					this.paths.add(prefix + key);
					if (level < this.depth && value instanceof Map<?, ?> nested) {
						collect((Map<String, Object>) nested, prefix + key + ".", level + 1);
					}
				}
			});
		}

	}

	/**
	 * Whether a row has the key a column names: the full name, or the path of a nested
	 * one; a null on the way counts (the value is null, the key is not missing).
	 */
	@SuppressWarnings("unchecked")
	static boolean has(Map<String, Object> values, String column) {
		if (values.containsKey(column)) {
			return true;
		}
		if (!column.contains(".")) {
			return false;
		}
		Object current = values;
		for (String part : column.split("\\.")) {
			if (current == null) {
				return true;
			}
			if (!(current instanceof Map<?, ?> map) || !map.containsKey(part)) {
				return false;
			}
			current = ((Map<String, Object>) map).get(part);
		}
		return true;
	}

	/**
	 * The present name closest to a missing one, or null when none is close: equal but
	 * for case or separators, or a few edits away (Damerau-Levenshtein, transpositions
	 * counting one).
	 */
	static String hint(String missing, List<String> present) {
		String best = null;
		int bestDistance = Integer.MAX_VALUE;
		List<String[]> tries = new ArrayList<>();
		tries.add(new String[] { missing, "" });
		if (missing.contains(".")) {
			// a nested path: the column holding it may be the misspelled part
			int dot = missing.indexOf('.');
			tries.add(new String[] { missing.substring(0, dot), missing.substring(dot) });
		}
		for (String[] attempt : tries) {
			int allowed = allowed(attempt[0]);
			for (String name : present) {
				int distance = Spelling.distance(attempt[0], name);
				if (distance <= allowed && distance < bestDistance) {
					best = name + attempt[1];
					bestDistance = distance;
				}
			}
		}
		return best;
	}

	private static String lower(String name) {
		return name.toLowerCase(Locale.ROOT);
	}

	private static int allowed(String name) {
		int length = name.length();
		return (length <= 4) ? 1 : (length <= 8) ? 2 : 3;
	}

	/**
	 * One mapped column that is not there.
	 *
	 * @param column the column as the spec names it
	 * @param keys the spec keys that map it ({@code mapping.properties.columns})
	 * @param hint the closest name that is there, or null
	 */
	public record Absent(String column, List<String> keys, String hint) {
	}

	/**
	 * The mapped columns an extract or table does not have.
	 *
	 * @param source what was read ({@code members.csv}, {@code table analytics.members})
	 * @param where where the names were looked for ({@code in its header})
	 * @param absent each column not there
	 * @param present the names that are there, for a column without a close one
	 */
	public record Missing(String source, String where, List<Absent> absent, List<String> present) {

		/** One line per column: {@code members.csv: column 'grdae' (...) is not ...}. */
		public List<String> lines() {
			return this.absent.stream().map((column) -> this.source + ": " + describe(column)).toList();
		}

		/** Every column in one line, for a failed partition's or run's message. */
		public String message() {
			List<String> each = this.absent.stream().map(this::describe).toList();
			return this.source + ": " + String.join("; ", each);
		}

		private String describe(Absent column) {
			String what = "column '" + column.column() + "' (" + String.join(", ", column.keys()) + ") is not "
					+ this.where;
			if (column.hint() != null) {
				return what + ": did you mean '" + column.hint() + "'?";
			}
			List<String> shown = this.present.stream().limit(LISTED).toList();
			int more = this.present.size() - shown.size();
			return what + " (it has " + (this.present.isEmpty() ? "none" : String.join(", ", shown))
					+ ((more > 0) ? " and " + more + " more" : "") + ")";
		}

	}

}
