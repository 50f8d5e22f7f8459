package com.audiencesync.spec;

import java.util.List;

/**
 * A source kind as specs see it ({@code source.type: <id>}): its spec record, registered
 * in {@code META-INF/services/com.audiencesync.spec.SourceType} by the kind's package, so
 * a spec binds and validates without a Spring context. The kind's package adds how the
 * source is created.
 */
public interface SourceType {

	/** The {@code source.type} value, e.g. {@code file}. */
	String id();

	/** The record {@code source} binds to (kebab-case keys), validated by itself. */
	Class<? extends SourceSpec> specType();

	/** What this kind reads, for messages: {@code a table or query}. */
	String reads();

	/** The keys the spec record takes, kebab-case, {@code type} included. */
	default List<String> keys() {
		return SourceSpec.keys(specType());
	}

}
