package com.audiencesync.batch.jobs;

import com.audiencesync.batch.reports.RunReport;
import com.audiencesync.batch.reports.RunReports;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.listener.JobExecutionListener;

/**
 * Fails a run that delivered but rejected more than the spec's {@code skip.ratio} of its
 * rows: a source that went bad should wake someone, not pass quietly.
 */
final class SkipRatioCheck implements JobExecutionListener {

	private static final Logger log = LoggerFactory.getLogger(SkipRatioCheck.class);

	private final double ratio;

	private final RunReports reports;

	SkipRatioCheck(double ratio, RunReports reports) {
		this.ratio = ratio;
		this.reports = reports;
	}

	@Override
	public void afterJob(JobExecution execution) {
		if (execution.getStatus() != BatchStatus.COMPLETED) {
			return;
		}
		RunReport report = this.reports.report(execution);
		if (report.read() > 0 && (double) report.rejected() / report.read() > this.ratio) {
			String message = String.format(
					"%d of %d rows rejected (%.1f%%), more than skip.ratio %.1f%%: "
							+ "see the rejected rows and fix the source",
					report.rejected(), report.read(), 100.0 * report.rejected() / report.read(), 100.0 * this.ratio);
			log.error(message);
			execution.setStatus(BatchStatus.FAILED);
			execution.setExitStatus(ExitStatus.FAILED.addExitDescription(message));
		}
	}

}
