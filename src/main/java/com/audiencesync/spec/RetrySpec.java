package com.audiencesync.spec;

/**
 * How rows a vendor refused are tried again on later runs of the job.
 *
 * @param maxRuns how many runs may send a row the vendor refuses before it stops being
 * retried and is reported as given up: the first run and up to {@code max-runs - 1} later
 * ones (default 3; 1 never replays)
 */
public record RetrySpec(Integer maxRuns) {

	static final int DEFAULT_MAX_RUNS = 3;

	/** The runs a refused row may be sent in. */
	public int maxRunsOrDefault() {
		return (this.maxRuns != null) ? this.maxRuns : DEFAULT_MAX_RUNS;
	}

	void check(SpecProblems problems) {
		if (this.maxRuns != null && (this.maxRuns < 1 || this.maxRuns > 30)) {
			problems.add("retry.max-runs",
					"must be between 1 (never replay a refused row) and 30, was " + this.maxRuns);
		}
	}

}
