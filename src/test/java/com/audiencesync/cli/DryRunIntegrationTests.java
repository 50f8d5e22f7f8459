package com.audiencesync.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

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
		assertThat(this.jdbc.queryForObject(
				"SELECT COUNT(*) FROM AS_SYNC_KEY k JOIN AS_SYNC_TARGET t ON t.TARGET_ID = k.TARGET_ID WHERE t.JOB_NAME = ?",
				Long.class, name))
			.isEqualTo(20);

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

}
