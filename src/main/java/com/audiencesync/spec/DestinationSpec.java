package com.audiencesync.spec;

/**
 * Where rows go.
 *
 * @param vendor vendor id, e.g. {@code groobee}
 * @param endpoint endpoint of that vendor, e.g. {@code personalizations}
 * @param batchSize rows per request, at most the endpoint's limit (default: the limit)
 */
public record DestinationSpec(String vendor, String endpoint, Integer batchSize) {

	/** Rows per request: the spec's value or the given limit. */
	public int batchSizeOr(int limit) {
		return (this.batchSize != null) ? this.batchSize : limit;
	}

	/** {@code vendor/endpoint}, as shown in reports. */
	public String id() {
		return this.vendor + "/" + this.endpoint;
	}

}
