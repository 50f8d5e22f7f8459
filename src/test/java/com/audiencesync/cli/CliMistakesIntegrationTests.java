package com.audiencesync.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import com.audiencesync.ChildJvm;
import com.audiencesync.TestExtracts;
import com.audiencesync.sandbox.Sandbox;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every mistake a user makes on the command line, in a process of its own as a user runs
 * it (its logs included): the exact first line that is not a log line, the exit code
 * docs/cli.md gives, and no stack frame anywhere in the output. The jobs, extracts and
 * default H2 repository live in a working folder of the test's own.
 */
class CliMistakesIntegrationTests {

	private static final String KEY = "mistakes-key-" + UUID.randomUUID();

	/** A stack frame, a cause or an elided frame count. */
	private static final Pattern STACK = Pattern
		.compile("^\\s+at [\\w.$/]+\\(.*\\)$|^Caused by: |^\\s+\\.\\.\\. \\d+ more$|^[\\w.$]+(Exception|Error)(: |$)");

	/** A log line: time, level, logger. */
	private static final Pattern LOG = Pattern
		.compile("^\\d\\d:\\d\\d:\\d\\d\\.\\d{3} +(TRACE|DEBUG|INFO|WARN|ERROR) ");

	@RegisterExtension
	static final Sandbox sandbox = new Sandbox(KEY);

	@TempDir
	Path work;

	private final String date = "2026-11-22";

	@BeforeEach
	void jobs() throws IOException {
		TestExtracts.members(this.work, "jobs/in/members.csv", 0, 100, List.of(), List.of());
		spec("good", "in", "csv");
		spec("missing", "data/nowhere", "csv");
		TestExtracts.write(this.work.resolve("jobs/malformed.yml"),
				"name: malformed\nsource:\n  type: file\n  path: in\n   format: csv\n");
		TestExtracts.write(this.work.resolve("jobs/twenty.yml"),
				Files.readString(this.work.resolve("jobs/good.yml"))
					.replace("name: good", "name: twenty")
					.replace("endpoint: personalizations", "endpoint: personalizations\n  batch-size: twenty"));
		TestExtracts.write(this.work.resolve("jobs/dup.yml"),
				"name: dup\n" + Files.readString(this.work.resolve("jobs/good.yml")));
		TestExtracts.write(this.work.resolve("jobs/vendorless.yml"),
				Files.readString(this.work.resolve("jobs/good.yml"))
					.replace("name: good", "name: vendorless")
					.replace("vendor: groobee", "vendor: acme"));
		spec("zero", "zero", "csv");
		TestExtracts.write(this.work.resolve("jobs/zero/a.csv"), "");
		spec("header", "header", "csv");
		TestExtracts.write(this.work.resolve("jobs/header/a.csv"), "member_id,phone,grade,points\n");
		spec("truncated", "truncated", "csv");
		byte[] gzip = TestExtracts
			.gzip(Files.readAllBytes(TestExtracts.members(this.work, "full.csv", 0, 20_000, List.of(), List.of())));
		Files.createDirectories(this.work.resolve("jobs/truncated"));
		Files.write(this.work.resolve("jobs/truncated/members.csv.gz"), Arrays.copyOf(gzip, gzip.length / 2));
		spec("wide", "wide", "csv");
		String members = Files.readString(this.work.resolve("jobs/in/members.csv"));
		int cut = members.indexOf("m-50,");
		TestExtracts.write(this.work.resolve("jobs/wide/a.csv"), members.substring(0, cut) + "m-huge,01099990000,"
				+ "x".repeat(5_000_000) + ",1\n" + members.substring(cut));
	}

	@Test
	void everyMistakeGetsOneClearLineAndItsExitCode() throws Exception {
		// usage
		expect(2, "Unmatched argument at index 0: 'frobnicate'", "frobnicate");
		expect(0, "Usage: audience-sync run [-hV] [--allow-mass-delete] [--allow-mass-update]", "run", "--help");
		expect(0, "Usage: audience-sync abandon [-hV] EXECUTION_ID", "help", "abandon");
		// unknown execution ids
		for (String command : List.of("restart", "stop", "abandon")) {
			expect(2, "no execution 999", command, "999");
		}
		// a job nobody knows, or a typo, is named: not "no rejected rows"
		expect(2,
				"error: no job 'nosuchjob' in " + this.work.resolve("jobs")
						+ "/ or the job repository (known: good, header, missing, truncated, wide, zero)",
				"rejected", "nosuchjob");
		assertThat(firstLine(cli(List.of("rejected", "goood")))).startsWith("error: no job 'goood' in ")
			.endsWith("; did you mean 'good'?");
		assertThat(this.lastCode).isEqualTo(2);
		expect(0, "no rejected rows of good", "rejected", "good");
		// specs
		expect(2,
				"jobs/malformed.yml:5:10: invalid YAML: mapping values are not allowed here (is this line "
						+ "indented like the keys beside it? a value holding ': ' needs quotes)",
				"validate", "jobs/malformed.yml");
		expect(2, "jobs/twenty.yml:15: destination.batch-size: 'twenty' is not a whole number", "validate",
				"jobs/twenty.yml");
		expect(2, "jobs/dup.yml:2:1: duplicate key 'name' (first on line 1): each key may appear once", "validate",
				"jobs/dup.yml");
		expect(2,
				"error: " + this.work.resolve("jobs/malformed.yml")
						+ ":5:10: invalid YAML: mapping values are not allowed here (is this line "
						+ "indented like the keys beside it? a value holding ': ' needs quotes)",
				"run", "malformed");
		assertThat(firstLine(cli(List.of("validate", "jobs/vendorless.yml"))))
			.startsWith("jobs/vendorless.yml:13: destination.vendor: 'acme' is not a vendor");
		// a source that is not there: nothing runs, nothing is recorded
		Path missing = this.work.resolve("jobs/data/nowhere").toAbsolutePath();
		expect(2,
				this.work.resolve("jobs/missing.yml").toAbsolutePath() + ": source.path " + missing
						+ " does not exist (run date " + this.date + ")",
				"validate", "missing", "--run-date", this.date);
		expect(2, "missing for runDate " + this.date + " cannot start: source.path " + missing
				+ " does not exist (nothing ran)", run("missing"));
		expect(0, "no executions of missing", "status", "missing");
		// extracts that hold nothing, or break halfway
		expect(1, "zero (runDate " + this.date + "), execution 1: failed: a.csv holds no rows (empty, or a header "
				+ "only): nothing to sync (source.on-empty: complete lets such a run complete)", run("zero"));
		expect(1, "header (runDate " + this.date + "), execution 2: failed: a.csv holds no rows (empty, or a header "
				+ "only): nothing to sync (source.on-empty: complete lets such a run complete)", run("header"));
		String truncated = cli(run("truncated"));
		assertThat(firstLine(truncated)).startsWith("truncated (runDate " + this.date + "), execution 3: failed: "
				+ "members.csv.gz: cannot read after line ");
		assertThat(truncated).contains("  why         members.csv.gz: cannot read after line ");
		String wide = cli(run("wide"));
		assertThat(firstLine(wide)).isEqualTo("wide (runDate " + this.date + "), execution 4: completed");
		assertThat(wide).contains(
				"LINE_TOO_LONG          1  e.g. line longer than source.max-line-bytes " + "(4194304 bytes): not read");
		// a vendor refusing the key
		List<String> wrongKey = new ArrayList<>(run("good"));
		wrongKey.set(wrongKey.indexOf("--audience-sync.destinations.groobee.api-key=" + KEY),
				"--audience-sync.destinations.groobee.api-key=wrong");
		wrongKey.set(wrongKey.indexOf("runDate=" + this.date), "runDate=2026-11-21");
		expect(1,
				"good (runDate 2026-11-21), execution 5: failed: members.csv: groobee/personalizations: "
						+ "processCode -1001 (unknown customer (wrong API key?)): 등록되지 않은 고객입니다.: check "
						+ "audience-sync.destinations.groobee.api-key and the Groobee contract",
				wrongKey);
		// configuration
		expect(2,
				"error: audience-sync.destinations.groobee.api-key is not set (environment variable "
						+ "AUDIENCE_SYNC_DESTINATIONS_GROOBEE_API_KEY); it has no default",
				"run", "good", "--param", "runDate=" + this.date);
		expect(1, "error: the job repository (spring.datasource.url) cannot be reached: Connection refused", "status",
				"--spring.datasource.url=jdbc:mysql://127.0.0.1:1/audience_sync");
		// the state machine of stop and abandon
		expect(0, "good (runDate " + this.date + "), execution 6: completed", run("good"));
		expect(2, "execution 6 is COMPLETED: nothing to abandon", "abandon", "6");
		expect(2, "execution 6 is COMPLETED, not running: nothing to stop", "stop", "6");
		expect(0, "good (runDate " + this.date + "), execution 6: good for runDate " + this.date
				+ " already completed (execution 6): nothing sent", run("good"));
	}

	@Test
	void anExecutionWhosePodDiedIsNeitherStoppedNorCalledRunning() throws Exception {
		expect(0, "good (runDate " + this.date + "), execution 1: completed", run("good"));
		// as a SIGKILL leaves it: STARTED, its step too, its last sign of life an hour
		// ago
		sql("UPDATE BATCH_JOB_EXECUTION SET STATUS = 'STARTED', EXIT_CODE = 'UNKNOWN', END_TIME = NULL, "
				+ "LAST_UPDATED = DATEADD('HOUR', -1, LOCALTIMESTAMP) WHERE JOB_EXECUTION_ID = 1",
				"UPDATE BATCH_STEP_EXECUTION SET STATUS = 'STARTED', END_TIME = NULL, "
						+ "LAST_UPDATED = DATEADD('HOUR', -1, LOCALTIMESTAMP) WHERE JOB_EXECUTION_ID = 1",
				"DELETE FROM AS_HEARTBEAT");

		String stop = cli(List.of("stop", "1"));
		assertThat(firstLine(stop))
			.startsWith("execution 1 is STARTED but its process looks dead (no heartbeat, " + "last update ")
			.endsWith("'recover 1' marks it FAILED (the next run resumes it), 'abandon 1' gives it up");
		assertThat(this.lastCode).isEqualTo(2);

		String abandon = cli(List.of("abandon", "1"));
		assertThat(abandon.lines().filter((line) -> !LOG.matcher(line).find()).toList()).hasSize(2)
			.first(org.assertj.core.api.InstanceOfAssertFactories.STRING)
			.startsWith("execution 1 was STARTED but its process died (no heartbeat, last update ");
		assertThat(abandon).contains("execution 1 abandoned\n");
		assertThat(this.lastCode).isZero();
		assertThat(cli(List.of("status", "good"))).containsPattern("good +nightly +" + this.date + " +ABANDONED");
		expect(1, "good (runDate " + this.date + "), execution 1: good for runDate " + this.date
				+ " was abandoned (execution 1): an abandoned run is not restarted", run("good"));
	}

	@Test
	void aBaseUrlCopiedWholeFromTheEndpointsUrlFailsAtOnceNamingIt() throws Exception {
		// retries sleep here as in production: six attempts would take 15 s and more
		String base = sandbox.baseUrl("groobee").toString();
		List<String> copied = new ArrayList<>(run("good"));
		copied.set(copied.indexOf("--audience-sync.destinations.groobee.base-url=" + base),
				"--audience-sync.destinations.groobee.base-url=" + base + "/personalizations");

		String output = cli(copied);

		assertThat(firstLine(output)).isEqualTo("good (runDate " + this.date + "), execution 1: failed: members.csv: "
				+ "groobee/personalizations: HTTP 404 (not found: 404 Not Found (sandbox)) from POST " + base
				+ "/personalizations/personalizations: check audience-sync.destinations.groobee.base-url (" + base
				+ "/personalizations; the endpoint adds /personalizations to it: did you mean " + base + "?)");
		assertThat(this.lastCode).isEqualTo(1);
		java.util.regex.Matcher took = Pattern.compile("status {6}FAILED in ([\\d.]+)s").matcher(output);
		assertThat(took.find()).as(output).isTrue();
		assertThat(Double.parseDouble(took.group(1))).as(output).isLessThan(10);
		assertThat(output).doesNotContain("unavailable after every retry");
	}

	private int lastCode;

	/** Runs the command line, asserts its exit code and its first line. */
	private void expect(int code, String firstLine, String... args) throws Exception {
		expect(code, firstLine, List.of(args));
	}

	private void expect(int code, String firstLine, List<String> args) throws Exception {
		String output = cli(args);
		assertThat(firstLine(output)).as(String.join(" ", args) + "\n" + output).isEqualTo(firstLine);
		assertThat(this.lastCode).as(String.join(" ", args) + "\n" + output).isEqualTo(code);
	}

	/** Its whole output; no line of it may be a stack frame. */
	private String cli(List<String> args) throws Exception {
		Path log = Files.createTempFile(this.work, "cli", ".log");
		Process process = ChildJvm.start(List.of("-Xshare:auto", "-XX:TieredStopAtLevel=1"), args, log, this.work);
		assertThat(process.waitFor(120, TimeUnit.SECONDS)).as(String.join(" ", args)).isTrue();
		this.lastCode = process.exitValue();
		String output = Files.readString(log, StandardCharsets.UTF_8);
		assertThat(output.lines().filter((line) -> STACK.matcher(line).find()).toList())
			.as("stack frames of " + String.join(" ", args) + "\n" + output)
			.isEmpty();
		return output;
	}

	/** The first line that is not a log line. */
	private static String firstLine(String output) {
		return output.lines().filter((line) -> !LOG.matcher(line).find()).findFirst().orElse("");
	}

	/** {@code run <job>} for the test's date against the Groobee emulator. */
	private List<String> run(String job) {
		return List.of("run", job, "--param", "runDate=" + this.date,
				"--audience-sync.destinations.groobee.base-url=" + sandbox.baseUrl("groobee"),
				"--audience-sync.destinations.groobee.api-key=" + KEY);
	}

	private void spec(String name, String path, String format) {
		TestExtracts.write(this.work.resolve("jobs/" + name + ".yml"), """
				name: %s
				source:
				  type: file
				  path: %s
				  format: %s
				mapping:
				  fields:
				    memberId: member_id
				    phoneNumber: { column: phone, type: phone }
				  properties:
				    columns: [grade]
				destination:
				  vendor: groobee
				  endpoint: personalizations
				skip:
				  limit: 100
				  ratio: 0.5
				""".formatted(name, path, format));
	}

	private void sql(String... statements) throws SQLException {
		String url = "jdbc:h2:file:" + this.work.resolve("data/audience-sync").toAbsolutePath() + ";AUTO_SERVER=TRUE";
		try (Connection connection = DriverManager.getConnection(url, "sa", "");
				Statement statement = connection.createStatement()) {
			for (String sql : statements) {
				statement.executeUpdate(sql);
			}
		}
	}

}
