package com.audiencesync.spec;

/**
 * What a {@code mode: mirror} destination may delete in one run.
 *
 * @param maxDeleteRatio a run that would delete more than this share of the keys the
 * state knows is refused, nothing deleted, unless run with {@code --allow-mass-delete}
 * (default 0.2)
 */
public record MirrorSpec(Double maxDeleteRatio) {

	static final double DEFAULT_MAX_DELETE_RATIO = 0.2;

	/** The share of the known keys a run may delete. */
	public double maxDeleteRatioOrDefault() {
		return (this.maxDeleteRatio != null) ? this.maxDeleteRatio : DEFAULT_MAX_DELETE_RATIO;
	}

}
