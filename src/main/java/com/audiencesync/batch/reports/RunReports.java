package com.audiencesync.batch.reports;

import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import com.audiencesync.batch.run.RunIdentity;
import com.audiencesync.delivery.DeliveryCounts;
import com.audiencesync.delivery.MirrorReader;
import com.audiencesync.names.Names;
import com.audiencesync.state.RejectedRows;
import com.audiencesync.state.SyncConflicts;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.job.JobInterruptedException;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.dao.EmptyResultDataAccessException;
import org.springframework.stereotype.Component;

/** Reads what runs did from the job repository and the rejected-rows table. */
@Component
public class RunReports {

	private final JobRepository jobRepository;

	private final RejectedRows rejectedRows;

	private final SyncConflicts conflicts;

	RunReports(JobRepository jobRepository, RejectedRows rejectedRows, SyncConflicts conflicts) {
		this.jobRepository = jobRepository;
		this.rejectedRows = rejectedRows;
		this.conflicts = conflicts;
	}

	/** Conflicts a report lists, at most: the full list of {@code status --json}. */
	public static final int ALL_CONFLICTS = 1000;

	/**
	 * How long an execution ran: to its end; to its last update when it has none and is
	 * not the one reported (a killed process's) or has ended; else until now, while it
	 * runs.
	 */
	private static Duration took(JobExecution execution, boolean reported) {
		LocalDateTime start = execution.getStartTime();
		LocalDateTime end = (execution.getEndTime() != null) ? execution.getEndTime()
				: ((!reported || !execution.getStatus().isRunning()) && execution.getLastUpdated() != null)
						? execution.getLastUpdated() : LocalDateTime.now();
		return (start != null) ? Duration.between(start, end) : Duration.ZERO;
	}

	/**
	 * The report of an execution, counting the run's earlier executions too, with three
	 * conflict examples.
	 */
	public RunReport report(JobExecution execution) {
		return report(execution, 3);
	}

	/** The report of an execution, listing up to that many conflicts. */
	public RunReport report(JobExecution execution, int conflicts) {
		JobInstance instance = execution.getJobInstance();
		RunIdentity identity = RunIdentity.of(execution.getJobParameters());
		String runDate = (identity == null) ? null
				: (identity.kind() == RunIdentity.Kind.REPLAY) ? identity.replayOf()
						: (identity.kind() == RunIdentity.Kind.IMPORT) ? identity.fileName()
								: (identity.from().equals(identity.to())) ? identity.to().toString()
										: identity.from() + ".." + identity.to();
		String run = (identity == null || identity.kind() == RunIdentity.Kind.NIGHTLY) ? "nightly"
				: (identity.kind() == RunIdentity.Kind.REPLAY) ? "replay"
						: (identity.kind() == RunIdentity.Kind.IMPORT) ? Names.IMPORT : "backfill";
		// the latest execution of each partition holds its cumulative counters
		Map<String, StepExecution> partitions = new HashMap<>();
		// a planned night's partitions, planned before they are sent: a night that
		// stopped
		// at its plan has partitions too
		Set<String> planned = new HashSet<>();
		Map<String, StepExecution> mirrorSteps = new TreeMap<>();
		Map<String, StepExecution> replaySteps = new TreeMap<>();
		Duration attempts = Duration.ZERO;
		Map<String, Long> superseded = new TreeMap<>();
		// the data points of a planned night's unchanged keys, by destination
		Map<String, Long> pointsUnchanged = new TreeMap<>();
		for (JobExecution each : this.jobRepository.getJobExecutions(instance)) {
			if (each.getId() > execution.getId()) {
				continue;
			}
			if (each.getId() < execution.getId()) {
				attempts = attempts.plus(took(each, false));
			}
			for (StepExecution step : each.getStepExecutions()) {
				if (Names.MERGE_STEP.equals(step.getStepName())) {
					// the plan's figures, the latest merge's
					step.getExecutionContext()
						.entrySet()
						.stream()
						.filter((entry) -> entry.getKey().startsWith(Names.PLAN_COUNTS)
								&& entry.getValue() instanceof List<?> figures && figures.size() > 4)
						.forEach((entry) -> {
							List<?> figures = (List<?>) entry.getValue();
							superseded.put(entry.getKey(), ((Number) figures.get(4)).longValue());
							if (figures.size() > 6) {
								pointsUnchanged.put(
										entry.getKey()
											.substring(Names.PLAN_COUNTS.length(), entry.getKey().length() - 1),
										((Number) figures.get(6)).longValue());
							}
						});
				}
				// an import's steps read and deliver as a run's partitions do
				if (step.getStepName().startsWith(Names.WORKER_STEP + ":")
						|| step.getStepName().startsWith(Names.IMPORT_STEP + ":")) {
					partitions.merge(step.getStepName(), step, (a, b) -> (a.getId() >= b.getId()) ? a : b);
				}
				else if (step.getStepName().startsWith(Names.PLAN_STEP + ":")) {
					planned.add(step.getStepName().substring(Names.PLAN_STEP.length() + 1));
				}
				else if (step.getStepName().startsWith(Names.MIRROR_STEP + ":")) {
					mirrorSteps.merge(step.getStepName(), step, (a, b) -> (a.getId() >= b.getId()) ? a : b);
				}
				else if (step.getStepName().startsWith(Names.REPLAY_STEP + ":")) {
					replaySteps.merge(step.getStepName(), step, (a, b) -> (a.getId() >= b.getId()) ? a : b);
				}
			}
		}
		long read = 0;
		DeliveryCounts totals = DeliveryCounts.none("");
		Map<String, DeliveryCounts> destinations = new TreeMap<>();
		for (StepExecution step : partitions.values()) {
			long seen = 0;
			for (DeliveryCounts counts : DeliveryCounts.of(step.getExecutionContext())) {
				// every destination of a spec sees every row
				seen = Math.max(seen, counts.seen());
				totals = totals.plus(counts);
				if (!counts.destination().isEmpty()) {
					destinations.merge(counts.destination(), counts, DeliveryCounts::plus);
				}
			}
			read += seen;
		}
		List<RunReport.MirrorCount> mirrors = new ArrayList<>();
		long refusedDeletions = 0;
		for (StepExecution step : mirrorSteps.values()) {
			DeliveryCounts counts = DeliveryCounts.of(step.getExecutionContext())
				.stream()
				.findFirst()
				.orElse(DeliveryCounts.none(""));
			mirrors.add(new RunReport.MirrorCount(step.getStepName().substring(Names.MIRROR_STEP.length() + 1),
					step.getStatus().name(), counts.delivered(), counts.rejected(), counts.requests(),
					MirrorReader.unsealed(step.getExecutionContext())));
			refusedDeletions += counts.rejected();
		}
		List<RunReport.ReplayCount> replays = new ArrayList<>();
		for (StepExecution step : replaySteps.values()) {
			DeliveryCounts counts = DeliveryCounts.of(step.getExecutionContext())
				.stream()
				.findFirst()
				.orElse(DeliveryCounts.none(""));
			String destination = step.getStepName().substring(Names.REPLAY_STEP.length() + 1);
			long givenUp = (identity != null) ? this.rejectedRows.givenUp(instance.getJobName(), identity.runKey(),
					destination, step.getExecutionContext().getInt(Names.REPLAY_MAX_RUNS, Integer.MAX_VALUE)) : 0;
			if (counts.seen() > 0 || givenUp > 0) {
				replays.add(new RunReport.ReplayCount(destination, step.getStatus().name(), counts.seen(),
						counts.delivered(), counts.unchanged(), counts.rejected(), counts.requests(), givenUp));
			}
		}
		LocalDateTime start = execution.getStartTime();
		Duration duration = took(execution, true);
		String exit = execution.getStepExecutions()
			.stream()
			.filter((step) -> step.getStatus() == BatchStatus.FAILED
					&& (step.getStepName().startsWith(Names.WORKER_STEP + ":")
							|| step.getStepName().startsWith(Names.PLAN_STEP + ":")
							|| step.getStepName().startsWith(Names.MIRROR_STEP + ":")
							|| step.getStepName().startsWith(Names.REPLAY_STEP + ":")
							|| step.getStepName().startsWith(Names.IMPORT_STEP + ":")))
			.map((step) -> withPartition(step.getStepName(), firstLine(step.getExitStatus().getExitDescription())))
			.findFirst()
			.orElse(execution.getExitStatus().getExitDescription());
		if (execution.getStatus() == BatchStatus.STOPPED && exit != null
				&& exit.contains(JobInterruptedException.class.getName())) {
			// how Spring Batch records a stop: the report already says it was stopped
			exit = "";
		}
		String job = instance.getJobName();
		return new RunReport(job, runDate, run, execution.getId(), execution.getStatus().name(), firstLine(exit), start,
				duration, attempts.plus(duration), Math.max(partitions.size(), planned.size()), read,
				totals.delivered(), totals.rejected() + refusedDeletions, totals.requests(), totals.conflicts(),
				totals.chains(), totals.skipped(), totals.unchanged(),
				superseded.values().stream().mapToLong(Long::longValue).sum(), totals.deferred(),
				new RunReport.DataPoints(totals.points(),
						totals.pointsUnchanged() + pointsUnchanged.values().stream().mapToLong(Long::longValue).sum()),
				destinations.values()
					.stream()
					.map((counts) -> RunReport.DestinationCount.of(counts,
							pointsUnchanged.getOrDefault(counts.destination(), 0L)))
					.toList(),
				(identity != null) ? this.rejectedRows.reasons(job, identity.runKey()) : List.of(),
				(identity != null && totals.conflicts() > 0) ? this.conflicts.list(job, identity.runKey(), conflicts)
						: List.of(),
				mirrors, replays);
	}

	/**
	 * An execution with its step executions and their contexts, or null. (Spring Batch
	 * 6.0's {@code getJobExecution(id)} leaves them out;
	 * {@code getJobExecutions(instance)} fills them.)
	 */
	public JobExecution load(long executionId) {
		JobExecution bare;
		try {
			bare = this.jobRepository.getJobExecution(executionId);
		}
		catch (EmptyResultDataAccessException ex) {
			// Spring Batch 6's JDBC DAO throws where its contract says null
			return null;
		}
		if (bare == null) {
			return null;
		}
		JobInstance instance = this.jobRepository.getJobInstance(bare.getJobInstanceId());
		return this.jobRepository.getJobExecutions(instance)
			.stream()
			.filter((each) -> each.getId() == executionId)
			.findFirst()
			.orElse(bare);
	}

	/**
	 * Spring Batch stores a stack trace as the exit description: the deepest cause's
	 * message is the message.
	 */
	/**
	 * A failed partition's message, prefixed with its extract (or key range) unless it
	 * names it already.
	 */
	private static String withPartition(String stepName, String message) {
		String kind = stepName.startsWith(Names.WORKER_STEP + ":") ? Names.WORKER_STEP
				: stepName.startsWith(Names.PLAN_STEP + ":") ? Names.PLAN_STEP : null;
		if (kind == null) {
			return message;
		}
		String partition = stepName.substring(kind.length() + 1);
		String extract = partition.substring(partition.indexOf(':') + 1);
		return message.startsWith(extract + ":") ? message : extract + ": " + message;
	}

	static String firstLine(String text) {
		if (text == null || text.isBlank()) {
			return "";
		}
		// the deepest of our own exceptions says what happened, with where (a file and
		// line); else the deepest cause ("Unable to process chunk" says nothing)
		String line = text.lines().findFirst().orElse("");
		String ours = line.startsWith("com.audiencesync.") ? line : null;
		for (String each : text.lines().toList()) {
			if (each.startsWith("Caused by: ")) {
				line = each.substring("Caused by: ".length());
				if (line.startsWith("com.audiencesync.")) {
					ours = line;
				}
			}
		}
		line = (ours != null) ? ours : line;
		int colon = line.indexOf(": ");
		// "com.x.SomeException: message" -> "message"
		return (colon > 0 && line.substring(0, colon).matches("([a-z_$][\\w$]*\\.)+[A-Z][\\w$]*"))
				? line.substring(colon + 2) : line;
	}

}
