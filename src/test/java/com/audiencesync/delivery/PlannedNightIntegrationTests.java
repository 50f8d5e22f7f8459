package com.audiencesync.delivery;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import com.audiencesync.JobTest;
import com.audiencesync.TestExtracts;
import com.audiencesync.batch.launch.Preview;
import com.audiencesync.batch.launch.RunOutcome;
import com.audiencesync.batch.launch.RunOutcome.Kind;
import com.audiencesync.destination.emulator.Emulator;
import com.audiencesync.spec.JobSpec;
import com.audiencesync.spec.SpecLoader;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

import static com.audiencesync.TestExtracts.members;
import static com.audiencesync.TestExtracts.phone;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Nights planned against sorted snapshots (docs/design/snapshots.md): a phone number in
 * two files is sent once, as the later file has it, and costs nothing on a night it did
 * not change; a next night sends only the changed rows; a night that would update most
 * keys stops before it sends anything.
 */
@TestPropertySource(properties = "audience-sync.state.snapshots=true")
class PlannedNightIntegrationTests extends JobTest {

	/** The rows of one job's targets (the tests of a context share its repository). */
	static final String OF_JOB = " AND TARGET_ID IN (SELECT TARGET_ID FROM AS_SYNC_TARGET WHERE JOB_NAME = ?)";

	@Autowired
	Preview preview;

	@Override
	protected String vendor() {
		return "groobee";
	}

	private JobSpec spec(String name) {
		return new SpecLoader().load(TestExtracts.groobeeSpec(this.dir, name, "data", 100, 100, 2));
	}

	/** a.csv: members 0-499; b.csv: 500-999, then member 10's phone under another id. */
	private void extract(int changedFrom, int changedTo) throws Exception {
		extract(changedFrom, changedTo, 1);
	}

	/** The same, every {@code step}th member from {@code changedFrom} changed. */
	private void extract(int changedFrom, int changedTo, int step) throws Exception {
		members(this.dir, "data/a.csv", 0, 500, List.of(), List.of());
		members(this.dir, "data/b.csv", 500, 500, List.of(), List.of());
		Path b = this.dir.resolve("data/b.csv");
		Files.writeString(b, Files.readString(b) + "m-dup," + phone(10).replace("-", "") + ",GOLD,7\n");
		if (changedTo > changedFrom) {
			for (String file : List.of("data/a.csv", "data/b.csv")) {
				Path path = this.dir.resolve(file);
				StringBuilder changed = new StringBuilder();
				for (String line : Files.readAllLines(path)) {
					String[] fields = line.split(",");
					if (fields[0].startsWith("m-") && !fields[0].equals("m-dup")) {
						int member = Integer.parseInt(fields[0].substring(2));
						if (member >= changedFrom && member < changedTo && (member - changedFrom) % step == 0) {
							line = fields[0] + "," + fields[1] + ",SILVER," + fields[3];
						}
					}
					changed.append(line).append('\n');
				}
				Files.writeString(path, changed.toString());
			}
		}
	}

	@Test
	void aKeyInTwoFilesIsSentOnceAndANextNightSendsOnlyWhatChanged() throws Exception {
		// given 1,001 rows in two files, member 10's phone in both
		extract(0, 0);
		JobSpec spec = spec("planned-night");
		Emulator groobee = sandbox.emulator("groobee");

		// when the first night runs
		RunOutcome first = this.launcher.run(spec, DATE, this.options);

		// then every phone is delivered once, the shared one as b.csv has it
		assertThat(first.kind()).as(first.report().exitMessage()).isEqualTo(Kind.COMPLETED);
		assertThat(groobee.records()).hasSize(1000);
		assertThat(groobee.deliveries(phone(10))).isEqualTo(1);
		assertThat(groobee.records().get(phone(10)).identity()).isEqualTo("m-dup");
		assertThat(first.report().delivered()).isEqualTo(1000);
		assertThat(first.report().conflicts()).isEqualTo(1);
		// the earlier row of the shared phone is reported superseded, not unchanged
		assertThat(first.report().superseded()).isEqualTo(1);
		assertThat(first.report().unchanged()).isEqualTo(1);
		// the state is the snapshot, not the per-key table
		assertThat(this.jdbc.queryForObject("SELECT ENTRIES FROM AS_SNAPSHOT WHERE STATE = 'CURRENT'" + OF_JOB,
				Long.class, spec.name()))
			.isEqualTo(1000);
		assertThat(this.jdbc.queryForObject("SELECT COUNT(*) FROM AS_SYNC_KEY WHERE 1 = 1" + OF_JOB, Long.class,
				spec.name()))
			.isZero();

		// when the next night, with members 100-104 changed, is tried as a dry run
		extract(100, 105);
		Preview.Diff diff = this.preview.dryRun(spec, DATE.plusDays(1), this.options).diffs().get(0);

		// then it is the plan: five updates, the shared phone unchanged, nothing written
		assertThat(diff.update()).isEqualTo(5);
		assertThat(diff.create()).isZero();
		assertThat(diff.unchanged()).isEqualTo(995);
		assertThat(diff.known()).isEqualTo(1000);
		assertThat(diff.samples()).hasSize(5).allSatisfy((sample) -> assertThat(sample).startsWith("update "));
		assertThat(this.jdbc.queryForObject("SELECT COUNT(*) FROM AS_PLAN_PAGE WHERE 1 = 1" + OF_JOB, Long.class,
				spec.name()))
			.isZero();

		// when the next night runs
		int requests = groobee.requestCount();
		RunOutcome next = this.launcher.run(spec, DATE.plusDays(1), this.options);

		// then only those five are sent, in a request of each file's; the shared phone
		// costs nothing; every row is counted, read or held
		assertThat(next.kind()).as(next.report().exitMessage()).isEqualTo(Kind.COMPLETED);
		assertThat(next.report().delivered()).isEqualTo(5);
		assertThat(next.report().read()).isEqualTo(1001);
		assertThat(next.report().unchanged()).isEqualTo(996);
		assertThat(groobee.requestCount() - requests).isLessThanOrEqualTo(2);
		assertThat(groobee.deliveries(phone(10))).isEqualTo(1);
		assertThat(groobee.deliveries(phone(100))).isEqualTo(2);
		assertThat(groobee.records().get(phone(100)).properties()).containsEntry("grade", "SILVER");
		assertThat(this.jdbc.queryForObject("SELECT COUNT(*) FROM AS_SNAPSHOT WHERE 1 = 1" + OF_JOB, Long.class,
				spec.name()))
			.as("one generation left")
			.isEqualTo(1);
		assertThat(this.jdbc.queryForObject("SELECT COUNT(*) FROM AS_PLAN_PAGE WHERE 1 = 1" + OF_JOB, Long.class,
				spec.name()))
			.isZero();
	}

	@Test
	void aNightThatWouldUpdateMostKeysStopsBeforeItSendsAnything() throws Exception {
		extract(0, 0);
		JobSpec spec = spec("planned-guard");
		Emulator groobee = sandbox.emulator("groobee");
		assertThat(this.launcher.run(spec, DATE, this.options).kind()).isEqualTo(Kind.COMPLETED);

		// when a broken mapping changes 800 of the 1,000 keys
		extract(0, 800);
		int requests = groobee.requestCount();
		RunOutcome broken = this.launcher.run(spec, DATE.plusDays(1), this.options);

		// then it fails naming the figures, and the vendor got nothing
		assertThat(broken.kind()).isEqualTo(Kind.FAILED);
		assertThat(broken.report().exitMessage()).contains("would update 799 of the 1000 keys")
			.contains("max-change-ratio")
			.contains("--allow-mass-update");
		assertThat(groobee.requestCount()).isEqualTo(requests);

		// when the run is restarted allowing it, the night goes on and sends them
		RunOutcome allowed = this.launcher.run(spec, DATE.plusDays(1), this.options.allowingMassUpdate());
		assertThat(allowed.kind()).as(allowed.report().exitMessage()).isEqualTo(Kind.COMPLETED);
		assertThat(allowed.report().delivered()).isEqualTo(799);
	}

	@Test
	void aRefusedRowIsTriedAgainOnceANightAndARowTheSourceNoLongerHasByItsReplay() throws Exception {
		// given a first night whose vendor refuses member 7
		extract(0, 0);
		JobSpec spec = spec("planned-replay");
		Emulator groobee = sandbox.emulator("groobee");
		groobee.reject("m-7");
		RunOutcome first = this.launcher.run(spec, DATE, this.options);
		assertThat(first.report().rejected()).isEqualTo(1);
		int requests = groobee.requestCount();

		// when the next night has it again, still refused
		RunOutcome second = this.launcher.run(spec, DATE.plusDays(1), this.options);

		// then tonight's row is sent (and refused again), and no replay sends it a
		// second time
		assertThat(second.kind()).as(second.report().exitMessage()).isEqualTo(Kind.COMPLETED);
		assertThat(second.report().rejected()).isEqualTo(1);
		assertThat(second.report().replays()).allSatisfy((replay) -> assertThat(replay.delivered()).isZero());
		int tonight = groobee.requestCount() - requests;

		// when the vendor takes it now, and the source no longer has member 7
		groobee.clearFaults();
		Path a = this.dir.resolve("data/a.csv");
		Files.writeString(a, Files.readString(a).replaceAll("(?m)^m-7,.*\\n", ""));
		RunOutcome third = this.launcher.run(spec, DATE.plusDays(2), this.options);

		// then the replay sends the refused row, and the snapshot keeps it: the night
		// after, with member 7 back as it was, nothing is sent
		assertThat(third.kind()).as(third.report().exitMessage()).isEqualTo(Kind.COMPLETED);
		assertThat(groobee.deliveries(phone(7))).isEqualTo(1);
		assertThat(third.report().replays()).singleElement()
			.satisfies((replay) -> assertThat(replay.delivered()).isEqualTo(1));
		extract(0, 0);
		int before = groobee.requestCount();
		RunOutcome fourth = this.launcher.run(spec, DATE.plusDays(3), this.options);
		assertThat(fourth.report().delivered()).isZero();
		assertThat(groobee.requestCount()).isEqualTo(before);
		assertThat(tonight).isPositive();
	}

	@Test
	void rowsRejectedInMappingAreRejectedEveryNightAsBefore() throws Exception {
		// given two files with a bad phone in each
		members(this.dir, "data/a.csv", 0, 300, List.of(3), List.of());
		members(this.dir, "data/b.csv", 300, 300, List.of(450), List.of());
		JobSpec spec = spec("planned-rejected");
		RunOutcome first = this.launcher.run(spec, DATE, this.options);
		assertThat(first.report().rejected()).isEqualTo(2);
		assertThat(first.report().delivered()).isEqualTo(598);

		// when the next night has the same rows
		RunOutcome next = this.launcher.run(spec, DATE.plusDays(1), this.options);

		// then nothing is sent, and the bad rows are rejected again with their reasons
		assertThat(next.kind()).as(next.report().exitMessage()).isEqualTo(Kind.COMPLETED);
		assertThat(next.report().delivered()).isZero();
		assertThat(next.report().rejected()).isEqualTo(2);
		assertThat(next.report().unchanged()).isEqualTo(598);
		assertThat(next.report().read()).isEqualTo(600);
	}

	@Test
	void aNextNightsChunksCarryRowsToSendNotRowsRead() throws Exception {
		extract(0, 0);
		JobSpec spec = spec("planned-chunks");
		Emulator groobee = sandbox.emulator("groobee");
		assertThat(this.launcher.run(spec, DATE, this.options).kind()).isEqualTo(Kind.COMPLETED);

		// when five members of a.csv change, a hundred rows apart (a chunk is 100 rows)
		extract(0, 500, 100);
		int requests = groobee.requestCount();
		RunOutcome next = this.launcher.run(spec, DATE.plusDays(1), this.options);

		// then they go in one request, not one a chunk of rows read
		assertThat(next.report().delivered()).isEqualTo(5);
		assertThat(groobee.requestCount() - requests).isEqualTo(1);
		assertThat(next.report().read()).isEqualTo(1001);
	}

	@Test
	void aBrokenSecondExtractStopsTheNightAtItsPlanNamingItAndNothingIsSent() throws Exception {
		// given a good first file and a second that lacks a mapped column, then one cut
		// off mid-gzip
		members(this.dir, "broken/a.csv", 0, 100, List.of(), List.of());
		StringBuilder lacking = new StringBuilder("member_id,phone,points\n");
		for (int i = 100; i < 200; i++) {
			lacking.append("m-")
				.append(i)
				.append(',')
				.append(phone(i).replace("-", ""))
				.append(',')
				.append(i)
				.append('\n');
		}
		TestExtracts.write(this.dir.resolve("broken/b.csv"), lacking.toString());
		JobSpec spec = new SpecLoader().load(TestExtracts.groobeeSpec(this.dir, "broken", "broken", 50, 50, 2));

		// when it runs
		RunOutcome lacks = this.launcher.run(spec, DATE, this.options);

		// then it fails at its plan, naming the file and the column, and sent nothing
		assertThat(lacks.kind()).isEqualTo(Kind.FAILED);
		assertThat(lacks.report().exitMessage()).isEqualTo(
				"b.csv: column 'grade' (mapping.properties.columns) is not in its header (it has member_id, phone, points)");
		assertThat(lacks.report().partitions()).isEqualTo(2);
		assertThat(sandbox.emulator("groobee").requestCount()).isZero();

		// when the second file is fixed but cut off mid-gzip instead
		Files.delete(this.dir.resolve("broken/b.csv"));
		byte[] whole = TestExtracts
			.gzip(Files.readString(members(this.dir, "other/b.csv", 100, 2_000, List.of(), List.of()))
				.getBytes(java.nio.charset.StandardCharsets.UTF_8));
		Files.write(this.dir.resolve("broken/b.csv.gz"), java.util.Arrays.copyOf(whole, whole.length / 2));
		RunOutcome cut = this.launcher.run(spec, DATE.plusDays(1), this.options);

		// then it fails naming the file, and still sent nothing
		assertThat(cut.kind()).isEqualTo(Kind.FAILED);
		assertThat(cut.report().exitMessage()).startsWith("b.csv.gz: cannot ");
		assertThat(sandbox.emulator("groobee").requestCount()).isZero();

		// when the whole file is put back and the date runs again
		Files.write(this.dir.resolve("broken/b.csv.gz"), whole);
		RunOutcome fixed = this.launcher.run(spec, DATE.plusDays(1), this.options);

		// then the failed partition is planned again and every row is sent once
		assertThat(fixed.kind()).as(fixed.message()).isEqualTo(Kind.COMPLETED);
		assertThat(sandbox.emulator("groobee").records()).hasSize(2_100);
		assertThat(sandbox.emulator("groobee").records().values())
			.allSatisfy((held) -> assertThat(held.deliveries()).isOne());
	}

	@Test
	void anOperatorsReplayIsRecordedInTheSnapshotSoTheNextNightDoesNotSendItAgain() throws Exception {
		// given a night whose vendor refused one row, in a job that never replays by
		// itself
		members(this.dir, "replayed/members.csv", 0, 100, List.of(), List.of());
		Path specFile = TestExtracts.groobeeSpec(this.dir, "operator-replay", "replayed", 50, 50, 1);
		TestExtracts.write(specFile, Files.readString(specFile) + "retry:\n  max-runs: 1\n");
		JobSpec spec = new SpecLoader().load(specFile);
		sandbox.emulator("groobee").reject("m-4");
		assertThat(this.launcher.run(spec, DATE, this.options).report().rejected()).isEqualTo(1);

		// when the vendor takes it again and an operator replays that night's refusals
		sandbox.emulator("groobee").clearFaults();
		RunOutcome replay = this.launcher.replay(spec, DATE.toString(), this.options);
		assertThat(replay.kind()).as(replay.message()).isEqualTo(Kind.COMPLETED);
		assertThat(sandbox.emulator("groobee").deliveries(phone(4))).isOne();

		// then the next night, its extract unchanged, sends nothing: the snapshot holds
		// it
		int requests = sandbox.emulator("groobee").requestCount();
		RunOutcome next = this.launcher.run(spec, DATE.plusDays(1), this.options);
		assertThat(next.kind()).as(next.message()).isEqualTo(Kind.COMPLETED);
		assertThat(next.report().delivered()).isZero();
		assertThat(sandbox.emulator("groobee").requestCount()).isEqualTo(requests);
	}

}
