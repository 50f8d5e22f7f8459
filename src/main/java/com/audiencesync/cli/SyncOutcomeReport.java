package com.audiencesync.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;

import com.audiencesync.batch.launch.RunOutcome;
import com.audiencesync.batch.reports.RunReport;
import com.audiencesync.batch.reports.SyncOutcomes;
import com.audiencesync.spec.JobSpec;
import com.audiencesync.spec.ScheduleSpec;

import org.springframework.context.ApplicationContext;
import org.springframework.core.env.Environment;

/**
 * Pushes how a {@code run} ended ({@link SyncOutcomes}) once its command has its exit
 * code, so a start that fails before any job runs (exit 2) is recorded as well as one
 * that ran.
 */
final class SyncOutcomeReport {

	/** The endings that ran an execution now: their report replaces the last run's. */
	private static final EnumSet<RunOutcome.Kind> RAN = EnumSet.of(RunOutcome.Kind.COMPLETED, RunOutcome.Kind.FAILED,
			RunOutcome.Kind.STOPPED);

	private SyncOutcomeReport() {
	}

	static void push(SpringContexts contexts, int exitCode, PrintWriter err) {
		String sync = contexts.reportedSync();
		if (sync == null) {
			return;
		}
		try {
			Environment environment = environment(contexts);
			SyncOutcomes outcomes = (environment != null) ? SyncOutcomes.of(environment) : null;
			if (outcomes == null) {
				return;
			}
			outcomes.push(sync, outcome(contexts, exitCode));
		}
		catch (IOException | RuntimeException ex) {
			// the run's own outcome stands; the alert on a stale push says the rest
			err.println("warning: the outcome of " + sync + " was not pushed to the Pushgateway: " + ex.getMessage());
			err.flush();
		}
	}

	/**
	 * How the command's start of the sync ended: a run's own outcome; a backfill's first
	 * run that did not complete (or {@code COMPLETED}), with its runs' totals.
	 */
	static SyncOutcomes.Outcome outcome(SpringContexts contexts, int exitCode) {
		List<RunOutcome> outcomes = contexts.ranOutcomes();
		JobSpec spec = contexts.ranSpec();
		Duration maxAge = (spec != null) ? maxAge(spec) : null;
		List<RunReport> ran = outcomes.stream()
			.filter((each) -> RAN.contains(each.kind()))
			.map(RunOutcome::report)
			.toList();
		if (contexts.trigger() == SyncOutcomes.Trigger.BACKFILL) {
			String status = outcomes.stream()
				.map(RunOutcome::kind)
				.filter((kind) -> kind != RunOutcome.Kind.COMPLETED && kind != RunOutcome.Kind.ALREADY_COMPLETED)
				.findFirst()
				.map(Enum::name)
				.orElse(outcomes.isEmpty() ? "ERROR" : "COMPLETED");
			return new SyncOutcomes.Outcome(SyncOutcomes.Trigger.BACKFILL, exitCode, status, Instant.now(),
					SyncOutcomes.Totals.of(ran), false, maxAge);
		}
		RunOutcome outcome = outcomes.isEmpty() ? null : outcomes.get(outcomes.size() - 1);
		return new SyncOutcomes.Outcome(SyncOutcomes.Trigger.RUN, exitCode,
				(outcome != null) ? outcome.kind().name() : "ERROR", Instant.now(), SyncOutcomes.Totals.of(ran),
				outcome != null && outcome.kind() == RunOutcome.Kind.COMPLETED, maxAge);
	}

	/**
	 * The environment of an application the command started; when none could start (a
	 * failed start), the smallest one's.
	 */
	private static Environment environment(SpringContexts contexts) {
		Optional<ApplicationContext> started = contexts.ifStarted(SpringContexts.Need.ALL)
			.or(() -> contexts.ifStarted(SpringContexts.Need.REPOSITORY))
			.or(() -> contexts.ifStarted(SpringContexts.Need.SOURCES));
		if (started.isPresent()) {
			return started.get().getEnvironment();
		}
		try {
			return contexts.get(SpringContexts.Need.SOURCES).getEnvironment();
		}
		catch (RuntimeException ex) {
			return null;
		}
	}

	/**
	 * How long after a success the next one is due at the latest: the next night starts
	 * within its schedule's interval plus its starting deadline, and ends within its
	 * deadline. Null without a schedule.
	 */
	static Duration maxAge(JobSpec spec) {
		ScheduleSpec schedule = spec.schedule();
		if (schedule == null || schedule.cron() == null) {
			return null;
		}
		ZoneId zone = (schedule.timeZone() != null) ? ZoneId.of(schedule.timeZone()) : spec.zoneOrDefault();
		return schedule.interval(zone).plus(schedule.startingDeadline(zone)).plus(schedule.deadlineOrDefault(zone));
	}

}
