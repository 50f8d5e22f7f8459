package com.audiencesync.batch;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How a run is carried out, beyond what identifies it.
 *
 * @param properties Spring Boot properties that override the configuration for this run
 * only, e.g. the sandbox's {@code audience-sync.destinations.<vendor>.base-url} and
 * {@code api-key}: endpoints are always built from properties, overridden or not
 */
public record RunOptions(Map<String, String> properties) {

	/** Against the configured vendor. */
	public static final RunOptions LIVE = new RunOptions(Map.of());

	public RunOptions {
		properties = Map.copyOf(properties);
	}

	/** These options with one more property. */
	public RunOptions with(String name, String value) {
		Map<String, String> more = new LinkedHashMap<>(this.properties);
		more.put(name, value);
		return new RunOptions(more);
	}

	@Override
	public String toString() {
		// overrides may hold a key
		return "RunOptions" + this.properties.keySet();
	}

}
