package com.audiencesync.batch.launch;

import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import com.audiencesync.JobTest;
import com.audiencesync.TestExtracts;
import com.audiencesync.batch.launch.RunOutcome.Kind;
import com.audiencesync.batch.run.RunOptions;
import com.audiencesync.spec.JobSpec;
import com.audiencesync.spec.SpecLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * An operator stops a running execution; it ends STOPPED and the next run of the date
 * resumes it.
 */
@TestPropertySource(
		properties = { "audience-sync.retry.sleep=true", "audience-sync.destinations.groobee.retry.max-attempts=10000",
				"audience-sync.destinations.groobee.retry.initial-interval=20ms",
				"audience-sync.destinations.groobee.retry.max-interval=20ms",
				"audience-sync.destinations.groobee.retry.max-elapsed=10m" })
class StopIntegrationTests extends JobTest {

	@Override
	protected String vendor() {
		return "groobee";
	}

	@Autowired
	JobOperator jobOperator;

	@Autowired
	JobRepository jobRepository;

	@Test
	void aStoppedRunEndsStoppedAndTheNextRunResumesIt(@TempDir Path dir) throws Exception {
		// given a run whose second chunk waits on a vendor that answers 5xx
		TestExtracts.members(dir, "data/members.csv", 0, 1000, List.of(), List.of());
		JobSpec spec = new SpecLoader()
			.load(TestExtracts.groobeeSpec(dir, "stoppable", "data/members.csv", 100, 100, 1));
		RunOptions options = sandbox.options("groobee");
		sandbox.emulator("groobee").failAfterItems(100, 503);
		LocalDate date = LocalDate.of(2026, 11, 21);
		CompletableFuture<RunOutcome> running = CompletableFuture
			.supplyAsync(() -> this.launcher.run(spec, date, options));
		await().atMost(Duration.ofSeconds(20)).until(() -> sandbox.emulator("groobee").requestCount() > 3);
		JobExecution execution = this.jobRepository.getLastJobExecution("stoppable",
				SyncLauncher.parameters(spec, date));

		// when an operator stops it and the vendor recovers
		assertThat(this.jobOperator.stop(execution.getId())).isTrue();
		sandbox.emulator("groobee").clearFaults();

		// then it stops after its current chunk
		RunOutcome stopped = running.get(30, TimeUnit.SECONDS);
		assertThat(stopped.kind()).isEqualTo(Kind.STOPPED);
		assertThat(stopped.report().delivered()).isLessThan(1000);

		// and the next run of the date resumes it, every row once
		RunOutcome resumed = this.launcher.run(spec, date, options);
		assertThat(resumed.kind()).isEqualTo(Kind.COMPLETED);
		assertThat(resumed.report().delivered()).isEqualTo(1000);
		assertThat(sandbox.emulator("groobee").records()).hasSize(1000);
		assertThat(sandbox.emulator("groobee").records().values())
			.allSatisfy((p) -> assertThat(p.deliveries()).isEqualTo(1));
	}

}
