package com.audiencesync.batch.jobs;

import org.slf4j.MDC;

import org.springframework.batch.core.step.StepExecution;

/**
 * The job, execution and partition every log line of a run carries (SLF4J's MDC): fields
 * of structured logs ({@code logging.structured.format.console=ecs}), so a night's lines
 * can be filtered by sync and partition.
 */
final class LogContext implements AutoCloseable {

	static final String JOB = "job";

	static final String EXECUTION = "execution";

	static final String PARTITION = "partition";

	private final boolean partition;

	private LogContext(boolean partition) {
		this.partition = partition;
	}

	/** Lines of this thread name the job and execution until closed. */
	static LogContext job(String job, long execution) {
		MDC.put(JOB, job);
		MDC.put(EXECUTION, Long.toString(execution));
		return new LogContext(false);
	}

	/** Lines of this thread name the step's job, execution and partition until closed. */
	static LogContext partition(StepExecution step) {
		job(step.getJobExecution().getJobInstance().getJobName(), step.getJobExecutionId());
		MDC.put(PARTITION, step.getStepName());
		return new LogContext(true);
	}

	@Override
	public void close() {
		if (this.partition) {
			MDC.remove(PARTITION);
		}
		MDC.remove(JOB);
		MDC.remove(EXECUTION);
	}

}
