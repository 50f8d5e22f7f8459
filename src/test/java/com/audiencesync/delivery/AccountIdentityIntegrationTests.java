package com.audiencesync.delivery;

import java.util.List;
import java.util.UUID;

import com.audiencesync.JobTest;
import com.audiencesync.TestExtracts;
import com.audiencesync.batch.launch.RunOutcome;
import com.audiencesync.batch.launch.RunOutcome.Kind;
import com.audiencesync.batch.run.RunOptions;
import com.audiencesync.destination.emulator.Emulator;
import com.audiencesync.sandbox.SandboxServer;
import com.audiencesync.spec.JobSpec;
import com.audiencesync.spec.SpecLoader;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static com.audiencesync.TestExtracts.members;
import static com.audiencesync.TestExtracts.phone;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sync state belongs to a vendor account: a sandbox's trial, another environment or
 * another key never makes a run skip rows that the vendor it sends to does not hold.
 * "Production" here is a second emulator, configured as a user configures a vendor.
 */
class AccountIdentityIntegrationTests extends JobTest {

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

	private Emulator live() {
		return this.production.emulator("groobee");
	}

	private RunOptions liveOptions() {
		return new RunOptions(this.production.clientProperties("groobee"));
	}

	private JobSpec spec(String extract) {
		String job = "account-" + UUID.randomUUID().toString().substring(0, 8);
		return new SpecLoader().load(TestExtracts.groobeeSpec(this.dir, job, extract, 100, 100, 1));
	}

	@Test
	void aSandboxTrialThenProductionTheSameDaySendsEveryRowToProduction() {
		// given a sandbox trial of 10 members, one of which has a bad phone
		members(this.dir, "data/members.csv", 0, 10, List.of(4), List.of());
		JobSpec spec = spec("data/members.csv");
		RunOutcome trial = this.launcher.run(spec, DATE, sandbox.sandboxRun("groobee"));
		assertThat(trial.kind()).isEqualTo(Kind.COMPLETED);
		assertThat(trial.report().delivered()).isEqualTo(9);

		// when the same job runs against production, for the same date and the next
		RunOutcome sameDay = this.launcher.run(spec, DATE, liveOptions());

		// then production holds every good row: the trial was a run of its own
		assertThat(sameDay.kind()).isEqualTo(Kind.COMPLETED);
		assertThat(sameDay.report().delivered()).isEqualTo(9);
		assertThat(sameDay.report().unchanged()).isZero();
		assertThat(live().records()).hasSize(9);
		// and the next trial still sees the sandbox's state, not production's
		RunOutcome secondTrial = this.launcher.run(spec, DATE.plusDays(1), sandbox.sandboxRun("groobee"));
		assertThat(secondTrial.report().unchanged()).isEqualTo(9);
		assertThat(secondTrial.report().delivered()).isZero();
	}

	@Test
	void aSandboxTrialOnOneDayThenProductionTheNextSendsEveryRow() {
		members(this.dir, "data/members.csv", 0, 10, List.of(), List.of());
		JobSpec spec = spec("data/members.csv");
		this.launcher.run(spec, DATE, sandbox.sandboxRun("groobee"));

		RunOutcome live = this.launcher.run(spec, DATE.plusDays(1), liveOptions());

		assertThat(live.report().delivered()).isEqualTo(10);
		assertThat(live().records()).hasSize(10);
		for (int i = 0; i < 10; i++) {
			assertThat(live().deliveries(phone(i))).isEqualTo(1);
		}
	}

	@Test
	void anotherKeyOnTheSameUrlIsAnotherAccountUnlessTheAccountIsNamed() {
		// given a night delivered with the first key
		members(this.dir, "data/members.csv", 0, 20, List.of(), List.of());
		JobSpec spec = spec("data/members.csv");
		live().acceptKey("second-" + KEY);
		assertThat(this.launcher.run(spec, DATE, liveOptions()).report().delivered()).isEqualTo(20);

		// when the next night runs with another key (another environment of the vendor)
		RunOptions otherKey = liveOptions().with("audience-sync.destinations.groobee.api-key", "second-" + KEY);
		RunOutcome other = this.launcher.run(spec, DATE.plusDays(1), otherKey);

		// then everything is sent once, and the night after sends nothing
		assertThat(other.report().delivered()).isEqualTo(20);
		assertThat(live().records().values()).allSatisfy((record) -> assertThat(record.deliveries()).isEqualTo(2));
		assertThat(this.launcher.run(spec, DATE.plusDays(2), otherKey).report().unchanged()).isEqualTo(20);

		// and with a named account, a key rotated within it sends nothing again
		RunOptions named = liveOptions().with("audience-sync.destinations.groobee.account", "production");
		assertThat(this.launcher.run(spec, DATE.plusDays(3), named).report().delivered()).isEqualTo(20);
		RunOutcome rotated = this.launcher.run(spec, DATE.plusDays(4),
				named.with("audience-sync.destinations.groobee.api-key", "second-" + KEY));
		assertThat(rotated.report().delivered()).isZero();
		assertThat(rotated.report().unchanged()).isEqualTo(20);
	}

	@Test
	void aRefusalInTheSandboxIsNeverReplayedToProduction() {
		// given a trial in which the sandbox refuses member 3
		members(this.dir, "data/members.csv", 0, 10, List.of(), List.of());
		JobSpec spec = spec("data/members.csv");
		sandbox.emulator("groobee").reject("m-3");
		assertThat(this.launcher.run(spec, DATE, sandbox.sandboxRun("groobee")).report().rejected()).isEqualTo(1);

		// when production's first night reads an extract without member 3
		members(this.dir, "data/members.csv", 4, 6, List.of(), List.of());
		RunOutcome live = this.launcher.run(spec, DATE.plusDays(1), liveOptions());

		// then production gets the extract's rows and not the sandbox's refusal
		assertThat(live.kind()).isEqualTo(Kind.COMPLETED);
		assertThat(live().records()).hasSize(6).doesNotContainKey(phone(3));
	}

	@Test
	void productionRefusingWhatTheSandboxRefusedIsProductionsFirstRefusalAndLeavesTheTrialsAsItWas() {
		// given a trial in which the sandbox refuses member 3
		members(this.dir, "data/members.csv", 0, 10, List.of(), List.of());
		JobSpec spec = spec("data/members.csv");
		sandbox.emulator("groobee").reject("m-3");
		assertThat(this.launcher.run(spec, DATE, sandbox.sandboxRun("groobee")).report().rejected()).isEqualTo(1);

		// when production refuses the same row the same day
		live().reject("m-3");
		RunOutcome outcome = this.launcher.run(spec, DATE, liveOptions());

		// then production's refusal is its first attempt at the row, and the trial's is
		// not taken as sent again by production
		assertThat(outcome.report().rejected()).isEqualTo(1);
		assertThat(this.jdbc.queryForList("SELECT r.RUN_KEY, s.ATTEMPT, s.REPLAY_OF, s.REPLAYED_RUN "
				+ "FROM AS_REJECTED_ROW r JOIN AS_REJECTED_SOURCE s ON s.REJECTED_ID = r.ID WHERE r.JOB_NAME = ? "
				+ "AND r.STAGE = 'VENDOR' ORDER BY r.ID", spec.name()))
			.extracting((row) -> row.get("RUN_KEY") + " attempt " + row.get("ATTEMPT") + " of " + row.get("REPLAY_OF")
					+ " replayed in " + row.get("REPLAYED_RUN"))
			.containsExactly("sandbox:" + DATE + " attempt 1 of null replayed in null",
					DATE + " attempt 1 of null replayed in null");
	}

	@Test
	void aRunOfADateThatRanAgainstAnotherAccountSendsNothingAndSaysWhy() {
		// given a run that failed midway against the first account
		members(this.dir, "data/members.csv", 0, 300, List.of(), List.of());
		JobSpec spec = spec("data/members.csv");
		live().failAfterItems(100, 500);
		RunOutcome failed = this.launcher.run(spec, DATE, liveOptions().with("audience-sync.retry.sleep", "false"));
		assertThat(failed.kind()).isEqualTo(Kind.FAILED);
		live().clearFaults();
		int requests = live().requestCount();

		// when the configuration now sends to another key
		live().acceptKey("second-" + KEY);
		RunOutcome resumed = this.launcher.run(spec, DATE,
				liveOptions().with("audience-sync.destinations.groobee.api-key", "second-" + KEY));

		// then nothing is sent, and the message says what to do
		assertThat(resumed.kind()).isEqualTo(Kind.MISCONFIGURED);
		assertThat(resumed.message()).contains("ran (execution")
			.contains("against the vendor account")
			.contains("abandon")
			.contains("backfill")
			.doesNotContain(KEY);
		assertThat(live().requestCount()).isEqualTo(requests);
		// and the first account resumes it
		assertThat(this.launcher.run(spec, DATE, liveOptions()).kind()).isEqualTo(Kind.COMPLETED);
		assertThat(live().records()).hasSize(300);
	}

}
