package com.audiencesync;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import com.audiencesync.batch.launch.RunOutcome;
import com.audiencesync.names.Names;

import org.springframework.batch.core.repository.JobRepository;

/** Line memos in job tests ({@code audience-sync.state.memo-dir}). */
public final class LineMemos {

	private LineMemos() {
	}

	/** A new folder for a test class's memos. */
	public static Path folder() {
		try {
			return Files.createTempDirectory("line-memos");
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** The lines a run's plan took from the memo. */
	public static long lines(JobRepository repository, RunOutcome outcome) {
		return repository.getJobExecution(outcome.report().executionId())
			.getStepExecutions()
			.stream()
			.filter((step) -> step.getStepName().startsWith(Names.PLAN_STEP + ":"))
			.mapToLong((step) -> step.getExecutionContext().getLong(Names.PLAN_MEMO_LINES, 0L))
			.sum();
	}

}
