package com.audiencesync.source;

/**
 * A reader that knows how much of its partition it has read (bytes of a file or object,
 * rows of a planned key range), for progress lines and their ETA.
 */
public interface Progress {

	/** The share of the partition read, from 0 to 1, or -1 when it is not known. */
	double fraction();

	/** The share read by a reader, or -1 when it does not say. */
	static double of(Object reader) {
		return (reader instanceof Progress progress) ? progress.fraction() : -1;
	}

}
