package com.audiencesync.batch.reports;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.micrometer.common.KeyValue;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationFilter;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.listener.JobExecutionListener;
import org.springframework.batch.core.step.StepExecution;

/**
 * The {@code error} tag of {@code spring.batch.job} says what ended a run. Spring Batch
 * marks the observation with the job's own failures only, merged into one
 * {@code IllegalStateException}, so a stop read {@code error="IllegalStateException"} and
 * a run whose partition failed {@code error="none"}. Here a run that completed has
 * {@code none}, a stopped one {@code JobInterruptedException}, and a failed one the class
 * of the first exception a step failed with ({@code Unavailable}, {@code Rejected} ...).
 */
public final class JobErrors implements JobExecutionListener, ObservationFilter {

	private static final String JOB = "spring.batch.job";

	private static final String EXECUTION = "spring.batch.job.executionId";

	/** The executions running in this process, by id, until their observation stops. */
	private final Map<String, JobExecution> running = new ConcurrentHashMap<>();

	@Override
	public void beforeJob(JobExecution jobExecution) {
		this.running.put(String.valueOf(jobExecution.getId()), jobExecution);
	}

	@Override
	public Observation.Context map(Observation.Context context) {
		if (!JOB.equals(context.getName())) {
			return context;
		}
		KeyValue id = context.getHighCardinalityKeyValue(EXECUTION);
		JobExecution execution = (id != null) ? this.running.remove(id.getValue()) : null;
		if (execution != null) {
			context.setError(error(execution));
		}
		return context;
	}

	/** What ended the execution, or null when it completed. */
	static Throwable error(JobExecution execution) {
		if (execution.getStatus() == BatchStatus.COMPLETED) {
			return null;
		}
		// a partition's own failure before the manager step's that wraps it
		List<StepExecution> steps = execution.getStepExecutions()
			.stream()
			.sorted((a, b) -> Boolean.compare(a.getStepName().indexOf(':') < 0, b.getStepName().indexOf(':') < 0))
			.toList();
		for (StepExecution step : steps) {
			if (!step.getFailureExceptions().isEmpty()) {
				return cause(step.getFailureExceptions().get(0));
			}
		}
		List<Throwable> own = execution.getFailureExceptions();
		return own.isEmpty() ? null : cause(own.get(0));
	}

	/** Spring Batch's wrappers give way to what they wrap. */
	private static Throwable cause(Throwable failure) {
		Throwable cause = failure;
		while (cause.getCause() != null && cause.getClass().getName().startsWith("org.springframework.batch.")
				&& !cause.getClass().getSimpleName().equals("JobInterruptedException")) {
			cause = cause.getCause();
		}
		return cause;
	}

}
