package com.audiencesync.state;

/**
 * What the sync state describes: what the vendor holds for one job's destination in one
 * vendor account. The account is the identity of the vendor-side store the run writes to
 * (its base URL and a named account or a keyed hash of its key and project), so a run
 * against a sandbox, a staging project or another key never reads or writes the state of
 * another.
 *
 * @param job the job's name
 * @param destination {@code vendor/endpoint}
 * @param account the vendor account's identity, {@link #SANDBOX} for a {@code --sandbox}
 * run, or {@link #LEGACY} for the state a repository kept before targets had accounts
 */
public record Target(String job, String destination, String account) {

	/** The account of {@code --sandbox} runs: an emulator started for the run. */
	public static final String SANDBOX = "sandbox";

	/**
	 * The account of a target made before targets had accounts: the first run that is not
	 * a sandbox's takes it over.
	 */
	public static final String LEGACY = "";

	public Target {
		if (job == null || destination == null || account == null) {
			throw new IllegalArgumentException("a target needs a job, a destination and an account");
		}
	}

	/** Whether this target's vendor is a sandbox's emulator. */
	public boolean sandbox() {
		return SANDBOX.equals(this.account);
	}

	/** This job's destination in the state a repository kept before accounts. */
	Target legacy() {
		return new Target(this.job, this.destination, LEGACY);
	}

	@Override
	public String toString() {
		return this.job + " to " + this.destination + " in account '" + this.account + "'";
	}

}
