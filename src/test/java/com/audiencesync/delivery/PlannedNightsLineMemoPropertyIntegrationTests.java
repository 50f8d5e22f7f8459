package com.audiencesync.delivery;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import com.audiencesync.names.Names;

import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The random planned nights over JSON lines with a line memo kept between nights: a line
 * seen the night before is planned from the memo, unparsed, and the vendor still holds
 * the source after every night and takes only what changed.
 */
class PlannedNightsLineMemoPropertyIntegrationTests extends PlannedNightsPropertyIntegrationTests {

	private static final Path MEMOS = memos();

	@Autowired
	private JobRepository jobRepository;

	private long remembered;

	private long seen;

	@DynamicPropertySource
	static void memo(DynamicPropertyRegistry registry) {
		registry.add("audience-sync.state.memo-dir", MEMOS::toString);
	}

	private static Path memos() {
		try {
			return Files.createTempDirectory("line-memos");
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	@Override
	protected String format() {
		return "jsonl";
	}

	@Override
	protected void afterNight(int night) {
		// tonight's executions (a crashed night's restart plans nothing again)
		List<StepExecution> plans = this.jdbc
			.queryForList("select JOB_EXECUTION_ID from BATCH_JOB_EXECUTION where JOB_EXECUTION_ID > ?", Long.class,
					this.seen)
			.stream()
			.map(this.jobRepository::getJobExecution)
			.flatMap((execution) -> execution.getStepExecutions().stream())
			.filter((step) -> step.getStepName().startsWith(Names.PLAN_STEP + ":"))
			.toList();
		this.seen = this.jdbc.queryForObject("select max(JOB_EXECUTION_ID) from BATCH_JOB_EXECUTION", Long.class);
		long lines = plans.stream()
			.mapToLong((step) -> step.getExecutionContext().getLong(Names.PLAN_MEMO_LINES, 0L))
			.sum();
		long read = plans.stream().mapToLong(StepExecution::getReadCount).sum();
		if (night == 0) {
			assertThat(lines).as("night 0: no memo yet").isZero();
		}
		else {
			// most lines are as they were; the first chunk of each file is always mapped
			assertThat(lines).as("night %d: lines planned from the memo, of %d", night, read).isGreaterThan(read / 2);
		}
		this.remembered += lines;
		try (Stream<Path> files = Files.list(MEMOS)) {
			assertThat(files.filter((file) -> file.toString().endsWith(".memo"))).as("a memo per file").hasSize(2);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
