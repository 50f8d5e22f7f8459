package com.audiencesync.cli;

import java.util.Optional;

import com.audiencesync.batch.launch.Preview;
import com.audiencesync.batch.recovery.Recovery;
import com.audiencesync.batch.reports.RunReport;
import com.audiencesync.batch.reports.RunReports;

import org.springframework.batch.core.job.JobExecution;

/**
 * What a run of a dry run's date would do, given the date's last execution. The plan a
 * dry run prints compares the rows with the sync state, which says nothing of the date
 * itself: a completed date sends nothing whatever the plan shows, and a failed one
 * restarts from its last committed chunk.
 *
 * @param executionId the date's last execution, or null when the date never ran
 * @param status its status, or null
 * @param aRun what a run of the date would do, a sentence
 */
record DryRunDate(Long executionId, String status, String aRun) {

	/** What a run of the date would do. */
	static DryRunDate of(Optional<JobExecution> last, RunReports reports, Recovery recovery, Preview.Result plan) {
		if (last.isEmpty()) {
			return new DryRunDate(null, null, "the date never ran: a run of it would do what follows");
		}
		JobExecution execution = last.get();
		long id = execution.getId();
		RunReport report = reports.report(execution);
		String restart = (report.read() > 0)
				? "a run restarts it from its last committed chunk, without reading again the " + report.read()
						+ " row(s) its committed chunks read; what follows counts every row"
				: "a run restarts it, from its first row: no chunk of it committed";
		String later = "a later date holding these rows would do what follows";
		if (execution.getStatus().isRunning() || Recovery.hasRunningStep(execution)) {
			Recovery.Liveness liveness = recovery.liveness(execution);
			String aRun = liveness.stale()
					? "execution " + id + " of this date is " + execution.getStatus() + " but its process died ("
							+ liveness.describe() + "): "
							+ restart.replace("restarts it", "recovers it and restarts it")
					: "execution " + id + " of this date is running (" + liveness.describe()
							+ "): a run now sends nothing (exit 3)";
			return new DryRunDate(id, execution.getStatus().name(), aRun);
		}
		String aRun = switch (execution.getStatus()) {
			case COMPLETED -> "execution " + id + " completed this date: a run of it sends nothing, with --resync too; "
					+ later + " (with --resync: send all " + all(plan) + ")";
			case ABANDONED -> "execution " + id + " of this date was abandoned: a run of it is refused and sends "
					+ "nothing; " + later;
			case STOPPED -> "execution " + id + " of this date was stopped: " + restart;
			default ->
				"execution " + id + " of this date " + execution.getStatus().name().toLowerCase() + ": " + restart;
		};
		return new DryRunDate(id, execution.getStatus().name(), aRun);
	}

	/** Every record a run with {@code --resync} would send. */
	private static long all(Preview.Result plan) {
		return plan.diffs()
			.stream()
			.mapToLong((diff) -> diff.create() + diff.update() + diff.unchanged() + diff.send())
			.sum();
	}

}
