package com.audiencesync.delivery;

/**
 * Called when a chunk's requests all have their answers, just before the chunk writes its
 * state and commits: tests stand a crash there (the vendor holds rows the state does not
 * know), to check that the restart sends that chunk again and the state ends as the
 * vendor holds it.
 */
@FunctionalInterface
public interface CommitHook {

	/** Does nothing. */
	CommitHook NONE = (partition) -> {
	};

	/** The chunk of that partition was delivered and is about to commit. */
	void delivered(String partition);

}
