package com.audiencesync.source.jdbc;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.audiencesync.TestExtracts;
import com.audiencesync.batch.launch.RunOutcome;
import com.audiencesync.batch.launch.RunOutcome.Kind;
import com.audiencesync.destination.emulator.Emulator;
import com.audiencesync.destination.emulator.StoredRecord;
import com.audiencesync.spec.JobSpec;
import com.audiencesync.spec.SpecLoader;
import org.junit.jupiter.api.Test;

import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link JdbcSourceIntegrationTests} with planned nights (sorted snapshots) turned on,
 * and what a planned night guarantees for a table whose rows change between its plan and
 * its delivery: a changed row is sent with its newer values and the snapshot records what
 * was sent; a deleted row, or one whose key moved, keeps its key's entry; an inserted one
 * is the next night's. Whatever moves, the snapshot stays what the vendor holds, so the
 * next night sends what differs.
 */
@TestPropertySource(properties = "audience-sync.state.snapshots=true")
class PlannedJdbcSourceIntegrationTests extends JdbcSourceIntegrationTests {

	@Test
	void rowsChangedBetweenThePlanAndTheDeliveryAreSentAsTheyAreAndTheSnapshotKeepsWhatTheVendorHolds() {
		// given 1,000 members with ids 1 to 1,000 (places are the ids), all delivered
		List<Long> ids = new ArrayList<>();
		for (long id = 1; id <= 1_000; id++) {
			ids.add(id);
		}
		insert(ids, "2026-11-21 20:00:00.000");
		JobSpec spec = wholeTable(jobName("moving"));
		Emulator groobee = sandbox.emulator("groobee");
		assertThat(run(spec, 0).kind()).isEqualTo(Kind.COMPLETED);
		Map<String, StoredRecord> first = byMember(groobee);
		assertThat(first).hasSize(1_000);

		// when the next night plans 10 changed rows, then fails before sending any
		this.warehouse.update("UPDATE " + this.table + " SET points = 5000 + id WHERE id BETWEEN 10 AND 19");
		groobee.failAfterItems(groobee.itemsAccepted(), 503);
		RunOutcome failed = run(spec, 1);
		assertThat(failed.kind()).isEqualTo(Kind.FAILED);
		assertThat(byMember(groobee)).isEqualTo(first);

		// and before it runs again: a planned row changes again, one is deleted, one's
		// phone number (Groobee's key) changes, a row the plan left unchanged changes,
		// and one is inserted
		Map<String, Object> eleven = this.warehouse.queryForMap("SELECT * FROM " + this.table + " WHERE id = 11");
		this.warehouse.update("UPDATE " + this.table + " SET points = 9999 WHERE id = 10");
		this.warehouse.update("DELETE FROM " + this.table + " WHERE id = 11");
		String twelve = this.warehouse.queryForObject("SELECT phone FROM " + this.table + " WHERE id = 12",
				String.class);
		this.warehouse.update("UPDATE " + this.table + " SET phone = '01099990012' WHERE id = 12");
		this.warehouse.update("UPDATE " + this.table + " SET points = 7777 WHERE id = 20");
		row(5_000, "2026-11-21 20:00:00.000", "01055550000");
		groobee.clearFaults();
		RunOutcome again = run(spec, 1);

		// then the changed row went with its newer values, and the rest of the plan as
		// planned
		assertThat(again.kind()).as(again.message()).isEqualTo(Kind.COMPLETED);
		Map<String, StoredRecord> second = byMember(groobee);
		assertThat(second.get("m-10").properties()).containsEntry("points", 9999);
		for (long id = 13; id <= 19; id++) {
			assertThat(second.get("m-" + id).properties()).containsEntry("points", (int) (5000 + id));
		}
		// and the deleted row, the moved one and the rows the plan did not have were not
		// sent
		assertThat(second.get("m-11")).isEqualTo(first.get("m-11"));
		assertThat(second.get("m-12")).isEqualTo(first.get("m-12"));
		assertThat(second.get("m-20")).isEqualTo(first.get("m-20"));
		assertThat(second).doesNotContainKey("m-5000");
		assertThat(groobee.records()).hasSize(1_000);
		assertThat(again.report().delivered()).isEqualTo(8);

		// when the next night finds row 11 back and row 12's phone number back, as the
		// plan had them: had the snapshot recorded them as sent, they would be left
		// unsent
		insertRow(eleven);
		this.warehouse.update("UPDATE " + this.table + " SET phone = ? WHERE id = 12", twelve);
		RunOutcome third = run(spec, 2);

		// then it sends exactly what the vendor does not hold: those two, the row changed
		// after the plan and the inserted one (not the one already sent with its newer
		// values)
		assertThat(third.kind()).as(third.message()).isEqualTo(Kind.COMPLETED);
		Map<String, StoredRecord> last = byMember(groobee);
		assertThat(groobee.records()).hasSize(1_001);
		List<String> resent = last.keySet()
			.stream()
			.filter((id) -> last.get(id).deliveries() != second.getOrDefault(id, NONE).deliveries())
			.sorted()
			.toList();
		assertThat(resent).containsExactly("m-11", "m-12", "m-20", "m-5000");
		assertThat(last.get("m-11").properties()).containsEntry("points", 5011);
		assertThat(last.get("m-12").properties()).containsEntry("points", 5012);
		assertThat(last.get("m-20").properties()).containsEntry("points", 7777);
		// and the vendor holds the table
		assertThat(vendorPoints(last)).isEqualTo(tablePoints());
	}

	@Test
	void aRowInsertedBeforePlannedRowsWhosePlacesAreOrdinalsLeavesThemToTheNextNightNeverSendingOthers() {
		// given 1,000 members whose ids are too large to be places (2^41 and up): places
		// are ordinals in their key ranges
		long base = 1L << 41;
		List<Long> ids = new ArrayList<>();
		for (int i = 0; i < 1_000; i++) {
			ids.add(base + 10L * i);
		}
		insert(ids, "2026-11-21 20:00:00.000");
		JobSpec spec = wholeTable(jobName("ordinals"));
		Emulator groobee = sandbox.emulator("groobee");
		assertThat(run(spec, 0).kind()).isEqualTo(Kind.COMPLETED);
		Map<String, StoredRecord> first = byMember(groobee);

		// when the next night plans 10 changed rows at the start of the second range,
		// and fails before sending
		this.warehouse.update("UPDATE " + this.table + " SET points = 4242 WHERE id >= ? AND id < ?", base + 5_000,
				base + 5_100);
		groobee.failAfterItems(groobee.itemsAccepted(), 503);
		assertThat(run(spec, 1).kind()).isEqualTo(Kind.FAILED);

		// and a row is inserted before them in their range: every place after it moves
		row(base + 4_995, "2026-11-21 20:00:00.000", "01055550000");
		groobee.clearFaults();
		RunOutcome again = run(spec, 1);

		// then the planned rows are not found where the plan had them, and none of the
		// rows now at those places is sent in their stead
		assertThat(again.kind()).as(again.message()).isEqualTo(Kind.COMPLETED);
		assertThat(again.report().delivered()).isZero();
		assertThat(byMember(groobee)).isEqualTo(first);

		// and the next night sends them and the inserted row, and nothing else
		RunOutcome next = run(spec, 2);
		assertThat(next.kind()).as(next.message()).isEqualTo(Kind.COMPLETED);
		assertThat(next.report().delivered()).isEqualTo(11);
		assertThat(vendorPoints(byMember(groobee))).isEqualTo(tablePoints());
	}

	private static final StoredRecord NONE = new StoredRecord("", Map.of(), 0);

	private RunOutcome run(JobSpec spec, int night) {
		return this.launcher.run(spec, DATE.plusDays(night), options());
	}

	/** The whole table, every night, in two key ranges of 100-row chunks. */
	private JobSpec wholeTable(String name) {
		return new SpecLoader().load(TestExtracts.write(this.dir.resolve(name + ".yml"), """
				name: %s
				source:
				  type: jdbc
				  table: %s
				  key: id
				  grid-size: 2
				mapping:
				  fields:
				    memberId: member_id
				    phoneNumber: { column: phone, type: phone }
				  properties:
				    fields:
				      points: { column: points, type: integer }
				destination:
				  vendor: groobee
				  endpoint: personalizations
				chunk: 100
				concurrency: 1
				zone: Asia/Seoul
				""".formatted(name, this.table)));
	}

	/** What Groobee holds, by member id (it keys by phone number). */
	private static Map<String, StoredRecord> byMember(Emulator groobee) {
		Map<String, StoredRecord> members = new LinkedHashMap<>();
		groobee.records().values().forEach((record) -> members.put(record.identity(), record));
		return members;
	}

	private void insertRow(Map<String, Object> row) {
		this.warehouse.update("INSERT INTO " + this.table + " VALUES (?, ?, ?, ?, ?, ?)", row.get("id"),
				row.get("member_id"), row.get("phone"), row.get("grade"), row.get("points"), row.get("updated_at"));
	}

	private Map<String, Object> tablePoints() {
		Map<String, Object> points = new LinkedHashMap<>();
		this.warehouse.query("SELECT member_id, points FROM " + this.table + " ORDER BY member_id",
				(RowCallbackHandler) (rs) -> points.put(rs.getString(1), rs.getInt(2)));
		return points;
	}

	private static Map<String, Object> vendorPoints(Map<String, StoredRecord> records) {
		Map<String, Object> points = new LinkedHashMap<>();
		records.keySet().stream().sorted().forEach((id) -> points.put(id, records.get(id).properties().get("points")));
		return points;
	}

}
