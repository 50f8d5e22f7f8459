package com.audiencesync.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import com.audiencesync.ChildJvm;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Asked for structured logs ({@code logging.structured.format.console=ecs}), every line
 * of a run is one JSON object, and the lines of a partition name its job, execution and
 * partition.
 */
class StructuredLogsIntegrationTests {

	@Test
	void aRunsLinesAreJsonNamingJobExecutionAndPartition(@TempDir Path folder) throws Exception {
		// a JVM of its own, as in a pod: logging is set up once per process
		Path log = folder.resolve("run.log");
		Process process = ChildJvm
			.start(List.of(),
					List.of("run", "groobee-demo", "--sandbox", "--param", "runDate=2026-11-19",
							"--spring.datasource.url=jdbc:h2:mem:logs", "--logging.structured.format.console=ecs"),
					log);
		assertThat(process.waitFor(2, TimeUnit.MINUTES)).isTrue();
		String out = Files.readString(log);
		assertThat(process.exitValue()).as(out).isZero();

		JsonMapper json = JsonMapper.builder().build();
		List<JsonNode> lines = out.lines().filter((line) -> line.startsWith("{")).map(json::readTree).toList();
		List<JsonNode> partition = lines.stream()
			.filter((line) -> "com.audiencesync.batch.PartitionWorkerStep".equals(line.at("/log/logger").asString()))
			.toList();
		assertThat(partition).as(out).isNotEmpty().allSatisfy((line) -> {
			assertThat(line.at("/job").asString()).isEqualTo("groobee-demo");
			assertThat(line.at("/execution").asString()).matches("\\d+");
			assertThat(line.at("/partition").asString()).isEqualTo("deliver:part:members.csv");
			assertThat(line.at("/message").asString()).contains("10 delivered");
		});
		// the report is printed, not logged; nothing else is a line of plain text, and no
		// line holds a phone number
		assertThat(out.lines().filter((line) -> !line.startsWith("{")))
			.allMatch((line) -> line.startsWith("groobee-demo (runDate") || line.startsWith(" ")
					|| line.startsWith("sandbox: "));
		assertThat(out).doesNotContain("010-");
	}

}
