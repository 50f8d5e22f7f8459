package com.audiencesync.delivery;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Blob;
import java.sql.ResultSetMetaData;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;

import com.audiencesync.JobTest;
import com.audiencesync.TestExtracts;
import com.audiencesync.batch.launch.RunOutcome;
import com.audiencesync.batch.launch.RunOutcome.Kind;
import com.audiencesync.destination.emulator.Emulator;
import com.audiencesync.spec.JobSpec;
import com.audiencesync.spec.SpecLoader;
import org.junit.jupiter.api.Test;

import org.springframework.jdbc.core.RowCallbackHandler;

import static com.audiencesync.TestExtracts.members;
import static com.audiencesync.TestExtracts.phone;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sync state end to end: a night sends only what changed since the vendor last
 * accepted it, a refused row is sent again, a resync sends everything, and the tables
 * hold no personal data.
 */
class SyncStateIntegrationTests extends JobTest {

	@Override
	protected String vendor() {
		return "groobee";
	}

	Emulator groobee() {
		return sandbox.emulator("groobee");
	}

	JobSpec spec(int chunk) {
		String job = "state-" + UUID.randomUUID().toString().substring(0, 8);
		return new SpecLoader().load(TestExtracts.groobeeSpec(this.dir, job, "data/members.csv", chunk, chunk, 2));
	}

	@Test
	void theNextNightSendsNothingAndTheOneAfterOnlyTheChangedRows() {
		// given 10,000 members, delivered once
		members(this.dir, "data/members.csv", 0, 10_000, List.of(), List.of());
		JobSpec spec = spec(1000);
		RunOutcome first = this.launcher.run(spec, DATE, this.options);
		assertThat(first.report().delivered()).isEqualTo(10_000);
		int requests = groobee().requestCount();

		// when the next night reads the same extract, then nothing is sent
		RunOutcome second = this.launcher.run(spec, DATE.plusDays(1), this.options);
		assertThat(second.kind()).isEqualTo(Kind.COMPLETED);
		assertThat(groobee().requestCount()).isEqualTo(requests);
		assertThat(second.report().delivered()).isZero();
		assertThat(second.report().unchanged()).isEqualTo(10_000);

		// when 1% of the rows change, then exactly those are sent
		changeGrade(this.dir.resolve("data/members.csv"), (i) -> i % 100 == 0);
		RunOutcome third = this.launcher.run(spec, DATE.plusDays(2), this.options);
		assertThat(third.report().delivered()).isEqualTo(100);
		assertThat(third.report().unchanged()).isEqualTo(9_900);
		for (int i = 0; i < 10_000; i++) {
			assertThat(groobee().deliveries(phone(i))).as("deliveries of member %d", i)
				.isEqualTo((i % 100 == 0) ? 2 : 1);
		}
		assertThat(groobee().records().get(phone(500)).properties()).containsEntry("grade", "SILVER");
	}

	@Test
	void aRowTheVendorRefusedIsSentAgainOnTheNextRun() {
		// given a member id Groobee refuses on the first night
		members(this.dir, "data/members.csv", 0, 500, List.of(), List.of());
		JobSpec spec = spec(100);
		groobee().reject("m-42");
		RunOutcome first = this.launcher.run(spec, DATE, this.options);
		assertThat(first.report().rejected()).isEqualTo(1);
		assertThat(first.report().delivered()).isEqualTo(499);

		// when the vendor takes it on the next night
		groobee().clearFaults();
		int requests = groobee().requestCount();
		RunOutcome second = this.launcher.run(spec, DATE.plusDays(1), this.options);

		// then that row alone is sent, in one request
		assertThat(second.report().delivered()).isEqualTo(1);
		assertThat(second.report().unchanged()).isEqualTo(499);
		assertThat(groobee().requestCount()).isEqualTo(requests + 1);
		assertThat(groobee().deliveries(phone(42))).isEqualTo(1);
	}

	@Test
	void aResyncSendsEveryRowAgain() {
		members(this.dir, "data/members.csv", 0, 300, List.of(), List.of());
		JobSpec spec = spec(100);
		this.launcher.run(spec, DATE, this.options);

		RunOutcome resync = this.launcher.run(spec, DATE.plusDays(1), this.options.resyncing());

		assertThat(resync.report().delivered()).isEqualTo(300);
		assertThat(resync.report().unchanged()).isZero();
		assertThat(groobee().records().values()).allSatisfy((record) -> assertThat(record.deliveries()).isEqualTo(2));
		// and the night after sends nothing again
		assertThat(this.launcher.run(spec, DATE.plusDays(2), this.options).report().unchanged()).isEqualTo(300);
	}

	@Test
	void twoIdentitiesForOnePhoneInOneRunAreOneSummaryWithMaskedExamples() throws Exception {
		// given member 7's phone again, for another member, in a later chunk (one file:
		// partitions have no order)
		Path members = members(this.dir, "data/members.csv", 0, 300, List.of(), List.of());
		Files.writeString(members, "m-other," + phone(7).replace("-", "") + ",GOLD,1\n", StandardOpenOption.APPEND);
		String job = "conflict-" + UUID.randomUUID().toString().substring(0, 8);
		JobSpec spec = new SpecLoader().load(TestExtracts.groobeeSpec(this.dir, job, "data", 100, 100, 1));

		RunOutcome outcome = this.launcher.run(spec, DATE, this.options);

		assertThat(outcome.report().conflicts()).isEqualTo(1);
		assertThat(outcome.report().conflictExamples()).singleElement()
			.satisfies((conflict) -> assertThat(conflict.describe())
				.isEqualTo("members.csv:302 phoneNumber ***-****-**07 (m*****r)")
				.doesNotContain(phone(7)));
	}

	@Test
	void theTablesHoldNoPlaintextKeyIdentityOrProperty() {
		// given runs with a change, a conflict and a refusal
		members(this.dir, "data/members.csv", 0, 200, List.of(), List.of());
		TestExtracts.write(this.dir.resolve("data/z.csv"),
				"member_id,phone,grade,points\nm-dup," + phone(3).replace("-", "") + ",PLATINUM,1\n");
		String job = "plain-" + UUID.randomUUID().toString().substring(0, 8);
		JobSpec spec = new SpecLoader().load(TestExtracts.groobeeSpec(this.dir, job, "data", 50, 50, 1));
		groobee().reject("m-11");
		this.launcher.run(spec, DATE, this.options);
		groobee().clearFaults();
		this.launcher.run(spec, DATE.plusDays(1), this.options);

		// then no column of the state (snapshots, plans and their fixes, or per-key
		// rows),
		// conflict or link tables holds a phone, a member id or a property value in
		// plaintext
		List<String> texts = new ArrayList<>();
		for (String table : List.of("AS_SNAPSHOT_PAGE p JOIN AS_SYNC_TARGET t ON t.TARGET_ID = p.TARGET_ID",
				"AS_SNAPSHOT s JOIN AS_SYNC_TARGET t ON t.TARGET_ID = s.TARGET_ID",
				"AS_PLAN_PAGE p JOIN AS_SYNC_TARGET t ON t.TARGET_ID = p.TARGET_ID",
				"AS_SNAPSHOT_FIX f JOIN AS_SYNC_TARGET t ON t.TARGET_ID = f.TARGET_ID",
				"AS_SYNC_KEY k JOIN AS_SYNC_TARGET t ON t.TARGET_ID = k.TARGET_ID", "AS_SYNC_CONFLICT t",
				"AS_SYNC_LINK t")) {
			// this job's rows: the repository may hold other tests' jobs (whose names are
			// no personal data, and may look like a member id)
			this.jdbc.query("SELECT * FROM " + table + " WHERE t.JOB_NAME = ?", (RowCallbackHandler) (rs) -> {
				ResultSetMetaData meta = rs.getMetaData();
				for (int i = 1; i <= meta.getColumnCount(); i++) {
					if (meta.getColumnLabel(i).equalsIgnoreCase("JOB_NAME")) {
						continue;
					}
					Object value = rs.getObject(i);
					texts.add((value instanceof byte[] || value instanceof Blob)
							? new String(rs.getBytes(i), StandardCharsets.ISO_8859_1) : String.valueOf(value));
				}
			}, job);
		}
		// and the state holds the 200 keys: a current snapshot by default, per-key rows
		// with snapshots off
		long perKey = this.jdbc.queryForObject(
				"SELECT COUNT(*) FROM AS_SYNC_KEY k JOIN AS_SYNC_TARGET t ON t.TARGET_ID = k.TARGET_ID WHERE t.JOB_NAME = ?",
				Long.class, job);
		long snapshot = this.jdbc.queryForObject("SELECT COALESCE(SUM(s.ENTRIES), 0) FROM AS_SNAPSHOT s "
				+ "JOIN AS_SYNC_TARGET t ON t.TARGET_ID = s.TARGET_ID WHERE t.JOB_NAME = ? AND s.STATE = 'CURRENT'",
				Long.class, job);
		assertThat(perKey + snapshot).isEqualTo(200);
		assertThat(texts).hasSizeGreaterThan(10);
		Pattern phone = Pattern.compile("01[016789]-?\\d{3,4}-?\\d{4}");
		assertThat(texts).noneMatch((text) -> phone.matcher(text).find())
			.noneMatch((text) -> text.matches(".*m-\\d+.*") || text.contains("m-dup"))
			.noneMatch((text) -> text.contains("PLATINUM") || text.contains("GOLD"));
	}

	/** Rewrites the extract with another grade on the rows chosen by their number. */
	private static void changeGrade(java.nio.file.Path csv, java.util.function.IntPredicate rows) {
		try {
			List<String> lines = new ArrayList<>(java.nio.file.Files.readAllLines(csv));
			for (int i = 1; i < lines.size(); i++) {
				if (rows.test(i - 1)) {
					lines.set(i, lines.get(i).replace(",GOLD,", ",SILVER,"));
				}
			}
			java.nio.file.Files.write(csv, lines);
		}
		catch (java.io.IOException ex) {
			throw new java.io.UncheckedIOException(ex);
		}
	}

}
