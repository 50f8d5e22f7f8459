package com.audiencesync.batch.run;

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
 * @param sandbox whether the run sends to an emulator started for it ({@code --sandbox}):
 * a run of its own, its job instance, rejected rows and sync state apart from every run's
 * that is not a sandbox's
 * @param allowMassUpdate whether a planned night may update more than
 * {@code audience-sync.state.max-change-ratio} of the known keys
 */
public record RunOptions(Map<String, String> properties, boolean resync, boolean allowMassDelete, boolean sandbox,
		boolean allowMassUpdate) {

	/** Against the configured vendor. */
	public static final RunOptions LIVE = new RunOptions(Map.of());

	public RunOptions {
		properties = Map.copyOf(properties);
	}

	/** Sends only what changed. */
	public RunOptions(Map<String, String> properties) {
		this(properties, false, false, false, false);
	}

	/**
	 * Against an emulator started for the run, with these properties pointing the vendor
	 * at it.
	 */
	public static RunOptions sandbox(Map<String, String> properties) {
		return new RunOptions(properties, false, false, true, false);
	}

	/** These options with one more property. */
	public RunOptions with(String name, String value) {
		Map<String, String> more = new LinkedHashMap<>(this.properties);
		more.put(name, value);
		return new RunOptions(more, this.resync, this.allowMassDelete, this.sandbox, this.allowMassUpdate);
	}

	/** These options, sending every row. */
	public RunOptions resyncing() {
		return new RunOptions(this.properties, true, this.allowMassDelete, this.sandbox, this.allowMassUpdate);
	}

	/** These options, letting a mirror delete more than its limit. */
	public RunOptions allowingMassDelete() {
		return new RunOptions(this.properties, this.resync, true, this.sandbox, this.allowMassUpdate);
	}

	/** These options, letting a planned night update more than its limit. */
	public RunOptions allowingMassUpdate() {
		return new RunOptions(this.properties, this.resync, this.allowMassDelete, this.sandbox, true);
	}

	@Override
	public String toString() {
		// overrides may hold a key
		return "RunOptions" + this.properties.keySet() + (this.resync ? ", resync" : "")
				+ (this.allowMassDelete ? ", allow mass delete" : "")
				+ (this.allowMassUpdate ? ", allow mass update" : "") + (this.sandbox ? ", sandbox" : "");
	}

}
