package com.audiencesync.delivery;

import com.audiencesync.source.SourceRow;

/**
 * Which attempt at a row a run makes: a first one, or a replay of a row a vendor refused
 * in an earlier run (its rejected row and how many runs saw it refused).
 */
@FunctionalInterface
public interface Attempts {

	/** Every row is a first attempt. */
	Attempts FIRST = (row) -> Attempt.FIRST;

	/** The attempt at that row. */
	Attempt of(SourceRow row);

	/**
	 * An attempt at a row.
	 *
	 * @param replayOf the rejected row this attempt replays, or null
	 * @param number how many runs will have sent it if this one is refused too
	 */
	record Attempt(Long replayOf, int number) {

		/** A row sent for the first time. */
		public static final Attempt FIRST = new Attempt(null, 1);

	}

}
