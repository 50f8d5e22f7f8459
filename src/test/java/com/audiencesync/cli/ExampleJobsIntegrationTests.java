package com.audiencesync.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.util.FileSystemUtils;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every example spec in {@code jobs/} runs as its header comment says, with
 * {@code run <job> --sandbox}, from a copy of the folder as a first-time user has it: it
 * completes (exit 0) and delivers. The S3 example needs the demo's S3 and is run by the
 * README's demo test.
 */
class ExampleJobsIntegrationTests {

	@TempDir
	static Path dir;

	static Stream<String> jobs() throws IOException {
		try (Stream<Path> files = Files.list(Path.of("jobs"))) {
			List<String> names = files.map((file) -> file.getFileName().toString())
				.filter((name) -> name.endsWith(".yml") && !name.equals("s3-profiles.yml"))
				.map((name) -> name.substring(0, name.length() - ".yml".length()))
				.sorted()
				.toList();
			return names.stream();
		}
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("jobs")
	void runsInTheSandboxAsItsHeaderSays(String job) throws IOException {
		Path jobs = dir.resolve(job);
		FileSystemUtils.copyRecursively(Path.of("jobs"), jobs);

		InProcessCli.Result result = InProcessCli.run("run " + job + " --sandbox" + " --audience-sync.jobs-dir=" + jobs
				+ " --spring.datasource.url=jdbc:h2:mem:example-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");

		assertThat(result.code()).as(result.out() + result.err()).isZero();
		assertThat(result.out()).contains("completed").containsPattern("delivered +[1-9]");
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("jobs")
	void dryRunsWithNoVendorConfigured(String job) throws IOException {
		Path jobs = dir.resolve(job + "-dry");
		FileSystemUtils.copyRecursively(Path.of("jobs"), jobs);

		// a first look at a spec, before any vendor's base URL or key is set
		InProcessCli.Result result = InProcessCli.run("run " + job + " --dry-run --audience-sync.jobs-dir=" + jobs
				+ " --spring.datasource.url=jdbc:h2:mem:example-dry-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");

		assertThat(result.code()).as(result.out() + result.err()).isZero();
		assertThat(result.out()).containsPattern("would (create|send) +[1-9]");
	}

}
