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
 * of a run is one JSON object (its printed report too), the run's lines name its job and
 * execution, and a partition's lines its partition.
 */
class StructuredLogsIntegrationTests {

	@Test
	void aRunsLinesAreJsonNamingJobExecutionAndPartition(@TempDir Path folder) throws Exception {
		// a JVM of its own, as in a pod: logging is set up once per process
		Path log = folder.resolve("run.log");
		Process process = ChildJvm.start(List.of(),
				List.of("run", "groobee-demo", "--sandbox", "--param", "runDate=2026-11-19",
						"--spring.datasource.url=jdbc:h2:mem:logs", "--logging.structured.format.console=ecs",
						"--logging.level.org.springframework.batch.core.launch=info"),
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
			assertThat(line.at("/message").asString()).contains("9 delivered");
		});
		// every line is JSON, the printed report too, and from the job's launch on each
		// names the job and its execution
		assertThat(out.lines()).allMatch((line) -> line.startsWith("{"));
		int launched = 0;
		while (!lines.get(launched).at("/message").asString().startsWith("Job: [SimpleJob: [name=groobee-demo]]")) {
			launched++;
		}
		String execution = lines.get(launched).at("/execution").asString();
		assertThat(execution).matches("\\d+");
		assertThat(lines.subList(launched, lines.size())).allSatisfy((line) -> {
			assertThat(line.at("/job").asString()).as(line.toString()).isEqualTo("groobee-demo");
			assertThat(line.at("/execution").asString()).as(line.toString()).isEqualTo(execution);
		});
		assertThat(lines).anySatisfy((line) -> assertThat(line.at("/message").asString())
			.isEqualTo("groobee-demo (runDate 2026-11-19), execution " + execution + ": completed"));
		assertThat(out).doesNotContain("010-");
	}

}
