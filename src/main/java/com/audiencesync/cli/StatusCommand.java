package com.audiencesync.cli;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import com.audiencesync.batch.RunReport;
import com.audiencesync.batch.RunReports;
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
		description = "Recent executions, newest first: status, business date, "
				+ "read/delivered/rejected counts, start and duration.")
class StatusCommand implements Callable<Integer> {

	/**
	 * Start times as the job repository keeps them (this JVM's zone), with that zone's
	 * offset.
	 */
	private static final DateTimeFormatter START = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss xxx");

	@Parameters(index = "0", arity = "0..1", paramLabel = "JOB", description = "only this job")
	String job;

	@Option(names = "--json", description = "print JSON")
	boolean json;

	@Option(names = "--limit", description = "executions to show (default ${DEFAULT-VALUE})", defaultValue = "20")
	int limit;

	@Spec
	CommandSpec commandSpec;

	private final Contexts contexts;

	StatusCommand(Contexts contexts) {
		this.contexts = contexts;
	}

	@Override
	public Integer call() {
		JobRepository jobRepository = this.contexts.bean(Contexts.Need.REPOSITORY, JobRepository.class);
		RunReports reports = this.contexts.bean(Contexts.Need.REPOSITORY, RunReports.class);
		List<JobExecution> executions = new ArrayList<>();
		List<String> names = (this.job != null) ? List.of(this.job) : jobRepository.getJobNames();
		for (String name : names) {
			for (JobInstance instance : jobRepository.getJobInstances(name, 0, this.limit)) {
				executions.addAll(jobRepository.getJobExecutions(instance));
			}
		}
		List<RunReport> rows = executions.stream()
			.sorted(Comparator.comparingLong(JobExecution::getId).reversed())
			.limit(this.limit)
			.map((execution) -> reports.report(execution, this.json ? RunReports.ALL_CONFLICTS : 3))
			.toList();
		var out = this.commandSpec.commandLine().getOut();
		if (this.json) {
			out.println(JsonMapper.builder()
				.enable(SerializationFeature.INDENT_OUTPUT)
				.build()
				.writeValueAsString(rows.stream().map(StatusCommand::toJson).toList()));
		}
		else if (rows.isEmpty()) {
			out.println((this.job != null) ? "no executions of " + this.job : "no executions yet");
		}
		else {
			out.printf("%-6s %-32s %-8s %-22s %-10s %9s %9s %9s  %-25s %8s%n", "EXEC", "JOB", "RUN", "RUN DATE",
					"STATUS", "READ", "DELIVERED", "REJECTED", "START", "DURATION");
			for (RunReport row : rows) {
				out.printf("%-6d %-32s %-8s %-22s %-10s %9d %9d %9d  %-25s %8s%n", row.executionId(), row.jobName(),
						row.run(), row.runDate(), row.status(), row.read(), row.delivered(), row.rejected(),
						(row.start() != null) ? START.format(row.start().atZone(ZoneId.systemDefault())) : "-",
						Printer.duration(row.duration()));
				if (!row.exitMessage().isEmpty() && !"COMPLETED".equals(row.status())) {
					out.printf("       %s%n", row.exitMessage());
				}
			}
		}
		out.flush();
		return ExitCodes.OK;
	}

	private static Map<String, Object> toJson(RunReport row) {
		Map<String, Object> json = new LinkedHashMap<>();
		json.put("executionId", row.executionId());
		json.put("job", row.jobName());
		json.put("runDate", row.runDate());
		json.put("run", row.run());
		json.put("status", row.status());
		json.put("read", row.read());
		json.put("delivered", row.delivered());
		json.put("rejected", row.rejected());
		json.put("requests", row.requests());
		json.put("unchanged", row.unchanged());
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
		json.put("durationSeconds", row.duration().toMillis() / 1000.0);
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
