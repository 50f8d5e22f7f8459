package com.audiencesync.spec;

/**
 * A check of a bound spec that needs more than the spec knows (the endpoints its mapping
 * names), contributed by a higher layer through
 * {@code META-INF/services/com.audiencesync.spec.SpecCheck}: every loader runs every
 * registered check, with or without a Spring context.
 */
public interface SpecCheck {

	/** Adds the spec's problems. */
	void check(JobSpec spec, SpecProblems problems);

}
