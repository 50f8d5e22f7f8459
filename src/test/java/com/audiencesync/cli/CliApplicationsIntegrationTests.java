package com.audiencesync.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.UUID;

import com.audiencesync.TestExtracts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The command line as {@code main} runs it: help and usage errors start no Spring
 * application, {@code status} and {@code validate} only their small ones, and what the
 * whole application wrote the small ones read.
 */
class CliApplicationsIntegrationTests {

	private final String repository = "--spring.datasource.url=jdbc:h2:mem:cli-" + UUID.randomUUID()
			+ ";DB_CLOSE_DELAY=-1";

	@Test
	void helpVersionAndUsageErrorsStartNoApplication() {
		for (String line : List.of("--help", "-V", "help run", "run --help", "status -h", "validate --help",
				"restart --help", "stop --help", "abandon --help", "recover --help", "backfill --help",
				"sandbox --help", "keys create --help", "manifests --help")) {
			InProcessCli.Result result = InProcessCli.run(line);
			assertThat(result.code()).as(line).isZero();
			assertThat(result.started()).as(line).isEmpty();
			assertThat(result.out()).as(line).startsWith(line.equals("-V") ? "audience-sync " : "Usage: ");
		}
		InProcessCli.Result missing = InProcessCli.run("run");
		assertThat(missing.code()).isEqualTo(ExitCodes.USAGE);
		assertThat(missing.started()).isEmpty();
		assertThat(missing.err()).startsWith("Missing required parameter: 'JOB'");
	}

	@Test
	void statusAndStopNeedOnlyTheJobRepositoryAndSeeWhatARunWrote() {
		InProcessCli.Result run = InProcessCli
			.run("run groobee-demo --sandbox --param runDate=2026-11-22 " + this.repository);
		assertThat(run.code()).as(run.out() + run.err()).isZero();
		assertThat(run.started()).containsExactly(SpringContexts.Need.ALL);

		InProcessCli.Result status = InProcessCli.run("status " + this.repository);
		assertThat(status.code()).isZero();
		assertThat(status.started()).containsExactly(SpringContexts.Need.REPOSITORY);
		assertThat(status.out())
			.containsPattern("groobee-demo +sandbox nightly +2026-11-22 +COMPLETED +15 +9 +1 +5 +0 ");

		InProcessCli.Result stop = InProcessCli.run("stop 999 " + this.repository);
		assertThat(stop.started()).containsExactly(SpringContexts.Need.REPOSITORY);
		assertThat(stop.out()).as(stop.err()).isEqualTo("no execution 999\n");
		assertThat(stop.code()).isEqualTo(ExitCodes.USAGE);
	}

	@Test
	void validateNeedsNoJobRepository(@TempDir Path folder) {
		TestExtracts.members(folder, "members.csv", 0, 4, List.of(1), List.of());
		Path spec = TestExtracts.groobeeSpec(folder, "members", "members.csv", 100, 100, 1);

		InProcessCli.Result result = InProcessCli.run("validate " + spec + " --sandbox " + this.repository);

		assertThat(result.code()).as(result.out() + result.err()).isZero();
		assertThat(result.started()).containsExactly(SpringContexts.Need.SOURCES);
		assertThat(result.out()).contains("spec is valid")
			.contains("BAD_PHONE")
			.doesNotContain(TestExtracts.phone(0).replace("-", ""));
	}

}
