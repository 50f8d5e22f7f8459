package com.audiencesync.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import com.audiencesync.IntegrationTest;
import com.audiencesync.TestExtracts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code status}: what became of every row read (unchanged and skipped beside delivered
 * and rejected), whether a running execution's process lives, and times with their zone.
 */
@IntegrationTest
class StatusIntegrationTests {

	/** Every key {@code status --json} had before: scripts read them. */
	private static final List<String> KEYS = List.of("executionId", "job", "runDate", "run", "status", "read",
			"delivered", "rejected", "requests", "unchanged", "skipped", "conflicts", "conflictExamples",
			"conflictList", "chains", "mirrors", "replays", "partitions", "start", "durationSeconds", "exitMessage",
			"rejectedByReason");

	@Autowired
	ApplicationContext context;

	@Autowired
	JdbcTemplate jdbc;

	@TempDir
	Path dir;

	@Test
	void everyRowReadIsAccountedForAndTimesShowTheirZone() throws Exception {
		// given a first night and a second that finds every row unchanged
		String name = "status-" + UUID.randomUUID().toString().substring(0, 8);
		TestExtracts.members(this.dir, "data/members.csv", 0, 30, List.of(), List.of());
		Path spec = TestExtracts.groobeeSpec(this.dir, name, "data", 100, 100, 1);
		assertThat(cli(new StringWriter(), "run", spec.toString(), "--sandbox", "--param", "runDate=2026-11-21"))
			.isZero();
		assertThat(cli(new StringWriter(), "run", spec.toString(), "--sandbox", "--param", "runDate=2026-11-22"))
			.isZero();

		// when the status is asked for
		StringWriter out = new StringWriter();
		assertThat(cli(out, "status", name)).isZero();

		// then the unchanged rows are there beside the delivered ones, and the start
		// has its zone
		List<String> lines = out.toString().lines().toList();
		assertThat(lines.get(0)).containsPattern(
				"^EXEC +JOB +RUN +RUN DATE +STATUS +READ +DELIVERED +UNCHANGED +REJECTED +SKIPPED +START +DURATION$");
		long second = execution(name, "2026-11-22");
		assertThat(lines.get(1)).containsPattern("^" + second + " +" + name
				+ " +sandbox nightly +2026-11-22 +COMPLETED +30 +0 +30 +0 +0  \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d KST +");
		assertThat(lines.get(2)).containsPattern(" +COMPLETED +30 +30 +0 +0 +0  ");
		assertThat(lines.get(1)).contains(StatusCommand.start(startOf(second), ZoneId.of("Asia/Seoul")));

		// and the JSON keeps every key it had, and adds the zoned start
		StringWriter json = new StringWriter();
		cli(json, "status", name, "--json");
		JsonNode newest = JsonMapper.builder().build().readTree(json.toString()).get(0);
		assertThat(KEYS).allSatisfy((key) -> assertThat(newest.has(key)).as(key).isTrue());
		assertThat(newest.get("unchanged").asLong()).isEqualTo(30);
		assertThat(newest.get("zone").asString()).isEqualTo("Asia/Seoul");
		assertThat(newest.get("startInZone").asString()).endsWith("+09:00");
		assertThat(newest.get("heartbeat").isNull()).isTrue();
		assertThat(newest.get("run").asString()).isEqualTo("nightly");
		assertThat(newest.get("sandbox").asBoolean()).as("a sandbox's run is told apart").isTrue();
	}

	@Test
	void aRunningExecutionShowsItsHeartbeatAndOneWhoseProcessDiedSaysSo() throws Exception {
		// given two executions left STARTED: one beating, one whose pod was killed
		String name = "status-running-" + UUID.randomUUID().toString().substring(0, 8);
		TestExtracts.members(this.dir, "data/members.csv", 0, 10, List.of(), List.of());
		Path spec = TestExtracts.groobeeSpec(this.dir, name, "data", 100, 100, 1);
		cli(new StringWriter(), "run", spec.toString(), "--sandbox", "--param", "runDate=2026-11-21");
		cli(new StringWriter(), "run", spec.toString(), "--sandbox", "--param", "runDate=2026-11-22");
		long alive = execution(name, "2026-11-22");
		long dead = execution(name, "2026-11-21");
		for (long id : new long[] { alive, dead }) {
			this.jdbc
				.update("UPDATE BATCH_JOB_EXECUTION SET STATUS = 'STARTED', EXIT_CODE = 'UNKNOWN', END_TIME = NULL "
						+ "WHERE JOB_EXECUTION_ID = ?", id);
		}
		heartbeat(alive, "pod-a:17", 3);
		heartbeat(dead, "pod-b:23", 3600);

		// when the status is asked for
		StringWriter out = new StringWriter();
		cli(out, "status", name);

		// then the live one shows its heartbeat and owner, the dead one says it died
		assertThat(out.toString())
			.containsPattern("\\n" + alive + " +" + name + " .* STARTED .*\\n {7}running: last heartbeat \\d+s ago "
					+ "from pod-a:17\\n")
			.containsPattern("\\n" + dead + " +" + name + " .* STARTED .*\\n {7}its process died \\(last heartbeat "
					+ "60m\\d+s ago from pod-b:23\\): the next run of its date recovers it, 'recover " + dead
					+ "' does now\\n");
		StringWriter json = new StringWriter();
		cli(json, "status", name, "--json");
		JsonNode rows = JsonMapper.builder().build().readTree(json.toString());
		List<JsonNode> heartbeats = new ArrayList<>();
		rows.forEach((row) -> heartbeats.add(row.get("heartbeat")));
		assertThat(heartbeats).hasSize(2);
		assertThat(heartbeats.get(0).get("owner").asString()).isEqualTo("pod-a:17");
		assertThat(heartbeats.get(0).get("stale").asBoolean()).isFalse();
		assertThat(heartbeats.get(1).get("owner").asString()).isEqualTo("pod-b:23");
		assertThat(heartbeats.get(1).get("stale").asBoolean()).isTrue();
		assertThat(heartbeats.get(1).get("ageSeconds").asDouble()).isGreaterThanOrEqualTo(3600);
	}

	@Test
	void aStartTimeIsShownInTheConfiguredZoneNamed() {
		LocalDateTime start = LocalDateTime.of(2026, 11, 21, 18, 0, 12);
		java.time.Instant instant = start.atZone(ZoneId.systemDefault()).toInstant();

		assertThat(StatusCommand.start(start, ZoneId.of("UTC")))
			.isEqualTo(java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
				.format(instant.atZone(ZoneId.of("UTC"))) + " UTC");
		assertThat(StatusCommand.start(start, ZoneId.of("Asia/Seoul"))).endsWith(" KST");
		assertThat(StatusCommand.start(null, ZoneId.of("UTC"))).isEqualTo("-");
	}

	private void heartbeat(long execution, String owner, int secondsAgo) {
		this.jdbc.update("DELETE FROM AS_HEARTBEAT WHERE JOB_EXECUTION_ID = ?", execution);
		this.jdbc.update(
				"INSERT INTO AS_HEARTBEAT (JOB_EXECUTION_ID, OWNER, STARTED_AT, BEAT_AT) VALUES (?, ?, "
						+ "DATEADD('SECOND', ?, CURRENT_TIMESTAMP(3)), DATEADD('SECOND', ?, CURRENT_TIMESTAMP(3)))",
				execution, owner, -secondsAgo, -secondsAgo);
	}

	private long execution(String job, String runDate) {
		return this.jdbc.queryForObject(
				"SELECT MAX(e.JOB_EXECUTION_ID) FROM BATCH_JOB_EXECUTION e "
						+ "JOIN BATCH_JOB_INSTANCE i ON e.JOB_INSTANCE_ID = i.JOB_INSTANCE_ID "
						+ "JOIN BATCH_JOB_EXECUTION_PARAMS p ON p.JOB_EXECUTION_ID = e.JOB_EXECUTION_ID "
						+ "WHERE i.JOB_NAME = ? AND p.PARAMETER_NAME = 'runDate' AND p.PARAMETER_VALUE = ?",
				Long.class, job, runDate);
	}

	private LocalDateTime startOf(long execution) {
		return this.jdbc
			.queryForObject("SELECT START_TIME FROM BATCH_JOB_EXECUTION WHERE JOB_EXECUTION_ID = ?", Timestamp.class,
					execution)
			.toLocalDateTime();
	}

	private int cli(StringWriter out, String... args) {
		CommandLine commandLine = Cli.commandLine(this.context);
		commandLine.setOut(new PrintWriter(out, true));
		commandLine.setErr(new PrintWriter(out, true));
		return commandLine.execute(args);
	}

}
