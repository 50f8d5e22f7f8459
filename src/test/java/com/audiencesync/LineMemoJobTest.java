package com.audiencesync;

import java.nio.file.Path;

import com.audiencesync.batch.launch.RunOutcome;

import org.springframework.batch.core.repository.JobRepository;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A job test whose runs keep line memos between nights, in a folder of the test JVM's
 * ({@code audience-sync.state.memo-dir}).
 */
public abstract class LineMemoJobTest extends JobTest {

	/** Where the runs keep their memos. */
	protected static final Path MEMOS = LineMemos.folder();

	@Autowired
	private JobRepository jobRepository;

	@DynamicPropertySource
	static void memo(DynamicPropertyRegistry registry) {
		registry.add("audience-sync.state.memo-dir", MEMOS::toString);
	}

	/** The lines a run's plan took from the memo. */
	protected long memoLines(RunOutcome outcome) {
		return LineMemos.lines(this.jobRepository, outcome);
	}

}
