package com.audiencesync.delivery;

import java.util.List;
import java.util.UUID;

import com.audiencesync.JobTest;
import com.audiencesync.TestExtracts;
import com.audiencesync.batch.launch.RunOutcome;
import com.audiencesync.batch.run.RunOptions;
import com.audiencesync.sandbox.SandboxServer;
import com.audiencesync.spec.JobSpec;
import com.audiencesync.spec.SpecLoader;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.test.context.TestPropertySource;

import static com.audiencesync.TestExtracts.members;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A repository upgraded from before vendor accounts keeps its per-key state under a
 * target of no account: the first run that is not a sandbox's takes it over, so it sends
 * nothing again. Per-key rows are what such a repository holds, so the runs here keep
 * them ({@code audience-sync.state.snapshots=false}); a planned night takes per-key rows
 * into its first snapshot ({@code SnapshotAdoptionIntegrationTests}).
 */
@TestPropertySource(properties = "audience-sync.state.snapshots=false")
class PreAccountStateIntegrationTests extends JobTest {

	private SandboxServer production;

	@Override
	protected String vendor() {
		return "groobee";
	}

	@BeforeEach
	void startProduction() {
		this.production = SandboxServer.start("127.0.0.1", 0, KEY);
	}

	@AfterEach
	void stopProduction() {
		this.production.close();
	}

	private RunOptions liveOptions() {
		return new RunOptions(this.production.clientProperties("groobee"));
	}

	private JobSpec spec(String extract) {
		String job = "account-" + UUID.randomUUID().toString().substring(0, 8);
		return new SpecLoader().load(TestExtracts.groobeeSpec(this.dir, job, extract, 100, 100, 1));
	}

	@Test
	void theStateKeptBeforeAccountsIsTakenOverByTheFirstRunThatIsNotASandboxs() {
		// given a job's state as a repository kept it before accounts: the keys another
		// job delivered, copied under a target of no account (this process has never
		// seen that job, as a process started after the upgrade)
		members(this.dir, "data/members.csv", 0, 50, List.of(), List.of());
		JobSpec earlier = spec("data/members.csv");
		this.launcher.run(earlier, DATE, liveOptions());
		JobSpec spec = spec("data/members.csv");
		this.jdbc.update("INSERT INTO AS_SYNC_TARGET (JOB_NAME, DESTINATION, ACCOUNT, CREATED_AT) "
				+ "VALUES (?, 'groobee/personalizations', '', CURRENT_TIMESTAMP(6))", spec.name());
		this.jdbc.update("INSERT INTO AS_SYNC_KEY (TARGET_ID, KEY_HASH, FINGERPRINT, IDENTITY_HASH, KEY_SEALED, "
				+ "RUN_KEY, SEEN_RUN, UPDATED_AT) SELECT (SELECT TARGET_ID FROM AS_SYNC_TARGET WHERE JOB_NAME = ?), "
				+ "k.KEY_HASH, k.FINGERPRINT, k.IDENTITY_HASH, k.KEY_SEALED, k.RUN_KEY, k.SEEN_RUN, k.UPDATED_AT "
				+ "FROM AS_SYNC_KEY k JOIN AS_SYNC_TARGET t ON t.TARGET_ID = k.TARGET_ID WHERE t.JOB_NAME = ?",
				spec.name(), earlier.name());

		// when a sandbox's trial runs first, then the live run
		RunOutcome trial = this.launcher.run(spec, DATE.plusDays(1), sandbox.sandboxRun("groobee"));
		RunOutcome live = this.launcher.run(spec, DATE.plusDays(1), liveOptions());

		// then the trial sent everything to the sandbox and the live run took the state
		// over: nothing sent again
		assertThat(trial.report().delivered()).isEqualTo(50);
		assertThat(live.report().delivered()).isZero();
		assertThat(live.report().unchanged()).isEqualTo(50);
		assertThat(this.jdbc.queryForList("SELECT ACCOUNT FROM AS_SYNC_TARGET WHERE JOB_NAME = ? ORDER BY TARGET_ID",
				String.class, spec.name()))
			.hasSize(2)
			.allSatisfy((account) -> assertThat(account).isNotEmpty())
			.contains("sandbox");
	}

}
