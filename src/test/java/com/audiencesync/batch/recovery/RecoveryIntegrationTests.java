package com.audiencesync.batch.recovery;

import java.sql.Timestamp;
import java.time.LocalDateTime;
import java.util.List;
import java.util.UUID;

import com.audiencesync.JobTest;
import com.audiencesync.TestExtracts;
import com.audiencesync.batch.launch.RunOutcome;
import com.audiencesync.batch.launch.RunOutcome.Kind;
import com.audiencesync.batch.reports.RunReports;
import com.audiencesync.spec.JobSpec;
import com.audiencesync.spec.SpecLoader;
import org.junit.jupiter.api.Test;

import static com.audiencesync.TestExtracts.members;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A run whose process died is left STARTED in the repository: the next run of its date
 * tells it from a live one by its heartbeat, recovers it and resumes it. (A real SIGKILL,
 * in a separate JVM on MariaDB: {@code KilledRunMySqlIntegrationTests}.)
 */
class RecoveryIntegrationTests extends JobTest {

	@org.springframework.beans.factory.annotation.Autowired
	private Recovery recovery;

	@org.springframework.beans.factory.annotation.Autowired
	private RunReports reports;

	@Override
	protected String vendor() {
		return "groobee";
	}

	/** A run that got nowhere, then left as a killed process leaves it: STARTED. */
	private long killed(JobSpec spec) {
		RunOutcome first = this.launcher.run(spec, DATE, sandbox.optionsWithKey("groobee", "wrong-key"));
		assertThat(first.kind()).isEqualTo(Kind.FAILED);
		long id = first.report().executionId();
		this.jdbc.update("UPDATE BATCH_JOB_EXECUTION SET STATUS = 'STARTED', EXIT_CODE = 'UNKNOWN', END_TIME = NULL "
				+ "WHERE JOB_EXECUTION_ID = ?", id);
		this.jdbc.update("UPDATE BATCH_STEP_EXECUTION SET STATUS = 'STARTED', EXIT_CODE = 'EXECUTING', END_TIME = NULL "
				+ "WHERE JOB_EXECUTION_ID = ?", id);
		return id;
	}

	private void heartbeat(long id, LocalDateTime at) {
		this.jdbc.update("INSERT INTO AS_HEARTBEAT (JOB_EXECUTION_ID, OWNER, STARTED_AT, BEAT_AT) VALUES (?, ?, ?, ?)",
				id, "pod-a:1", Timestamp.valueOf(at), Timestamp.valueOf(at));
	}

	private JobSpec spec() {
		members(this.dir, "data/members.csv", 0, 300, List.of(), List.of());
		String job = "recover-" + UUID.randomUUID().toString().substring(0, 8);
		return new SpecLoader().load(TestExtracts.groobeeSpec(this.dir, job, "data/members.csv", 100, 100, 1));
	}

	@Test
	void aRunLeftUnknownByARollbackThatFailedIsMarkedFailedAndResumed() {
		// as Spring Batch leaves a run whose chunk could not be rolled back (the job
		// repository lost mid-chunk, then back): UNKNOWN, which it refuses to restart
		JobSpec spec = spec();
		RunOutcome first = this.launcher.run(spec, DATE, sandbox.optionsWithKey("groobee", "wrong-key"));
		long id = first.report().executionId();
		this.jdbc.update("UPDATE BATCH_JOB_EXECUTION SET STATUS = 'UNKNOWN' WHERE JOB_EXECUTION_ID = ?", id);
		this.jdbc.update("UPDATE BATCH_STEP_EXECUTION SET STATUS = 'UNKNOWN' WHERE JOB_EXECUTION_ID = ?", id);

		RunOutcome next = this.launcher.run(spec, DATE, this.options);

		assertThat(next.kind()).as(next.message()).isEqualTo(Kind.COMPLETED);
		assertThat(this.jdbc.queryForList("SELECT STATUS FROM BATCH_STEP_EXECUTION WHERE JOB_EXECUTION_ID = ?",
				String.class, id))
			.isNotEmpty()
			.containsOnly("FAILED");
		assertThat(this.jdbc.queryForObject("SELECT EXIT_MESSAGE FROM BATCH_JOB_EXECUTION WHERE JOB_EXECUTION_ID = ?",
				String.class, id))
			.contains("marked FAILED from UNKNOWN");
		assertThat(sandbox.emulator("groobee").records()).hasSize(300);
	}

	@Test
	void aRunWhoseHeartbeatIsStaleIsRecoveredAndResumed() {
		JobSpec spec = spec();
		long killed = killed(spec);
		heartbeat(killed, LocalDateTime.now().minusMinutes(10));

		RunOutcome next = this.launcher.run(spec, DATE, this.options);

		assertThat(next.kind()).isEqualTo(Kind.COMPLETED);
		assertThat(next.message()).contains("recovered execution " + killed)
			.contains("last heartbeat 10m")
			.contains("from pod-a:1");
		assertThat(this.jdbc.queryForObject("SELECT STATUS FROM BATCH_JOB_EXECUTION WHERE JOB_EXECUTION_ID = ?",
				String.class, killed))
			.isEqualTo("FAILED");
		assertThat(this.jdbc.queryForObject("SELECT EXIT_MESSAGE FROM BATCH_JOB_EXECUTION WHERE JOB_EXECUTION_ID = ?",
				String.class, killed))
			.contains("recovered: the process running it died")
			.contains("more than audience-sync.recovery.stale-after");
		assertThat(this.jdbc.queryForList(
				"SELECT STATUS FROM BATCH_STEP_EXECUTION WHERE JOB_EXECUTION_ID = ? AND END_TIME IS NULL", String.class,
				killed))
			.isEmpty();
		assertThat(sandbox.emulator("groobee").records()).hasSize(300);
		assertThat(this.jdbc.queryForObject("SELECT COUNT(*) FROM AS_HEARTBEAT WHERE JOB_EXECUTION_ID IN (?, ?)",
				Long.class, killed, next.report().executionId()))
			.isZero();
	}

	@Test
	void aRunWithAFreshHeartbeatIsLeftAlone() {
		JobSpec spec = spec();
		long running = killed(spec);
		heartbeat(running, LocalDateTime.now().minusSeconds(5));
		int requests = sandbox.emulator("groobee").requestCount();

		RunOutcome next = this.launcher.run(spec, DATE, this.options);

		assertThat(next.kind()).isEqualTo(Kind.ALREADY_RUNNING);
		assertThat(next.message()).contains("is running (execution " + running)
			.contains("last heartbeat")
			.contains("from pod-a:1")
			.contains("'recover " + running + " --force'");
		assertThat(sandbox.emulator("groobee").requestCount()).isEqualTo(requests);
		assertThat(this.jdbc.queryForObject("SELECT STATUS FROM BATCH_JOB_EXECUTION WHERE JOB_EXECUTION_ID = ?",
				String.class, running))
			.isEqualTo("STARTED");

		// and 'recover --force' recovers it, saying so rather than that its heartbeat was
		// older than stale-after
		org.springframework.batch.core.job.JobExecution execution = this.reports.load(running);
		this.recovery.recover(execution, this.recovery.liveness(execution));
		assertThat(this.jdbc.queryForObject("SELECT EXIT_MESSAGE FROM BATCH_JOB_EXECUTION WHERE JOB_EXECUTION_ID = ?",
				String.class, running))
			.contains("recovered: the process running it died (last heartbeat")
			.contains("within audience-sync.recovery.stale-after")
			.contains("recovered by 'recover --force'")
			.doesNotContain("more than");
	}

	@Test
	void withoutAHeartbeatTheRepositorysLastUpdateDecides() {
		JobSpec spec = spec();
		long recent = killed(spec);
		this.jdbc.update("UPDATE BATCH_JOB_EXECUTION SET LAST_UPDATED = ? WHERE JOB_EXECUTION_ID = ?",
				Timestamp.valueOf(LocalDateTime.now()), recent);
		this.jdbc.update("UPDATE BATCH_STEP_EXECUTION SET LAST_UPDATED = ? WHERE JOB_EXECUTION_ID = ?",
				Timestamp.valueOf(LocalDateTime.now()), recent);
		assertThat(this.launcher.run(spec, DATE, this.options).kind()).isEqualTo(Kind.ALREADY_RUNNING);

		this.jdbc.update("UPDATE BATCH_JOB_EXECUTION SET LAST_UPDATED = ? WHERE JOB_EXECUTION_ID = ?",
				Timestamp.valueOf(LocalDateTime.now().minusHours(1)), recent);
		this.jdbc.update("UPDATE BATCH_STEP_EXECUTION SET LAST_UPDATED = ? WHERE JOB_EXECUTION_ID = ?",
				Timestamp.valueOf(LocalDateTime.now().minusHours(1)), recent);
		RunOutcome next = this.launcher.run(spec, DATE, this.options);

		assertThat(next.kind()).isEqualTo(Kind.COMPLETED);
		assertThat(next.message()).contains("recovered execution " + recent).contains("no heartbeat, last update 60m");
	}

	@Test
	void aRunningExecutionKeepsAHeartbeatAndRemovesItWhenItEnds() throws Exception {
		JobSpec spec = spec();
		sandbox.emulator("groobee").delayEachRequest(java.time.Duration.ofMillis(300));
		var running = java.util.concurrent.CompletableFuture
			.supplyAsync(() -> this.launcher.run(spec, DATE, this.options));
		List<java.util.Map<String, Object>> beats = List.of();
		for (int i = 0; i < 100 && beats.isEmpty(); i++) {
			Thread.sleep(20);
			beats = this.jdbc.queryForList("SELECT h.OWNER FROM AS_HEARTBEAT h JOIN BATCH_JOB_EXECUTION e "
					+ "ON h.JOB_EXECUTION_ID = e.JOB_EXECUTION_ID JOIN BATCH_JOB_INSTANCE i "
					+ "ON e.JOB_INSTANCE_ID = i.JOB_INSTANCE_ID WHERE i.JOB_NAME = ?", spec.name());
		}
		assertThat(beats).singleElement()
			.satisfies((beat) -> assertThat(beat.get("OWNER").toString()).matches(".+:\\d+"));

		RunOutcome outcome = running.get(30, java.util.concurrent.TimeUnit.SECONDS);
		assertThat(outcome.kind()).isEqualTo(Kind.COMPLETED);
		assertThat(this.jdbc.queryForObject("SELECT COUNT(*) FROM AS_HEARTBEAT WHERE JOB_EXECUTION_ID = ?", Long.class,
				outcome.report().executionId()))
			.isZero();
	}

}
