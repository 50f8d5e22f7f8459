package com.audiencesync.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import com.audiencesync.IntegrationTest;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/** The README's demo, run as the README says, so the README cannot rot. */
@IntegrationTest
class DemoIntegrationTests {

	static final String JAR = "java -jar target/audience-sync.jar ";

	@Autowired
	ApplicationContext context;

	@Autowired
	JdbcTemplate jdbc;

	@Test
	void theReadmeDemoDeliversTheGoodRowsAndExplainsTheBadOnes() throws IOException {
		// given a repository that never synced the demo (other tests run it on other
		// dates)
		for (String table : List.of("AS_SYNC_KEY", "AS_SNAPSHOT_PAGE", "AS_SNAPSHOT")) {
			this.jdbc.update("DELETE FROM " + table
					+ " WHERE TARGET_ID IN (SELECT TARGET_ID FROM AS_SYNC_TARGET WHERE JOB_NAME = 'groobee-demo')");
		}
		// and the demo command from the README
		String command = Files.readAllLines(Path.of("README.md"))
			.stream()
			.filter((line) -> line.startsWith("./mvnw -q -DskipTests package && " + JAR))
			.findFirst()
			.orElseThrow(() -> new AssertionError("README.md has no demo command"));
		String[] args = command.substring(command.indexOf(JAR) + JAR.length()).trim().split("\\s+");

		// when it runs, then it completes
		StringWriter out = new StringWriter();
		assertThat(run(out, args)).isZero();

		// and the summary shows what was delivered and why the bad rows were not
		assertThat(out.toString()).contains("groobee-demo (runDate ")
			.contains("read        15 rows")
			.contains("delivered   9 rows")
			.contains("superseded  1 row")
			.contains("rejected    5 rows")
			.containsPattern("TRANSFORM +BAD_PHONE +2")
			.containsPattern("TRANSFORM +BAD_CSV +1")
			.containsPattern("TRANSFORM +MISSING_FIELD +1")
			.containsPattern("VENDOR +groobee:-1006 +1")
			.contains("conflicts   1 key(s)")
			.contains("sandbox: groobee received")
			.doesNotContain("010-1234-5678");

		// and running it again sends nothing
		StringWriter again = new StringWriter();
		assertThat(run(again, args)).isZero();
		assertThat(again.toString()).contains("already completed").contains("groobee received 0 request(s)");
	}

	@Test
	void statusShowsTheRunAndUsageErrorsExitWithTwo() {
		StringWriter out = new StringWriter();
		assertThat(run(out, "run", "groobee-demo", "--sandbox", "--param", "runDate=2026-01-02")).isZero();
		StringWriter status = new StringWriter();
		assertThat(run(status, "status", "groobee-demo", "--json")).isZero();
		assertThat(status.toString()).contains("\"runDate\" : \"2026-01-02\"")
			.contains("\"delivered\" : 9")
			.containsPattern(
					"\"conflictList\" : \\[ \"members.csv:\\d+ phoneNumber \\*\\*\\*-\\*\\*\\*\\*-\\*\\*\\d\\d");

		assertThat(run(new StringWriter(), "run", "groobee-demo", "--param", "when=yesterday")).isEqualTo(2);
		assertThat(run(new StringWriter(), "run", "no-such-job")).isEqualTo(2);
		assertThat(run(new StringWriter(), "validate", "jobs/groobee-demo.yml", "--sandbox")).isZero();
	}

	@Test
	void aDryRunMapsEveryRowAndSendsNothing() {
		StringWriter out = new StringWriter();

		assertThat(run(out, "run", "groobee-demo", "--dry-run", "--param", "runDate=2026-01-03")).isZero();

		assertThat(out.toString()).contains("dry run, nothing sent")
			.contains("read        15 rows")
			.contains("groobee/personalizations")
			.containsPattern("would create +\\d+")
			.containsPattern("unchanged +\\d+")
			.containsPattern("invalid +4")
			.contains("members.csv:10: memberId: column 'member_id' is missing or blank")
			.doesNotContain("010-1234-5678");
		StringWriter status = new StringWriter();
		run(status, "status", "groobee-demo", "--json");
		assertThat(status.toString()).doesNotContain("2026-01-03");
	}

	@Test
	void theWarehouseExampleReadsYesterdaysRowsFromTheDemoWarehouse() {
		// given the example spec over the H2 demo warehouse of application.yml
		StringWriter out = new StringWriter();

		// when it runs for yesterday (Seoul) against the sandbox
		assertThat(run(out, "run", "warehouse-profiles", "--sandbox")).as(out.toString()).isZero();

		// then it read the day's rows in four key ranges and delivered them
		assertThat(out.toString()).contains("warehouse-profiles (runDate ")
			.contains(": completed")
			.contains("4 partition(s)")
			.containsPattern("delivered   [1-9]\\d* rows")
			.contains("sandbox: groobee received");
		assertThat(run(new StringWriter(), "validate", "jobs/warehouse-profiles.yml", "--sandbox")).isZero();
	}

	private int run(StringWriter out, String... args) {
		CommandLine commandLine = Cli.commandLine(this.context);
		commandLine.setOut(new PrintWriter(out, true));
		commandLine.setErr(new PrintWriter(out, true));
		return commandLine.execute(args);
	}

}
