package com.audiencesync.batch;

import java.net.URI;

/**
 * How a run is carried out, beyond what identifies it.
 *
 * @param sandboxUrl when set, the destination is the sandbox at this base URL
 * @param sandboxKey the sandbox's API key
 */
public record RunOptions(URI sandboxUrl, String sandboxKey) {

	/** Against the configured vendor. */
	public static final RunOptions LIVE = new RunOptions(null, null);

}
