package com.audiencesync.batch.recovery;

import java.util.List;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.listener.JobExecutionListener;
import org.springframework.stereotype.Component;

/**
 * The executions running in this process, so a SIGTERM (a pod being deleted, drained or
 * rescheduled) can ask each to stop at its next chunk boundary, as {@code stop} does.
 */
@Component
public class RunningExecutions implements JobExecutionListener {

	private static final Logger log = LoggerFactory.getLogger(RunningExecutions.class);

	private final Set<Long> running = ConcurrentHashMap.newKeySet();

	private final JobOperator jobOperator;

	private final AtomicLong latest = new AtomicLong(-1);

	RunningExecutions(JobOperator jobOperator) {
		this.jobOperator = jobOperator;
	}

	@Override
	public void beforeJob(JobExecution execution) {
		this.running.add(execution.getId());
		this.latest.accumulateAndGet(execution.getId(), Math::max);
	}

	@Override
	public void afterJob(JobExecution execution) {
		this.running.remove(execution.getId());
	}

	/** The last execution this process started, running or not (none: empty). */
	public OptionalLong latest() {
		long id = this.latest.get();
		return (id < 0) ? OptionalLong.empty() : OptionalLong.of(id);
	}

	/** Whether any execution runs in this process. */
	public boolean any() {
		return !this.running.isEmpty();
	}

	/** Asks every execution of this process to stop after its current chunk. */
	public List<Long> stopAll() {
		List<Long> ids = List.copyOf(this.running);
		for (long id : ids) {
			try {
				this.jobOperator.stop(id);
				log.warn("execution {}: stop requested (SIGTERM): it stops after its current chunk, and the next "
						+ "run of its date resumes it", id);
			}
			catch (Exception ex) {
				log.warn("execution {}: could not ask it to stop: {}", id, ex.getMessage());
			}
		}
		return ids;
	}

}
