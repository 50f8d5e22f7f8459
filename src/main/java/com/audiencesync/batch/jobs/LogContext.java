package com.audiencesync.batch.jobs;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.slf4j.MDC;

import org.springframework.batch.core.step.StepExecution;

/**
 * The job, execution and partition every log line of a run carries (SLF4J's MDC): fields
 * of structured logs ({@code logging.structured.format.console=ecs}), so a night's lines
 * can be filtered by sync and partition.
 */
public final class LogContext implements AutoCloseable {

	static final String JOB = "job";

	static final String EXECUTION = "execution";

	static final String PARTITION = "partition";

	/** What the thread's lines named before: given back on close. */
	private final Map<String, String> before;

	private LogContext(Map<String, String> before) {
		this.before = before;
	}

	private static Map<String, String> current() {
		Map<String, String> current = new HashMap<>();
		for (String key : List.of(JOB, EXECUTION, PARTITION)) {
			current.put(key, MDC.get(key));
		}
		return current;
	}

	/** Lines of this thread name the job and execution until closed. */
	public static LogContext job(String job, long execution) {
		LogContext context = new LogContext(current());
		MDC.put(JOB, job);
		MDC.put(EXECUTION, Long.toString(execution));
		return context;
	}

	/** Lines of this thread name the step's job, execution and partition until closed. */
	static LogContext partition(StepExecution step) {
		LogContext context = new LogContext(current());
		MDC.put(JOB, step.getJobExecution().getJobInstance().getJobName());
		MDC.put(EXECUTION, Long.toString(step.getJobExecutionId()));
		MDC.put(PARTITION, step.getStepName());
		return context;
	}

	/**
	 * Lines of this thread name that partition too, until {@link #clear()} (a remote
	 * worker's lines about a message, before its step runs).
	 */
	public static void partition(String partition) {
		MDC.put(PARTITION, partition);
	}

	/** Lines of this thread name no run. */
	public static void clear() {
		MDC.remove(PARTITION);
		MDC.remove(JOB);
		MDC.remove(EXECUTION);
	}

	/** The thread's lines name what they named before. */
	@Override
	public void close() {
		this.before.forEach((key, value) -> {
			if (value == null) {
				MDC.remove(key);
			}
			else {
				MDC.put(key, value);
			}
		});
	}

}
