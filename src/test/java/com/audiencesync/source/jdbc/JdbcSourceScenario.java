package com.audiencesync.source.jdbc;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import javax.sql.DataSource;

import com.audiencesync.JobTest;
import com.audiencesync.TestExtracts;
import com.audiencesync.batch.launch.RunOutcome;
import com.audiencesync.batch.launch.RunOutcome.Kind;
import com.audiencesync.batch.run.RunIdentity;
import com.audiencesync.batch.run.RunOptions;
import com.audiencesync.destination.emulator.Emulator;
import com.audiencesync.destination.emulator.StoredRecord;
import com.audiencesync.spec.JobSpec;
import com.audiencesync.spec.SpecLoader;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import static com.audiencesync.TestExtracts.phone;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The {@code jdbc} source against a warehouse database (H2 here, MariaDB with
 * {@code -Pmysql}): skewed keys split into balanced ranges with every row delivered once,
 * windows cut exactly at the business day's boundaries in Asia/Seoul, and what a planned
 * night guarantees for rows that change between its plan and its delivery: a changed row
 * is sent with its newer values and the snapshot records what was sent; a deleted row, or
 * one whose key moved, keeps its key's entry; an inserted one is the next night's.
 * Whatever moves, the snapshot stays what the vendor holds, so the next night sends what
 * differs.
 */
abstract class JdbcSourceScenario extends JobTest {

	@Override
	protected String vendor() {
		return "groobee";
	}

	/** The job repository's database. */
	@Autowired
	JdbcTemplate repository;

	/** The warehouse, written by the test with its own connection (the source reads). */
	JdbcTemplate warehouse;

	String table;

	/** The warehouse's JDBC URL, user and password, as configured for the source. */
	abstract String[] warehouseConnection();

	/** The column type of a date-time without zone, with milliseconds. */
	abstract String dateTimeType();

	@BeforeEach
	void table() {
		String[] connection = warehouseConnection();
		DataSource dataSource = new DriverManagerDataSource(connection[0], connection[1], connection[2]);
		this.warehouse = new JdbcTemplate(dataSource);
		this.table = "members_" + UUID.randomUUID().toString().substring(0, 8);
		this.warehouse.execute("CREATE TABLE " + this.table
				+ " (id BIGINT NOT NULL PRIMARY KEY, member_id VARCHAR(40), phone VARCHAR(20), grade VARCHAR(10),"
				+ " points INT, updated_at " + dateTimeType() + ")");
	}

	@AfterEach
	void dropTable() {
		this.warehouse.execute("DROP TABLE " + this.table);
	}

	@Test
	void skewedKeysSplitIntoBalancedRangesAndEveryRowArrivesOnce() throws Exception {
		// given 20,000 members: 19,950 ids packed from 1,000,000, then 50 huge ones
		List<Long> ids = new ArrayList<>();
		for (int i = 0; i < 20_000; i++) {
			ids.add((i < 19_950) ? 1_000_000L + i : 1_000_000_000_000L * (i - 19_949));
		}
		insert(ids, "2026-11-22 03:00:00.000");
		long min = ids.get(0);
		long max = ids.get(ids.size() - 1);
		long firstEighth = ids.stream().filter((id) -> id < min + (max - min) / 8).count();
		assertThat(firstEighth).as("min/max arithmetic would put nearly every row in one range").isGreaterThan(19_900);
		JobSpec spec = spec(jobName("skewed"), "", 500, 4, 8);

		// when
		long started = System.nanoTime();
		RunOutcome outcome = this.launcher.run(spec, DATE, options());
		long millis = (System.nanoTime() - started) / 1_000_000;

		// then 8 ranges of about 2,500 rows each (none above twice its share)
		assertThat(outcome.kind()).as(outcome.message()).isEqualTo(Kind.COMPLETED);
		Map<String, Long> sizes = partitionReads(outcome.report().executionId());
		System.out.printf("jdbc %s: 20,000 skewed rows, ranges %s, %d ms%n", getClass().getSimpleName(), sizes, millis);
		assertThat(sizes).hasSize(8).containsKey("deliver:part:keys-03-of-08");
		assertThat(sizes.values()).allSatisfy((size) -> assertThat(size).isBetween(1L, 2L * 20_000 / 8));
		assertThat(sizes.values().stream().mapToLong(Long::longValue).sum()).isEqualTo(20_000);

		// and the vendor received exactly the table's rows, each once
		assertThat(outcome.report().delivered()).isEqualTo(20_000);
		assertThat(sandbox.emulator("groobee").records()).hasSize(20_000);
		assertThat(sandbox.emulator("groobee").records().values())
			.allSatisfy((p) -> assertThat(p.deliveries()).isEqualTo(1));
		List<String> direct = this.warehouse.queryForList("SELECT member_id FROM " + this.table, String.class);
		assertThat(digest(delivered())).isEqualTo(digest(direct));
	}

	@Test
	void aWindowReadsExactlyTheRowsUpdatedInItsBusinessDaysInSeoul() {
		// given rows at the edges of 2026-11-22 in Seoul, stored in UTC (Seoul is UTC+9)
		row(1, "2026-11-21 14:59:59.999", phone(1)); // 11-21 23:59:59.999 Seoul
		row(2, "2026-11-21 15:00:00.000", phone(2)); // 11-22 00:00 Seoul
		row(3, "2026-11-22 14:59:59.999", phone(3)); // 11-22 23:59:59.999 Seoul
		row(4, "2026-11-22 15:00:00.000", phone(4)); // 11-23 00:00 Seoul
		row(5, "2026-11-22 03:00:00.000", "123-45"); // in the day, a bad phone
		row(6, null, phone(6)); // never updated

		// when the nightly run of 2026-11-22 reads its window
		RunOutcome nightly = this.launcher.run(spec(jobName("window"), "", 2, 1, 2), DATE, options());

		// then exactly the rows of that Seoul day are read; the bad one is findable by
		// its key
		assertThat(nightly.kind()).as(nightly.message()).isEqualTo(Kind.COMPLETED);
		assertThat(delivered()).containsExactlyInAnyOrder("m-2", "m-3");
		assertThat(nightly.report().read()).isEqualTo(3);
		assertThat(this.repository.queryForList(
				"SELECT SOURCE, POSITION, REASON_CODE FROM AS_REJECTED_ROW " + "WHERE JOB_NAME = ? ",
				nightly.report().jobName()))
			.singleElement()
			.satisfies((rejected) -> {
				assertThat(rejected.get("SOURCE")).isEqualTo(this.table + ".id");
				assertThat(((Number) rejected.get("POSITION")).longValue()).isEqualTo(5);
				assertThat(rejected.get("REASON_CODE")).isEqualTo("BAD_PHONE");
			});
		// date-times leave with the offset of the zone they are stored in
		assertThat(sandbox.emulator("groobee").records().get(phone(2)).properties()).containsEntry("updatedAt",
				"2026-11-21T15:00:00Z");

		// when the next day runs, then it reads the row of its first instant only
		sandbox.emulator("groobee").reset();
		RunOutcome next = this.launcher.run(spec(jobName("window"), "", 2, 1, 2), DATE.plusDays(1), options());
		assertThat(next.kind()).isEqualTo(Kind.COMPLETED);
		assertThat(delivered()).containsExactly("m-4");

		// when a backfill window covers 11-21 and 11-22, then it reads both days
		sandbox.emulator("groobee").reset();
		RunOutcome backfill = this.launcher.run(spec(jobName("window"), "", 2, 1, 2),
				RunIdentity.backfillWindow(DATE.minusDays(1), DATE), options());
		assertThat(backfill.kind()).isEqualTo(Kind.COMPLETED);
		assertThat(delivered()).containsExactlyInAnyOrder("m-1", "m-2", "m-3");

		// when the source is read in full, then every row is, updated or not
		sandbox.emulator("groobee").reset();
		RunOutcome full = this.launcher.run(spec(jobName("full"), "  mode: full\n", 2, 1, 2), DATE, options());
		assertThat(full.kind()).isEqualTo(Kind.COMPLETED);
		assertThat(delivered()).containsExactlyInAnyOrder("m-1", "m-2", "m-3", "m-4", "m-6");
		assertThat(full.report().rejected()).isEqualTo(1);
	}

	@Test
	void aMisspelledColumnStopsTheRunBeforeItStartsNamingTheClosestOne() throws Exception {
		// given a table with a grade and specs mapping 'grdae', over the table and a
		// query
		row(1, "2026-11-22 03:00:00.000", phone(1));
		JobSpec spec = spec(jobName("typo"), "", 10, 1, 2);
		String text = Files.readString(spec.file()).replace("columns: [grade]", "columns: [grdae]");
		JobSpec typo = new SpecLoader().load(TestExtracts.write(spec.file(), text));
		JobSpec query = new SpecLoader().load(TestExtracts.write(this.dir.resolve(jobName("query") + ".yml"), text
			.replace("name: " + spec.name(), "name: " + spec.name() + "-query")
			.replace("table: " + this.table,
					"query: SELECT id, member_id, phone, grade AS Grade, points, " + "updated_at FROM " + this.table)));

		// when they run
		RunOutcome table = this.launcher.run(typo, DATE, options());
		RunOutcome selected = this.launcher.run(query, DATE, options());

		// then neither starts, each naming the column, the key mapping it and the right
		// one (labels found without regard to case)
		assertThat(table.kind()).isEqualTo(Kind.UNAVAILABLE);
		assertThat(table.message()).isEqualTo(typo.name() + " for runDate " + DATE + " cannot start: table "
				+ this.table + ": column 'grdae' (mapping.properties.columns) is not among its columns: did you mean "
				+ "'grade'? (nothing ran)");
		assertThat(selected.kind()).isEqualTo(Kind.UNAVAILABLE);
		assertThat(selected.message()).isEqualToIgnoringCase(query.name() + " for runDate " + DATE + " cannot start: "
				+ "source.query: column 'grdae' (mapping.properties.columns) is not among the columns it returns: did "
				+ "you mean 'grade'? (nothing ran)");
		assertThat(sandbox.emulator("groobee").requestCount()).isZero();
		assertThat(this.repository.queryForObject("SELECT COUNT(*) FROM BATCH_JOB_INSTANCE WHERE JOB_NAME IN (?, ?)",
				Integer.class, typo.name(), query.name()))
			.isZero();
	}

	@Test
	void aRangeThatFailsMidwayRestartsFromItsLastCommittedKeyAndNoOtherRangeIsReadAgain() throws Exception {
		// given 4,000 skewed members in 4 ranges of 1,000, read one range at a time
		List<Long> ids = new ArrayList<>();
		for (int i = 0; i < 4_000; i++) {
			ids.add((i < 3_990) ? 5_000L + i * 3 : 1_000_000_000L * i);
		}
		insert(ids, "2026-11-21 20:00:00.000");
		JobSpec spec = spec(jobName("restart"), "", 100, 1, 4);

		// when Groobee fails for good once 3,500 rows arrived: halfway through the last
		// range
		sandbox.emulator("groobee").failAfterItems(3_500, 503);
		RunOutcome first = this.launcher.run(spec, DATE, options());

		// then the run fails, three ranges completed and the fourth committed 500 rows
		assertThat(first.kind()).isEqualTo(Kind.FAILED);
		Map<String, String> statuses = partitionStatuses(first.report().executionId());
		assertThat(statuses).hasSize(4);
		assertThat(statuses.values()).containsOnlyOnce("FAILED").filteredOn("COMPLETED"::equals).hasSize(3);
		String failed = statuses.entrySet()
			.stream()
			.filter((e) -> e.getValue().equals("FAILED"))
			.map(Map.Entry::getKey)
			.findFirst()
			.orElseThrow();
		assertThat(sandbox.emulator("groobee").records()).hasSize(3_500);

		// when the vendor is back and the date runs again
		sandbox.emulator("groobee").clearFaults();
		RunOutcome second = this.launcher.run(spec, DATE, options());

		// then only the failed range ran, from after its last committed key
		assertThat(second.kind()).as(second.message()).isEqualTo(Kind.COMPLETED);
		assertThat(partitionReads(second.report().executionId())).containsOnlyKeys(failed).containsEntry(failed, 500L);
		System.out.printf("jdbc restart: first attempt %s, restart read %s%n",
				partitionReads(first.report().executionId()), partitionReads(second.report().executionId()));

		// and every row arrived exactly once
		assertThat(sandbox.emulator("groobee").records()).hasSize(4_000);
		assertThat(sandbox.emulator("groobee").records().values())
			.allSatisfy((p) -> assertThat(p.deliveries()).isEqualTo(1));
		assertThat(second.report().delivered()).isEqualTo(4_000);
		assertThat(digest(delivered()))
			.isEqualTo(digest(this.warehouse.queryForList("SELECT member_id FROM " + this.table, String.class)));
	}

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
		// and the report says so: the deleted and the re-keyed row deferred, not
		// counted as held by the vendor
		assertThat(again.report().deferred()).isEqualTo(2);

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
		assertThat(again.report().deferred()).isEqualTo(10);
		assertThat(byMember(groobee)).isEqualTo(first);

		// and the next night sends them and the inserted row, and nothing else
		RunOutcome next = run(spec, 2);
		assertThat(next.kind()).as(next.message()).isEqualTo(Kind.COMPLETED);
		assertThat(next.report().delivered()).isEqualTo(11);
		assertThat(vendorPoints(byMember(groobee))).isEqualTo(tablePoints());
	}

	private static final StoredRecord NONE = new StoredRecord("", Map.of(), 0);

	RunOutcome run(JobSpec spec, int night) {
		return this.launcher.run(spec, DATE.plusDays(night), options());
	}

	/** The whole table, every night, in two key ranges of 100-row chunks. */
	private JobSpec wholeTable(String name) {
		return wholeTable(this.dir, name, this.table, 2);
	}

	/**
	 * A Groobee spec of a whole table (no window) of {@code id}, {@code member_id},
	 * {@code phone} and {@code points}, in 100-row chunks.
	 */
	static JobSpec wholeTable(Path dir, String name, String table, int gridSize) {
		return new SpecLoader().load(TestExtracts.write(dir.resolve(name + ".yml"), """
				name: %s
				source:
				  type: jdbc
				  table: %s
				  key: id
				  grid-size: %d
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
				""".formatted(name, table, gridSize)));
	}

	/** What Groobee holds, by member id (it keys by phone number). */
	static Map<String, StoredRecord> byMember(Emulator groobee) {
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

	static Map<String, Object> vendorPoints(Map<String, StoredRecord> records) {
		Map<String, Object> points = new LinkedHashMap<>();
		records.keySet().stream().sorted().forEach((id) -> points.put(id, records.get(id).properties().get("points")));
		return points;
	}

	Map<String, String> partitionStatuses(long executionId) {
		Map<String, String> statuses = new TreeMap<>();
		this.repository.query(
				"SELECT STEP_NAME, STATUS FROM BATCH_STEP_EXECUTION "
						+ "WHERE JOB_EXECUTION_ID = ? AND STEP_NAME LIKE 'deliver:%'",
				(RowCallbackHandler) (rs) -> statuses.put(rs.getString(1), rs.getString(2)), executionId);
		return statuses;
	}

	RunOptions options() {
		return sandbox.options("groobee");
	}

	String jobName(String prefix) {
		return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
	}

	/**
	 * A Groobee spec over this test's table; {@code updated_at} windows unless
	 * {@code sourceExtra} says otherwise.
	 */
	JobSpec spec(String name, String sourceExtra, int chunk, int concurrency, int gridSize) {
		return new SpecLoader().load(TestExtracts.write(this.dir.resolve(name + ".yml"), """
				name: %s
				source:
				  type: jdbc
				  table: %s
				  key: id
				  updated-at: updated_at
				  grid-size: %d
				%smapping:
				  fields:
				    memberId: member_id
				    phoneNumber: { column: phone, type: phone }
				  properties:
				    columns: [grade]
				    fields:
				      points: { column: points, type: integer }
				      updatedAt: { column: updated_at, type: timestamp }
				destination:
				  vendor: groobee
				  endpoint: personalizations
				chunk: %d
				concurrency: %d
				zone: Asia/Seoul
				skip: { limit: 10, ratio: 0.5 }
				""".formatted(name, this.table, gridSize, sourceExtra, chunk, concurrency)));
	}

	/** Members with these ids (phones by position), all updated at that UTC time. */
	void insert(List<Long> ids, String updatedAt) {
		for (int from = 0; from < ids.size(); from += 1000) {
			StringBuilder sql = new StringBuilder("INSERT INTO " + this.table + " VALUES ");
			for (int i = from; i < Math.min(from + 1000, ids.size()); i++) {
				long id = ids.get(i);
				sql.append((i > from) ? ", " : "")
					.append("(")
					.append(id)
					.append(", 'm-")
					.append(id)
					.append("', '")
					.append(phone(i).replace("-", ""))
					.append("', 'GOLD', ")
					.append(i % 1000)
					.append(", '")
					.append(updatedAt)
					.append("')");
			}
			this.warehouse.execute(sql.toString());
		}
	}

	void row(long id, String updatedAt, String phone) {
		// a timestamp, not text: PostgreSQL casts no text parameter to a timestamp
		this.warehouse.update("INSERT INTO " + this.table + " VALUES (?, ?, ?, 'GOLD', 1, ?)", id, "m-" + id, phone,
				(updatedAt != null) ? java.sql.Timestamp.valueOf(updatedAt) : null);
	}

	/** The member ids the vendor holds. */
	List<String> delivered() {
		return sandbox.emulator("groobee").records().values().stream().map(StoredRecord::identity).toList();
	}

	/** Rows read per partition of one execution, by step name. */
	Map<String, Long> partitionReads(long executionId) {
		Map<String, Long> sizes = new TreeMap<>();
		this.repository.query(
				"SELECT STEP_NAME, READ_COUNT FROM BATCH_STEP_EXECUTION "
						+ "WHERE JOB_EXECUTION_ID = ? AND STEP_NAME LIKE 'deliver:%'",
				(RowCallbackHandler) (rs) -> sizes.put(rs.getString(1), rs.getLong(2)), executionId);
		return sizes;
	}

	/** A digest of a set of values, whatever their order. */
	static String digest(List<String> values) throws Exception {
		MessageDigest sha = MessageDigest.getInstance("SHA-256");
		values.stream().sorted().forEach((value) -> sha.update((value + "\n").getBytes(StandardCharsets.UTF_8)));
		return HexFormat.of().formatHex(sha.digest());
	}

}
