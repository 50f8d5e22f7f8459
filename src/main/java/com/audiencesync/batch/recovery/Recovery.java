package com.audiencesync.batch.recovery;

import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import com.audiencesync.batch.reports.RunReports;
import com.audiencesync.state.Heartbeats;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.stereotype.Component;

/**
 * Tells a live execution from one whose process died, and recovers the latter: its
 * running steps and itself are marked FAILED (Spring Batch's {@code JobOperator.recover},
 * with an exit description saying why), so the next run of its date restarts it from its
 * last committed chunk.
 */
@Component
public class Recovery {

	private static final Logger log = LoggerFactory.getLogger(Recovery.class);

	private final JobRepository jobRepository;

	private final JobOperator jobOperator;

	private final Heartbeats heartbeats;

	private final RecoveryProperties properties;

	private final RunReports reports;

	Recovery(JobRepository jobRepository, JobOperator jobOperator, Heartbeats heartbeats, RecoveryProperties properties,
			RunReports reports) {
		this.jobRepository = jobRepository;
		this.jobOperator = jobOperator;
		this.heartbeats = heartbeats;
		this.properties = properties;
		this.reports = reports;
	}

	/**
	 * Whether a running execution's process is alive, and how its heartbeat looks.
	 *
	 * @param stale whether it is older than {@code stale-after}
	 * @param age how old the last sign of life is (heartbeat, or the repository's last
	 * update where there is no heartbeat)
	 * @param owner the process that wrote it, or null
	 */
	public record Liveness(boolean stale, Duration age, String owner) {

		/** {@code heartbeat 12s ago from pod-a:1}, for messages. */
		public String describe() {
			return ((this.owner != null) ? "last heartbeat " : "no heartbeat, last update ") + seconds(this.age)
					+ " ago" + ((this.owner != null) ? " from " + this.owner : "");
		}

		private static String seconds(Duration age) {
			return (age.toMinutes() >= 1) ? age.toMinutes() + "m" + age.toSecondsPart() + "s" : age.toSeconds() + "s";
		}

	}

	/** How a running (STARTING, STARTED, STOPPING) execution's process looks. */
	public Liveness liveness(JobExecution execution) {
		Optional<Heartbeats.Beat> beat = this.heartbeats.last(execution.getId());
		if (beat.isPresent()) {
			return new Liveness(beat.get().age().compareTo(this.properties.staleAfter()) > 0, beat.get().age(),
					beat.get().owner());
		}
		// started before heartbeats, or killed before its first one
		LocalDateTime last = execution.getLastUpdated();
		for (StepExecution step : execution.getStepExecutions()) {
			if (step.getLastUpdated() != null && (last == null || step.getLastUpdated().isAfter(last))) {
				last = step.getLastUpdated();
			}
		}
		Duration age = (last != null) ? Duration.between(last, LocalDateTime.now()) : Duration.ZERO;
		return new Liveness(age.compareTo(this.properties.staleAfter()) > 0, age, null);
	}

	/**
	 * Marks a running execution whose process died FAILED, with its running steps, saying
	 * why (its heartbeat older than {@code stale-after}, or recovered by force); the next
	 * run of its date restarts it.
	 */
	public JobExecution recover(JobExecution execution, Liveness liveness) {
		String staleAfter = "audience-sync.recovery.stale-after " + this.properties.staleAfter().toSeconds() + "s";
		// only 'recover --force' recovers one whose heartbeat is still fresh
		return end(this.reports.load(execution.getId()),
				"recovered: the process running it died (" + liveness.describe()
						+ (liveness.stale() ? ", more than " + staleAfter + ")"
								: ", within " + staleAfter + ": recovered by 'recover --force')"));
	}

	/**
	 * Marks FAILED an execution of this process that lost its job repository, once the
	 * repository answers again: its steps could not end it. Nothing is done to an
	 * execution that ended meanwhile.
	 * @return whether it is marked FAILED
	 */
	public boolean endLost(long executionId, String why) {
		JobExecution loaded = this.reports.load(executionId);
		if (loaded != null && loaded.getStatus() == BatchStatus.UNKNOWN) {
			resolveUnknown(loaded);
			return true;
		}
		if (loaded == null || !(loaded.getStatus().isRunning() || hasRunningStep(loaded))) {
			return false;
		}
		end(loaded, why);
		return true;
	}

	/**
	 * Marks FAILED an execution Spring Batch left UNKNOWN: a chunk whose transaction the
	 * process could not roll back, its job repository lost. Spring Batch refuses to
	 * restart such an execution, as a transaction outside the repository might be half
	 * done. Here every write of a chunk (its sync state, rejected rows and step context)
	 * is in that one repository transaction, which the database either rolled back or
	 * committed whole, so the execution resumes from its last committed chunk like any
	 * failed one.
	 * @return the execution as it is now
	 */
	public JobExecution resolveUnknown(JobExecution execution) {
		JobExecution loaded = this.reports.load(execution.getId());
		if (loaded == null || loaded.getStatus() != BatchStatus.UNKNOWN) {
			return (loaded != null) ? loaded : execution;
		}
		String why = "marked FAILED from UNKNOWN: a chunk could not be rolled back by its process (the job "
				+ "repository was lost); the database rolled it back or committed it whole, sync state included, "
				+ "so the run resumes from its last committed chunk";
		LocalDateTime now = LocalDateTime.now();
		for (StepExecution step : loaded.getStepExecutions()) {
			if (step.getStatus() == BatchStatus.UNKNOWN || step.getStatus().isRunning()) {
				step.setStatus(BatchStatus.FAILED);
				step.setExitStatus(step.getExitStatus().replaceExitCode(ExitStatus.FAILED.getExitCode()));
				if (step.getEndTime() == null) {
					step.setEndTime(now);
				}
				this.jobRepository.update(step);
			}
		}
		loaded.setStatus(BatchStatus.FAILED);
		String ended = loaded.getExitStatus().getExitDescription().lines().findFirst().orElse("");
		loaded.setExitStatus(
				ExitStatus.FAILED.addExitDescription(why + (ended.isBlank() ? "" : " (it ended: " + ended + ")")));
		if (loaded.getEndTime() == null) {
			loaded.setEndTime(now);
		}
		this.jobRepository.update(loaded);
		this.heartbeats.end(loaded.getId());
		log.warn("{}: execution {} {}", loaded.getJobInstance().getJobName(), loaded.getId(), why);
		return this.reports.load(loaded.getId());
	}

	/** How long a run that lost its job repository waits for it. */
	public Duration repositoryWait() {
		return this.properties.repositoryWait();
	}

	/** Marks a running execution, loaded with its steps, FAILED through Spring Batch. */
	private JobExecution end(JobExecution loaded, String why) {
		for (StepExecution step : loaded.getStepExecutions()) {
			if (step.getStatus().isRunning()) {
				step.setExitStatus(ExitStatus.FAILED.addExitDescription(why));
			}
		}
		loaded.setExitStatus(ExitStatus.FAILED.addExitDescription(why));
		JobExecution recovered = this.jobOperator.recover(loaded);
		this.heartbeats.end(loaded.getId());
		log.warn("{}: execution {} {}", loaded.getJobInstance().getJobName(), loaded.getId(), why);
		return recovered;
	}

	/** How long a heartbeat may age before its execution counts as dead. */
	public Duration staleAfter() {
		return this.properties.staleAfter();
	}

	/**
	 * Whether an execution that is no longer running still has running steps: a stop was
	 * asked of it but its process died before its steps ended.
	 * @param execution loaded with its steps
	 */
	public static boolean hasRunningStep(JobExecution execution) {
		return execution.getStepExecutions().stream().anyMatch((step) -> step.getStatus().isRunning());
	}

	/** Every running execution of these jobs whose process died. */
	public List<JobExecution> stale(List<String> jobNames) {
		List<JobExecution> stale = new ArrayList<>();
		for (String name : jobNames) {
			for (JobExecution running : this.jobRepository.findRunningJobExecutions(name)) {
				JobExecution loaded = this.reports.load(running.getId());
				if (loaded.getStatus() != BatchStatus.COMPLETED && liveness(loaded).stale()) {
					stale.add(loaded);
				}
			}
		}
		return stale;
	}

}
