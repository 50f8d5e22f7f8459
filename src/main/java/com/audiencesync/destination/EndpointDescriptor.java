package com.audiencesync.destination;

import java.util.List;
import java.util.Optional;

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
 */
public record EndpointDescriptor(String vendor, String endpoint, int maxBatchSize, List<EndpointField> fields,
		Presence properties, String propertiesNote) {

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
