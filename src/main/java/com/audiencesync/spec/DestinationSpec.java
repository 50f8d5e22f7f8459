package com.audiencesync.spec;

/**
 * Where rows go.
 *
 * @param vendor vendor id, e.g. {@code groobee}
 * @param endpoint endpoint of that vendor, e.g. {@code personalizations}
 * @param batchSize rows per request, at most the endpoint's limit (default: the limit)
 * @param chains for endpoints that link users (Braze merges): {@code separate} (default)
 * sends a row that chains with an earlier one in a later request; {@code reject} rejects
 * it with reason {@code CHAIN}
 * @param mapping in a {@code destinations} list: how a source row becomes this endpoint's
 * row (a single {@code destination} takes the spec's top-level {@code mapping})
 * @param when which rows go to this destination (default: all); the others are skipped,
 * not rejected
 * @param mode {@code upsert} (default): send what changed; {@code mirror}: also delete at
 * the vendor the keys a complete read no longer has (endpoints with a deletion endpoint)
 */
public record DestinationSpec(String vendor, String endpoint, Integer batchSize, String chains, MappingSpec mapping,
		WhenSpec when, String mode) {

	/** The modes a destination takes. */
	public static final java.util.Set<String> MODES = java.util.Set.of("upsert", "mirror");

	public DestinationSpec(String vendor, String endpoint, Integer batchSize, String chains) {
		this(vendor, endpoint, batchSize, chains, null, null, null);
	}

	/** Whether keys the source no longer has are deleted at the vendor. */
	public boolean mirrors() {
		return "mirror".equals(this.mode);
	}

	/**
	 * The same destination with that mapping (a single-destination spec's top level one).
	 */
	DestinationSpec withMapping(MappingSpec mapping) {
		return new DestinationSpec(this.vendor, this.endpoint, this.batchSize, this.chains, mapping, this.when,
				this.mode);
	}

	/**
	 * Whether a row that chains with an earlier one is rejected rather than sent later.
	 */
	public boolean rejectsChains() {
		return "reject".equals(this.chains);
	}

	/** Rows per request: the spec's value or the given limit. */
	public int batchSizeOr(int limit) {
		return (this.batchSize != null) ? this.batchSize : limit;
	}

	/** {@code vendor/endpoint}, as shown in reports. */
	public String id() {
		return this.vendor + "/" + this.endpoint;
	}

}
