package com.audiencesync.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import com.audiencesync.IntegrationTest;
import com.audiencesync.TestExtracts;
import com.audiencesync.batch.launch.RunOutcome;
import com.audiencesync.batch.launch.SyncLauncher;
import com.audiencesync.sandbox.Sandbox;
import com.audiencesync.spec.JobSpec;
import com.audiencesync.spec.SpecCatalog;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code run --dry-run}: what the next run would create, update, leave, delete and
 * reject, compared with the sync state, sending and writing nothing; the next real run
 * then does exactly that.
 */
@IntegrationTest
class DryRunIntegrationTests {

	@Autowired
	ApplicationContext context;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	SyncLauncher launcher;

	@RegisterExtension
	static final Sandbox sandbox = new Sandbox("dry-run-key-" + UUID.randomUUID());

	@TempDir
	Path dir;

	private Path extract(List<String> lines) {
		return TestExtracts.write(this.dir.resolve("users.jsonl"), String.join("\n", lines) + "\n");
	}

	private static List<String> users(int from, int to, String tier) {
		return IntStream.range(from, to)
			.mapToObj((i) -> "{\"user_id\":\"user-" + i + "\",\"tier\":\"" + tier + "\"}")
			.collect(Collectors.toList());
	}

	@Test
	void aDryRunShowsTheDiffAndTheNextRunDoesExactlyThat() throws Exception {
		// given 20 users delivered to a mirrored Marketap destination
		String name = "dry-" + UUID.randomUUID().toString().substring(0, 8);
		Path spec = TestExtracts.write(this.dir.resolve(name + ".yml"), """
				name: %s
				source: { type: file, path: %s, format: jsonl }
				mapping:
				  fields: { userId: user_id }
				  properties: { columns: [tier] }
				destination: { vendor: marketap, endpoint: profiles, mode: mirror }
				""".formatted(name, this.dir.resolve("users.jsonl")));
		extract(users(0, 20, "GOLD"));
		assertThat(cli(new StringWriter(), "run", spec.toString(), "--sandbox", "--param", "runDate=2026-11-01"))
			.isZero();
		long executions = executions(name);

		// when the extract loses two users, changes one, gains two and has a bad row
		List<String> next = new java.util.ArrayList<>(users(0, 20, "GOLD"));
		next.remove(5);
		next.remove(3);
		next.set(1, "{\"user_id\":\"user-1\",\"tier\":\"PLATINUM\"}");
		next.addAll(users(20, 22, "SILVER"));
		next.add("{\"tier\":\"GOLD\"}");
		extract(next);
		StringWriter out = new StringWriter();
		assertThat(cli(out, "run", spec.toString(), "--dry-run", "--sandbox", "--param", "runDate=2026-11-02"))
			.isZero();

		// then the dry run says so, masked
		assertThat(out.toString()).contains("dry run, nothing sent or written")
			.contains("read        21 rows")
			.contains("marketap/profiles")
			.containsPattern("would create +2\\n")
			.containsPattern("would update +1\\n")
			.containsPattern("unchanged +17 ")
			.containsPattern("would delete +2 of 20 known key\\(s\\)\\n")
			.containsPattern("invalid +1\\n")
			.containsPattern("MISSING_FIELD +1  e.g. users.jsonl:21: userId")
			.containsPattern("update users.jsonl:2 \\{\"userId\":\"[^\"]+\",\"properties\":\\[\"tier\"]}")
			.contains("create users.jsonl:19")
			.doesNotContain("user-20")
			.doesNotContain("PLATINUM");
		// and nothing was written
		assertThat(executions(name)).isEqualTo(executions);
		assertThat(keysKept(name)).isEqualTo(20);

		// and the JSON says the same
		StringWriter json = new StringWriter();
		assertThat(
				cli(json, "run", spec.toString(), "--dry-run", "--sandbox", "--json", "--param", "runDate=2026-11-02"))
			.isZero();
		JsonNode diff = JsonMapper.builder().build().readTree(json.toString()).get("destinations").get(0);
		assertThat(Map.of("create", diff.get("create").asLong(), "update", diff.get("update").asLong(), "unchanged",
				diff.get("unchanged").asLong(), "delete", diff.get("delete").asLong(), "invalid",
				diff.get("invalid").asLong()))
			.isEqualTo(Map.of("create", 2L, "update", 1L, "unchanged", 17L, "delete", 2L, "invalid", 1L));
		assertThat(diff.get("invalidByReason").get("MISSING_FIELD").asLong()).isEqualTo(1);
		assertThat(diff.get("samples")).hasSize(3);

		// and the real run does exactly what the dry run said
		StringWriter real = new StringWriter();
		assertThat(cli(real, "run", spec.toString(), "--sandbox", "--param", "runDate=2026-11-02")).isZero();
		assertThat(real.toString()).contains("delivered   3 rows")
			.contains("unchanged   17 rows")
			.contains("deleted     2 key(s) the source no longer has from marketap/profiles");
	}

	@Test
	void aRunThatWouldDeleteTooMuchSaysItWouldBeRefused() {
		String name = "dry-mass-" + UUID.randomUUID().toString().substring(0, 8);
		Path spec = TestExtracts.write(this.dir.resolve(name + ".yml"), """
				name: %s
				source: { type: file, path: %s, format: jsonl }
				mapping:
				  fields: { userId: user_id }
				  properties: { columns: [tier] }
				destination: { vendor: marketap, endpoint: profiles, mode: mirror }
				""".formatted(name, this.dir.resolve("users.jsonl")));
		extract(users(0, 10, "GOLD"));
		cli(new StringWriter(), "run", spec.toString(), "--sandbox", "--param", "runDate=2026-11-01");

		extract(users(0, 4, "GOLD"));
		StringWriter out = new StringWriter();
		cli(out, "run", spec.toString(), "--dry-run", "--sandbox", "--param", "runDate=2026-11-02");

		assertThat(out.toString())
			.contains("would delete   6 of 10 known key(s) - more than mirror.max-delete-ratio 20%")
			.contains("without --allow-mass-delete");
	}

	@Test
	void aDryRunOfACompletedDateSaysARunWouldSendNothing() throws Exception {
		// given a date whose run completed
		Path spec = spec("dry-done-" + UUID.randomUUID().toString().substring(0, 8), "");
		extract(users(0, 20, "GOLD"));
		assertThat(cli(new StringWriter(), "run", spec.toString(), "--sandbox", "--param", "runDate=2026-11-01"))
			.isZero();
		long execution = lastExecution();

		// when the same date is dry run
		StringWriter out = new StringWriter();
		assertThat(cli(out, "run", spec.toString(), "--dry-run", "--sandbox", "--param", "runDate=2026-11-01"))
			.isZero();

		// then it says a run would send nothing, and what a later date would do
		assertThat(out.toString().lines().toList().subList(0, 3)).containsExactly(
				name(spec) + " (runDate 2026-11-01): dry run, nothing sent or written",
				"  COMPLETED   execution " + execution + " completed this date: a run of it sends nothing, with "
						+ "--resync too; a later date holding these rows would do what follows (with --resync: send "
						+ "all 20)",
				"  read        20 rows");
		assertThat(out.toString()).containsPattern("unchanged +20 ");
		StringWriter json = new StringWriter();
		cli(json, "run", spec.toString(), "--dry-run", "--sandbox", "--json", "--param", "runDate=2026-11-01");
		JsonNode plan = JsonMapper.builder().build().readTree(json.toString());
		assertThat(plan.get("lastStatus").asString()).isEqualTo("COMPLETED");
		assertThat(plan.get("lastExecutionId").asLong()).isEqualTo(execution);
		assertThat(plan.get("aRun").asString()).startsWith("execution " + execution + " completed this date");

		// and it is true: a run sends nothing, with --resync too
		for (List<String> flags : List.of(List.<String>of(), List.of("--resync"))) {
			List<String> args = new java.util.ArrayList<>(
					List.of("run", spec.toString(), "--sandbox", "--param", "runDate=2026-11-01"));
			args.addAll(flags);
			StringWriter again = new StringWriter();
			assertThat(cli(again, args.toArray(String[]::new))).isZero();
			assertThat(again.toString()).contains("already completed (execution " + execution + "): nothing sent")
				.contains("received 0 request(s)");
		}
	}

	@Test
	void aDryRunOfAFailedDateSaysARunWouldRestartFromItsLastCommittedChunk() throws Exception {
		// given a date whose run failed after two committed chunks of five rows
		Path file = spec("dry-failed-" + UUID.randomUUID().toString().substring(0, 8), "chunk: 5\n");
		extract(users(0, 20, "GOLD"));
		sandbox.emulator("marketap").failAfterItems(10, 503);
		JobSpec spec = new SpecCatalog(this.dir).resolve(file.toString());
		RunOutcome failed = this.launcher.run(spec, LocalDate.of(2026, 11, 1), sandbox.options("marketap"));
		assertThat(failed.kind()).isEqualTo(RunOutcome.Kind.FAILED);

		// when the date is dry run
		StringWriter out = new StringWriter();
		cli(out, "run", file.toString(), "--dry-run", "--param", "runDate=2026-11-01");

		// then it says a run would restart from the last committed chunk
		assertThat(out.toString().lines().skip(1).findFirst().orElse(""))
			.isEqualTo("  FAILED      execution " + failed.report().executionId() + " of this date failed: a run "
					+ "restarts it from its last committed chunk, without reading again the 10 row(s) its committed "
					+ "chunks read; what follows counts every row");
		// and a date that never ran says nothing of it
		StringWriter fresh = new StringWriter();
		cli(fresh, "run", file.toString(), "--dry-run", "--param", "runDate=2026-11-02");
		assertThat(fresh.toString().lines().skip(1).findFirst().orElse("")).isEqualTo("  read        20 rows");
	}

	/** A Marketap profiles spec over users.jsonl, with more lines (each ending in \n). */
	private Path spec(String name, String more) {
		return TestExtracts.write(this.dir.resolve(name + ".yml"), """
				name: %s
				source: { type: file, path: %s, format: jsonl }
				mapping:
				  fields: { userId: user_id }
				  properties: { columns: [tier] }
				destination: { vendor: marketap, endpoint: profiles }
				""".formatted(name, this.dir.resolve("users.jsonl")) + more);
	}

	private static String name(Path spec) {
		return spec.getFileName().toString().replace(".yml", "");
	}

	/** The latest execution's id. */
	private long lastExecution() {
		return this.jdbc.queryForObject("SELECT MAX(JOB_EXECUTION_ID) FROM BATCH_JOB_EXECUTION", Long.class);
	}

	private long executions(String job) {
		return this.jdbc.queryForObject(
				"SELECT COUNT(*) FROM BATCH_JOB_EXECUTION e JOIN BATCH_JOB_INSTANCE i ON e.JOB_INSTANCE_ID = i.JOB_INSTANCE_ID "
						+ "WHERE i.JOB_NAME = ?",
				Long.class, job);
	}

	private int cli(StringWriter out, String... args) {
		CommandLine commandLine = Cli.commandLine(this.context);
		commandLine.setOut(new PrintWriter(out, true));
		commandLine.setErr(new PrintWriter(out, true));
		return commandLine.execute(args);
	}

	/**
	 * The keys the sync state holds for a job: in the per-key table, or in its targets'
	 * current snapshots on planned nights.
	 */
	private long keysKept(String job) {
		Long perKey = this.jdbc.queryForObject(
				"SELECT COUNT(*) FROM AS_SYNC_KEY k JOIN AS_SYNC_TARGET t ON t.TARGET_ID = k.TARGET_ID WHERE t.JOB_NAME = ?",
				Long.class, job);
		Long snapshots = this.jdbc.queryForObject(
				"SELECT COALESCE(SUM(s.ENTRIES), 0) FROM AS_SNAPSHOT s JOIN AS_SYNC_TARGET t ON t.TARGET_ID = "
						+ "s.TARGET_ID WHERE t.JOB_NAME = ? AND s.STATE = 'CURRENT'",
				Long.class, job);
		return perKey + snapshots;
	}

}
