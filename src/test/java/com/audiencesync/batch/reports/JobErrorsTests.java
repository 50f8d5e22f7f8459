package com.audiencesync.batch.reports;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.observation.DefaultMeterObservationHandler;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.job.JobInterruptedException;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.step.StepExecution;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The {@code error} tag of {@code spring.batch.job}, observed as Spring Batch observes a
 * job: a stop, a failed partition and a completed run each say what ended them.
 */
class JobErrorsTests {

	private final MeterRegistry meters = new SimpleMeterRegistry();

	private final ObservationRegistry observations = ObservationRegistry.create();

	private final JobErrors errors = new JobErrors();

	JobErrorsTests() {
		this.observations.observationConfig()
			.observationHandler(new DefaultMeterObservationHandler(this.meters))
			.observationFilter(this.errors);
	}

	private String errorTag(JobExecution execution) {
		this.errors.beforeJob(execution);
		Observation observation = Observation.createNotStarted("spring.batch.job", this.observations)
			.highCardinalityKeyValue("spring.batch.job.executionId", String.valueOf(execution.getId()))
			.lowCardinalityKeyValue("spring.batch.job.name", "members")
			.start();
		if (!execution.getFailureExceptions().isEmpty()) {
			// what Spring Batch marks the observation with: the job's own failures,
			// merged
			observation.error(new IllegalStateException("merged"));
		}
		observation.stop();
		return this.meters.get("spring.batch.job")
			.tag("spring.batch.job.name", "members")
			.timers()
			.stream()
			.filter((timer) -> timer.count() > 0)
			.peek((timer) -> this.meters.remove(timer))
			.map((timer) -> timer.getId().getTag("error"))
			.findFirst()
			.orElseThrow();
	}

	private static JobExecution execution(long id, BatchStatus status) {
		JobExecution execution = new JobExecution(id, new JobInstance(id, "members"), new JobParameters());
		execution.setStatus(status);
		return execution;
	}

	@Test
	void aStoppedRunIsTaggedAsInterrupted() {
		JobExecution stopped = execution(1, BatchStatus.STOPPED);
		stopped.addFailureException(new JobInterruptedException("stopped"));
		assertThat(errorTag(stopped)).isEqualTo("JobInterruptedException");
	}

	@Test
	void aRunWhosePartitionFailedIsTaggedWithThePartitionsException() {
		JobExecution failed = execution(2, BatchStatus.FAILED);
		StepExecution partition = new StepExecution(3, "deliver:part:members.csv", failed);
		partition.addFailureException(new UnsupportedOperationException("the vendor refused"));
		failed.addStepExecution(partition);
		assertThat(errorTag(failed)).isEqualTo("UnsupportedOperationException");
	}

	@Test
	void aCompletedRunIsTaggedNone() {
		assertThat(errorTag(execution(4, BatchStatus.COMPLETED))).isEqualTo("none");
	}

}
