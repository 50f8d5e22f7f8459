package com.audiencesync.batch;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How a run is carried out, beyond what identifies it.
 *
 * @param properties Spring Boot properties that override the configuration for this run
 * only, e.g. the sandbox's {@code audience-sync.destinations.<vendor>.base-url} and
 * {@code api-key}: endpoints are always built from properties, overridden or not
 * @param resync whether every row is sent, changed or not, and the sync state rewritten
 * @param allowMassDelete whether a mirror may delete more than its spec's
 * {@code mirror.max-delete-ratio} of the known keys
 */
public record RunOptions(Map<String, String> properties, boolean resync, boolean allowMassDelete) {

	/** Against the configured vendor. */
	public static final RunOptions LIVE = new RunOptions(Map.of());

	public RunOptions {
		properties = Map.copyOf(properties);
	}

	/** Sends only what changed. */
	public RunOptions(Map<String, String> properties) {
		this(properties, false, false);
	}

	/** These options with one more property. */
	public RunOptions with(String name, String value) {
		Map<String, String> more = new LinkedHashMap<>(this.properties);
		more.put(name, value);
		return new RunOptions(more, this.resync, this.allowMassDelete);
	}

	/** These options, sending every row. */
	public RunOptions resyncing() {
		return new RunOptions(this.properties, true, this.allowMassDelete);
	}

	/** These options, letting a mirror delete more than its limit. */
	public RunOptions allowingMassDelete() {
		return new RunOptions(this.properties, this.resync, true);
	}

	@Override
	public String toString() {
		// overrides may hold a key
		return "RunOptions" + this.properties.keySet() + (this.resync ? ", resync" : "")
				+ (this.allowMassDelete ? ", allow mass delete" : "");
	}

}
