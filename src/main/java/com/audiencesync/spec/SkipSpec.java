package com.audiencesync.spec;

/**
 * How many rejected rows (bad source rows and rows the vendor refused) a run tolerates.
 *
 * @param limit the run fails once more rows than this are rejected (default 1000)
 * @param ratio the run fails when rejected / read exceeds this at the end (default 0.1)
 */
public record SkipSpec(Long limit, Double ratio) {

	static final SkipSpec DEFAULT = new SkipSpec(1000L, 0.1);

	/** Absolute limit. */
	public long limitOrDefault() {
		return (this.limit != null) ? this.limit : DEFAULT.limit;
	}

	/** Ratio limit. */
	public double ratioOrDefault() {
		return (this.ratio != null) ? this.ratio : DEFAULT.ratio;
	}

}
