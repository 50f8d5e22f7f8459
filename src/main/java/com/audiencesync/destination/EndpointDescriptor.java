package com.audiencesync.destination;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.ToIntFunction;

/**
 * What a spec may map to one vendor endpoint: its row limit and its fields. Static facts,
 * needing no credentials, so a spec can be validated anywhere.
 *
 * @param vendor vendor id used in specs and properties, e.g. {@code groobee}
 * @param endpoint endpoint id used in specs, e.g. {@code personalizations}
 * @param maxBatchSize the most rows one request may carry
 * @param fields the endpoint's fields, apart from {@code properties}
 * @param properties whether the endpoint takes a {@code properties} map, and whether it
 * must be mapped
 * @param propertiesNote why properties are required, shown in the validation error
 * @param rowRule a check across the fields of a mapped row (one identifier of several
 * kinds, say)
 * @param capabilities what the endpoint does beyond taking fields and a properties map
 * @param keying for an endpoint that upserts: how its rows are keyed (the vendor keeps
 * one record per key, so a key whose payload did not change since the vendor accepted it
 * is not sent again); null otherwise
 * @param deletions the endpoint of the same vendor that deletes a key of this one, for
 * {@code mode: mirror}; null when there is none
 * @param points for a vendor that bills by data points (Braze): the data points a row
 * sets, counted in the run's report as sent or unchanged; null for the others
 */
public record EndpointDescriptor(String vendor, String endpoint, int maxBatchSize, List<EndpointField> fields,
		Presence properties, String propertiesNote, RowRule rowRule, Set<Capability> capabilities, Keying keying,
		String deletions, ToIntFunction<MappedRow> points) {

	/** The most data points a row counts ({@link #points(MappedRow)}). */
	public static final int MAX_POINTS = 0xFFFF;

	/** What an endpoint can do that others cannot; the mapping and delivery adapt. */
	public enum Capability {

		/**
		 * Properties are sent as operations ({@link PropertyOperation}: set, set once,
		 * unset) rather than as one map that replaces or merges (Hackle).
		 */
		PROPERTY_OPERATIONS,

		/**
		 * A property may add values to an array the vendor holds, or remove them from it
		 * ({@link PropertyOperation#ADD}, {@link PropertyOperation#REMOVE}), beside set
		 * (Braze attributes).
		 */
		ARRAY_OPERATIONS

	}

	public EndpointDescriptor(String vendor, String endpoint, int maxBatchSize, List<EndpointField> fields,
			Presence properties, String propertiesNote) {
		this(vendor, endpoint, maxBatchSize, fields, properties, propertiesNote, RowRule.NONE);
	}

	public EndpointDescriptor(String vendor, String endpoint, int maxBatchSize, List<EndpointField> fields,
			Presence properties, String propertiesNote, RowRule rowRule) {
		this(vendor, endpoint, maxBatchSize, fields, properties, propertiesNote, rowRule, Set.of(), null, null, null);
	}

	/** The same endpoint with these capabilities. */
	public EndpointDescriptor with(Capability... capabilities) {
		return new EndpointDescriptor(this.vendor, this.endpoint, this.maxBatchSize, this.fields, this.properties,
				this.propertiesNote, this.rowRule, Set.of(capabilities), this.keying, this.deletions, this.points);
	}

	/** The same endpoint, upserting rows keyed so. */
	public EndpointDescriptor keyedBy(Keying keying) {
		return new EndpointDescriptor(this.vendor, this.endpoint, this.maxBatchSize, this.fields, this.properties,
				this.propertiesNote, this.rowRule, this.capabilities, keying, this.deletions, this.points);
	}

	/** The same endpoint, whose keys that endpoint of the vendor deletes. */
	public EndpointDescriptor deletedBy(String endpoint) {
		return new EndpointDescriptor(this.vendor, this.endpoint, this.maxBatchSize, this.fields, this.properties,
				this.propertiesNote, this.rowRule, this.capabilities, this.keying, endpoint, this.points);
	}

	/** The same endpoint, billed by the data points its rows set, counted so. */
	public EndpointDescriptor billedBy(ToIntFunction<MappedRow> points) {
		return new EndpointDescriptor(this.vendor, this.endpoint, this.maxBatchSize, this.fields, this.properties,
				this.propertiesNote, this.rowRule, this.capabilities, this.keying, this.deletions, points);
	}

	/** Whether the vendor bills this endpoint's rows by their data points. */
	public boolean bills() {
		return this.points != null;
	}

	/**
	 * The data points a row sets, at most {@link #MAX_POINTS}; 0 where the endpoint is
	 * not billed so.
	 */
	public int points(MappedRow row) {
		return (this.points != null) ? Math.min(MAX_POINTS, Math.max(0, this.points.applyAsInt(row))) : 0;
	}

	/** Whether the endpoint upserts by a key. */
	public boolean upserts() {
		return this.keying != null;
	}

	/** Whether properties are sent as operations. */
	public boolean propertyOperations() {
		return this.capabilities.contains(Capability.PROPERTY_OPERATIONS);
	}

	/** Whether a property may add to or remove from an array. */
	public boolean arrayOperations() {
		return this.capabilities.contains(Capability.ARRAY_OPERATIONS);
	}

	/** A check across the mapped fields of a row, run before any request. */
	@FunctionalInterface
	public interface RowRule {

		/** Accepts every row. */
		RowRule NONE = (fields) -> Optional.empty();

		/**
		 * Why the row cannot be sent, or empty.
		 * @param fields the mapped fields (typed and normalised)
		 * @return the problem: a reason code and a message without personal data
		 */
		Optional<Problem> check(Map<String, Object> fields);

	}

	/**
	 * Why a row cannot be sent.
	 *
	 * @param reasonCode machine-readable reason
	 * @param message what is wrong, naming the fields, never their values
	 */
	public record Problem(String reasonCode, String message) {
	}

	/** Whether an optional part of a request may or must be mapped. */
	public enum Presence {

		/** Not part of this endpoint. */
		NONE,
		/** May be mapped. */
		OPTIONAL,
		/** Must be mapped. */
		REQUIRED

	}

	/** {@code vendor/endpoint}. */
	public String id() {
		return this.vendor + "/" + this.endpoint;
	}

	/** The field with that name, if the endpoint has one. */
	public Optional<EndpointField> field(String name) {
		return this.fields.stream().filter((f) -> f.name().equals(name)).findFirst();
	}

}
