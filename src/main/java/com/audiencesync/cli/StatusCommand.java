package com.audiencesync.cli;

import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

import com.audiencesync.batch.SyncProperties;
import com.audiencesync.batch.recovery.Recovery;
import com.audiencesync.batch.reports.RunReport;
import com.audiencesync.batch.reports.RunReports;
import com.audiencesync.batch.run.RunIdentity;
import com.audiencesync.state.SyncConflicts.Conflict;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.repository.JobRepository;

/** {@code status [job] [--json]}: recent executions, newest first. */
@Command(name = "status", mixinStandardHelpOptions = true,
		description = { "Recent executions, newest first: status, business date, counts, start and duration.",
				"DELIVERED, UNCHANGED (the vendor held them: not sent), REJECTED and SKIPPED count what became of "
						+ "the rows READ. A running execution shows its heartbeat; times are in audience-sync.zone." })
class StatusCommand implements Callable<Integer> {

	/**
	 * Start times in the business zone, named ({@code 2026-11-22 03:00:12 KST}): the
	 * repository keeps them without a zone, which read as UTC on a pod.
	 */
	private static final DateTimeFormatter START = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss zzz",
			Locale.ENGLISH);

	@Parameters(index = "0", arity = "0..1", paramLabel = "JOB", description = "only this job")
	String job;

	@Option(names = "--json", description = "print JSON")
	boolean json;

	@Option(names = "--limit", description = "executions to show (default ${DEFAULT-VALUE})", defaultValue = "20")
	int limit;

	@Spec
	CommandSpec commandSpec;

	private final SpringContexts contexts;

	StatusCommand(SpringContexts contexts) {
		this.contexts = contexts;
	}

	@Override
	public Integer call() {
		JobRepository jobRepository = this.contexts.bean(SpringContexts.Need.REPOSITORY, JobRepository.class);
		RunReports reports = this.contexts.bean(SpringContexts.Need.REPOSITORY, RunReports.class);
		Recovery recovery = this.contexts.bean(SpringContexts.Need.REPOSITORY, Recovery.class);
		ZoneId zone = this.contexts.bean(SpringContexts.Need.REPOSITORY, SyncProperties.class).zone();
		List<JobExecution> executions = new ArrayList<>();
		List<String> names = (this.job != null) ? List.of(this.job) : jobRepository.getJobNames();
		for (String name : names) {
			for (JobInstance instance : jobRepository.getJobInstances(name, 0, this.limit)) {
				executions.addAll(jobRepository.getJobExecutions(instance));
			}
		}
		List<Row> rows = executions.stream()
			.sorted(Comparator.comparingLong(JobExecution::getId).reversed())
			.limit(this.limit)
			.map((execution) -> new Row(reports.report(execution, this.json ? RunReports.ALL_CONFLICTS : 3),
					(execution.getStatus().isRunning() || Recovery.hasRunningStep(execution))
							? recovery.liveness(execution) : null,
					sandbox(execution)))
			.toList();
		var out = this.commandSpec.commandLine().getOut();
		if (this.json) {
			out.println(JsonMapper.builder()
				.enable(SerializationFeature.INDENT_OUTPUT)
				.build()
				.writeValueAsString(rows.stream().map((row) -> toJson(row, zone)).toList()));
		}
		else if (rows.isEmpty()) {
			out.println((this.job != null) ? "no executions of " + this.job : "no executions yet");
		}
		else {
			// RUN as wide as its longest value ("sandbox backfill"), at least 8
			int runWidth = Math.max(8, rows.stream().mapToInt((row) -> row.run().length()).max().orElse(8));
			String run = "%-" + runWidth + "s";
			out.printf("%-6s %-32s " + run + " %-22s %-10s %9s %9s %9s %9s %9s  %-23s %8s%n", "EXEC", "JOB", "RUN",
					"RUN DATE", "STATUS", "READ", "DELIVERED", "UNCHANGED", "REJECTED", "SKIPPED", "START", "DURATION");
			for (Row each : rows) {
				RunReport row = each.report();
				out.printf("%-6d %-32s " + run + " %-22s %-10s %9d %9d %9d %9d %9d  %-23s %8s%n", row.executionId(),
						row.jobName(), each.run(), row.runDate(), row.status(), row.read(), row.delivered(),
						row.unchanged(), row.rejected(), row.skipped(), start(row.start(), zone),
						Printer.duration(row.duration()));
				if (each.liveness() != null) {
					out.printf("       %s%n", alive(row, each.liveness()));
				}
				if (!row.exitMessage().isEmpty() && !"COMPLETED".equals(row.status())) {
					out.printf("       %s%n", row.exitMessage());
				}
			}
		}
		out.flush();
		return ExitCodes.OK;
	}

	/**
	 * An execution's report, and for a running one how its process looks.
	 * @param report what it did
	 * @param liveness its heartbeat, or null when it is not running
	 */
	/**
	 * An execution's report, its liveness when it looks running, and whether it ran in
	 * the sandbox.
	 */
	private record Row(RunReport report, Recovery.Liveness liveness, boolean sandbox) {

		/** The RUN column: the run's kind, a sandbox's marked. */
		String run() {
			return this.sandbox ? "sandbox " + this.report.run() : this.report.run();
		}

	}

	private static boolean sandbox(JobExecution execution) {
		RunIdentity identity = RunIdentity.of(execution.getJobParameters());
		return identity != null && identity.sandbox();
	}

	/**
	 * A start time as the table shows it, with its zone: {@code 2026-11-22 03:00:12 KST}.
	 */
	static String start(LocalDateTime time, ZoneId zone) {
		return (time != null) ? START.format(inZone(time, zone)) : "-";
	}

	/** The repository's time (this JVM's zone, as Spring Batch writes it) in the zone. */
	private static ZonedDateTime inZone(LocalDateTime time, ZoneId zone) {
		return time.atZone(ZoneId.systemDefault()).withZoneSameInstant(zone);
	}

	/** Whether a running execution's process lives, and what to do when it does not. */
	private static String alive(RunReport row, Recovery.Liveness liveness) {
		if (!liveness.stale()) {
			return "running: " + liveness.describe();
		}
		return "its process died (" + liveness.describe() + "): the next run of its date recovers it, 'recover "
				+ row.executionId() + "' does now";
	}

	private static Map<String, Object> toJson(Row execution, ZoneId zone) {
		RunReport row = execution.report();
		Map<String, Object> json = new LinkedHashMap<>();
		json.put("executionId", row.executionId());
		json.put("job", row.jobName());
		json.put("runDate", row.runDate());
		json.put("run", row.run());
		json.put("sandbox", execution.sandbox());
		json.put("status", row.status());
		json.put("read", row.read());
		json.put("delivered", row.delivered());
		json.put("rejected", row.rejected());
		json.put("requests", row.requests());
		json.put("unchanged", row.unchanged());
		json.put("deferred", row.deferred());
		json.put("skipped", row.skipped());
		json.put("conflicts", row.conflicts());
		List<String> conflicts = row.conflictExamples().stream().map(Conflict::describe).toList();
		json.put("conflictExamples", conflicts.subList(0, Math.min(3, conflicts.size())));
		// all of them, up to RunReports.ALL_CONFLICTS (AS_SYNC_CONFLICT holds every one)
		json.put("conflictList", conflicts);
		json.put("chains", row.chains());
		json.put("mirrors", row.mirrors().stream().map((mirror) -> {
			Map<String, Object> each = new LinkedHashMap<>();
			each.put("destination", mirror.destination());
			each.put("status", mirror.status());
			each.put("deleted", mirror.deleted());
			each.put("refused", mirror.refused());
			each.put("requests", mirror.requests());
			each.put("undeletable", mirror.undeletable());
			return each;
		}).toList());
		json.put("replays", row.replays().stream().map((replay) -> {
			Map<String, Object> each = new LinkedHashMap<>();
			each.put("destination", replay.destination());
			each.put("status", replay.status());
			each.put("replayed", replay.replayed());
			each.put("delivered", replay.delivered());
			each.put("unchanged", replay.unchanged());
			each.put("refused", replay.refused());
			each.put("requests", replay.requests());
			each.put("givenUp", replay.givenUp());
			return each;
		}).toList());
		json.put("partitions", row.partitions());
		json.put("start", (row.start() != null)
				? row.start().atZone(ZoneId.systemDefault()).toOffsetDateTime().toString() : null);
		json.put("startInZone", (row.start() != null) ? inZone(row.start(), zone).toOffsetDateTime().toString() : null);
		json.put("zone", zone.getId());
		json.put("durationSeconds", row.duration().toMillis() / 1000.0);
		if (execution.liveness() != null) {
			Map<String, Object> heartbeat = new LinkedHashMap<>();
			heartbeat.put("owner", execution.liveness().owner());
			heartbeat.put("ageSeconds", execution.liveness().age().toMillis() / 1000.0);
			heartbeat.put("stale", execution.liveness().stale());
			json.put("heartbeat", heartbeat);
		}
		else {
			json.put("heartbeat", null);
		}
		json.put("exitMessage", row.exitMessage());
		json.put("rejectedByReason",
				row.reasons()
					.stream()
					.map((reason) -> Map.of("destination", reason.destination(), "stage", reason.stage(), "reason",
							reason.reasonCode(), "count", reason.count()))
					.toList());
		return json;
	}

}
