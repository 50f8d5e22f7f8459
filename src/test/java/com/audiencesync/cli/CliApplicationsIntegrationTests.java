package com.audiencesync.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import com.audiencesync.AudienceSyncApplication;
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
			Result result = cli(line);
			assertThat(result.code()).as(line).isZero();
			assertThat(result.started()).as(line).isEmpty();
			assertThat(result.out()).as(line).startsWith(line.equals("-V") ? "audience-sync " : "Usage: ");
		}
		Result missing = cli("run");
		assertThat(missing.code()).isEqualTo(ExitCodes.USAGE);
		assertThat(missing.started()).isEmpty();
		assertThat(missing.err()).startsWith("Missing required parameter: 'JOB'");
	}

	@Test
	void statusAndStopNeedOnlyTheJobRepositoryAndSeeWhatARunWrote() {
		Result run = cli("run groobee-demo --sandbox --param runDate=2026-11-22 " + this.repository);
		assertThat(run.code()).as(run.out() + run.err()).isZero();
		assertThat(run.started()).containsExactly(Contexts.Need.ALL);

		Result status = cli("status " + this.repository);
		assertThat(status.code()).isZero();
		assertThat(status.started()).containsExactly(Contexts.Need.REPOSITORY);
		assertThat(status.out()).containsPattern("groobee-demo +nightly +2026-11-22 +COMPLETED +15 +10 +5");

		Result stop = cli("stop 999 " + this.repository);
		assertThat(stop.started()).containsExactly(Contexts.Need.REPOSITORY);
		assertThat(stop.out()).as(stop.err()).isEqualTo("no execution 999\n");
		assertThat(stop.code()).isEqualTo(ExitCodes.USAGE);
	}

	@Test
	void validateNeedsNoJobRepository(@TempDir Path folder) throws Exception {
		Files.writeString(folder.resolve("members.csv"),
				"member_id,phone,grade\nm-1,010-2345-6789,gold\nm-2,12,silver\n");
		Files.writeString(folder.resolve("members.yml"), """
				name: members
				source:
				  type: file
				  path: members.csv
				  format: csv
				mapping:
				  fields:
				    memberId: member_id
				    phoneNumber: { column: phone, type: phone }
				  properties:
				    columns: [grade]
				destination:
				  vendor: groobee
				  endpoint: personalizations
				""");

		Result result = cli("validate " + folder.resolve("members.yml") + " " + this.repository);

		assertThat(result.code()).as(result.out() + result.err()).isZero();
		assertThat(result.started()).containsExactly(Contexts.Need.SOURCES);
		assertThat(result.out()).contains("spec is valid").contains("BAD_PHONE").doesNotContain("010-2345-6789");
	}

	private static Result cli(String line) {
		String[] args = line.split(" ");
		List<String> all = new ArrayList<>(List.of(args));
		Contexts contexts = Contexts.starting(AudienceSyncApplication.class, all.toArray(String[]::new));
		PrintStream out = System.out;
		PrintStream err = System.err;
		ByteArrayOutputStream stdout = new ByteArrayOutputStream();
		ByteArrayOutputStream stderr = new ByteArrayOutputStream();
		try {
			System.setOut(new PrintStream(stdout, true, StandardCharsets.UTF_8));
			System.setErr(new PrintStream(stderr, true, StandardCharsets.UTF_8));
			int code = Cli.run(contexts, args);
			return new Result(code, stdout.toString(StandardCharsets.UTF_8), stderr.toString(StandardCharsets.UTF_8),
					contexts.started());
		}
		finally {
			System.setOut(out);
			System.setErr(err);
		}
	}

	private record Result(int code, String out, String err, java.util.Set<Contexts.Need> started) {
	}

}
