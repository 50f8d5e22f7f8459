package com.audiencesync.spec;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonTypeInfo;

/**
 * Where rows come from: one record per source kind, chosen by {@code source.type} among
 * the registered {@link SourceType}s. A key the kind does not take is kept in
 * {@link #otherKeys()} and reported (naming the kinds that do take it), beside every
 * other problem of the spec.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.EXISTING_PROPERTY, property = "type",
		visible = true, defaultImpl = UntypedSourceSpec.class)
public interface SourceSpec {

	/** The kind, e.g. {@code file}, {@code s3} or {@code jdbc}. */
	String type();

	/**
	 * {@code fail} (default) or {@code complete}: what a run does when the folder, prefix
	 * or window holds nothing to read.
	 */
	String onEmpty();

	/** Keys of the {@code source} map that this kind does not take. */
	Map<String, Object> otherKeys();

	/** Adds this source's problems (paths start with {@code source.}). */
	void validate(SpecProblems problems);

	/** What the source reads, for messages: the path, URI, table or {@code query}. */
	String describe();

	/**
	 * Whether a run reads everything the source holds (an extract, a whole table), so a
	 * key it does not read is gone: what {@code mode: mirror} needs.
	 */
	default boolean readsInFull() {
		return true;
	}

	/**
	 * The keys whose values take the run's dates ({@code ${runDate}}, {@code ${from}},
	 * {@code ${to}}), with their values as written: a file's {@code source.path}, an S3
	 * {@code source.uri}. Empty for a kind that takes none.
	 */
	default Map<String, String> datedKeys() {
		return Map.of();
	}

	/** Partitions the source is split into where it decides; null for one per extract. */
	default Integer gridSize() {
		return null;
	}

	/**
	 * Whether an empty folder, prefix or window completes the run (with nothing sent)
	 * rather than failing it.
	 */
	default boolean completesWhenEmpty() {
		return "complete".equals(onEmpty());
	}

	/** The kebab-case keys of a source record. */
	static List<String> keys(Class<? extends SourceSpec> type) {
		return Arrays.stream(type.getRecordComponents())
			.map((component) -> component.getName())
			.filter((name) -> !"otherKeys".equals(name))
			.map((name) -> name.replaceAll("([A-Z])", "-$1").toLowerCase())
			.toList();
	}

}
