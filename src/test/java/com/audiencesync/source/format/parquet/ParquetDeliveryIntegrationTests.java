package com.audiencesync.source.format.parquet;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.audiencesync.JobTest;
import com.audiencesync.ParquetExtracts;
import com.audiencesync.ParquetExtracts.Shape;
import com.audiencesync.TestExtracts;
import com.audiencesync.batch.launch.RunOutcome;
import com.audiencesync.batch.launch.RunOutcome.Kind;
import com.audiencesync.destination.emulator.StoredRecord;
import com.audiencesync.spec.JobSpec;
import com.audiencesync.spec.SpecLoader;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Parquet extracts in the shapes data platforms write them (snappy or zstd or gzip,
 * dictionary or plain pages, one row group or several), delivered through whole jobs to
 * the Groobee, Marketap and Hackle emulators and checked field by field; a mapped column
 * the schema lacks stops the night before anything is sent; a null in a required field
 * and a value of the wrong type reject their rows only, naming the row and the column.
 */
class ParquetDeliveryIntegrationTests extends JobTest {

	private static final int ROWS = 2_500;

	private static final String SCHEMA = """
			message members {
			  optional binary member_id (STRING);
			  optional binary phone (STRING);
			  optional binary grade (STRING);
			  optional int64 points;
			  optional int64 joined (TIMESTAMP(MICROS,true));
			  optional boolean opted_in;
			  optional group address { optional binary city (STRING); }
			  optional group tags (LIST) { repeated group list { optional binary element (STRING); } }
			  optional group prefs (MAP) { repeated group key_value { required binary key (STRING); optional int32 value; } }
			  optional int64 balance (DECIMAL(12,2));
			  optional int96 last_seen;
			  optional binary unmapped (STRING);
			}
			""";

	@Override
	protected String vendor() {
		return "groobee";
	}

	static List<Shape> shapes() {
		return List.of(new Shape(CompressionCodecName.SNAPPY, true, 1_000_000),
				new Shape(CompressionCodecName.ZSTD, false, 1_000_000),
				new Shape(CompressionCodecName.GZIP, true, 1_000));
	}

	@ParameterizedTest
	@MethodSource("shapes")
	void eachShapeIsDeliveredFieldByFieldToGroobeeMarketapAndHackle(Shape shape) {
		Path file = ParquetExtracts.write(this.dir.resolve("members/members.parquet"), SCHEMA, shape, rows());

		RunOutcome groobee = run("groobee", """
				mapping:
				  fields:
				    memberId: member_id
				    phoneNumber: { column: phone, type: phone }
				  properties:
				    columns: [grade]
				    fields:
				      points: { column: points, type: integer }
				      joined: { column: joined, type: timestamp }
				      lastSeen: { column: last_seen, type: timestamp }
				destination: { vendor: groobee, endpoint: personalizations }
				""", file);
		RunOutcome marketap = run("marketap", """
				mapping:
				  fields:
				    userId: member_id
				  properties:
				    columns: [grade]
				    fields:
				      points: { column: points, type: integer }
				      marketingOptIn: { column: opted_in, type: boolean }
				      city: address.city
				      balance: { column: balance, type: decimal }
				      tags: { column: tags, type: json }
				      prefs: { column: prefs, type: json }
				      address: { column: address, type: json }
				destination: { vendor: marketap, endpoint: profiles }
				""", file);
		RunOutcome hackle = run("hackle", """
				mapping:
				  fields:
				    userId: member_id
				  properties:
				    fields:
				      grade: grade
				      points: { column: points, type: integer }
				destination: { vendor: hackle, endpoint: properties }
				""", file);

		for (RunOutcome outcome : List.of(groobee, marketap, hackle)) {
			assertThat(outcome.kind()).as(outcome.message()).isEqualTo(Kind.COMPLETED);
			assertThat(outcome.report().read()).isEqualTo(ROWS);
			assertThat(outcome.report().delivered()).isEqualTo(ROWS);
		}
		assertThat(sandbox.emulator("groobee").records()).hasSize(ROWS);
		assertThat(sandbox.emulator("marketap").records()).hasSize(ROWS);
		Map<String, StoredRecord> atHackleAll = sandbox.emulator("hackle").records();
		assertThat(atHackleAll).hasSize(ROWS);
		for (int i : new int[] { 1, 7, 1_002, ROWS - 1 }) {
			String points = (i % 7 == 0) ? null : String.valueOf(i * 10L);
			Map<String, Object> atGroobee = sandbox.emulator("groobee")
				.records()
				.get(TestExtracts.phone(i))
				.properties();
			assertThat(sandbox.emulator("groobee").records().get(TestExtracts.phone(i)).identity()).isEqualTo("m-" + i);
			assertThat(atGroobee.get("grade")).isEqualTo((i % 3 == 0) ? "GOLD" : "SILVER");
			assertThat(text(atGroobee.get("points"))).as("points of %d", i).isEqualTo(points);
			assertThat(atGroobee.get("joined"))
				.isEqualTo(Instant.parse("2026-11-22T03:00:00Z").plusSeconds(i).toString());
			// an INT96 instant, placed in the spec's zone as any timestamp with an offset
			// is
			assertThat(atGroobee.get("lastSeen"))
				.isEqualTo(Instant.parse("2026-11-21T15:00:00Z").plusSeconds(i).toString());
			Map<String, Object> atMarketap = sandbox.emulator("marketap").records().get("m-" + i).properties();
			assertThat(atMarketap.get("grade")).isEqualTo((i % 3 == 0) ? "GOLD" : "SILVER");
			assertThat(text(atMarketap.get("points"))).isEqualTo(points);
			assertThat(atMarketap.get("marketingOptIn")).isEqualTo(i % 2 == 0);
			assertThat(atMarketap.get("city")).isEqualTo((i % 2 == 0) ? "Seoul" : "Busan");
			assertThat(text(atMarketap.get("balance")))
				.isEqualTo(new BigDecimal(1_000_000L + i).movePointLeft(2).toString());
			// lists, maps and structs as nested values, where the spec says type: json
			assertThat(atMarketap.get("tags")).isEqualTo(List.of("t" + (i % 5)));
			assertThat(atMarketap.get("prefs")).isEqualTo(Map.of("email", i % 2, "sms", 1));
			assertThat(atMarketap.get("address")).isEqualTo(Map.of("city", (i % 2 == 0) ? "Seoul" : "Busan"));
			Map<String, Object> atHackle = atHackleAll.get("user:m-" + i).properties();
			assertThat(atHackle.get("grade")).isEqualTo((i % 3 == 0) ? "GOLD" : "SILVER");
			// an absent value is omitted at Hackle (on-blank: omit), not sent as null
			assertThat(text(atHackle.get("points"))).isEqualTo(points);
		}
	}

	@Test
	void aMappedColumnTheSchemaLacksStopsTheNightBeforeAnythingIsSentWithAHint() {
		Path file = ParquetExtracts.write(this.dir.resolve("typo/members.parquet"), SCHEMA, Shape.DEFAULT, rows());

		RunOutcome outcome = run("groobee", """
				mapping:
				  fields:
				    memberId: member_id
				    phoneNumber: { column: phone, type: phone }
				  properties:
				    columns: [grdae]
				destination: { vendor: groobee, endpoint: personalizations }
				""", file);

		assertThat(outcome.kind()).isNotEqualTo(Kind.COMPLETED);
		assertThat(outcome.message()).contains("grdae").contains("did you mean 'grade'?");
		assertThat(sandbox.emulator("groobee").requestCount()).isZero();
	}

	@Test
	void aFileCutShortOrNotParquetStopsTheNightAtItsPlanNamingTheFileBeforeAnythingIsSent() throws Exception {
		Path good = ParquetExtracts.write(this.dir.resolve("cut/a-good.parquet"), SCHEMA, Shape.DEFAULT, rows());
		byte[] whole = Files.readAllBytes(good);
		Files.write(this.dir.resolve("cut/b-cut.parquet"), Arrays.copyOf(whole, whole.length - 100));

		RunOutcome outcome = run("groobee", """
				mapping:
				  fields:
				    memberId: member_id
				    phoneNumber: { column: phone, type: phone }
				  properties:
				    columns: [grade]
				destination: { vendor: groobee, endpoint: personalizations }
				""", good);

		assertThat(outcome.kind()).isEqualTo(Kind.FAILED);
		assertThat(outcome.report().exitMessage()).contains("b-cut.parquet").contains("not a Parquet file");
		assertThat(sandbox.emulator("groobee").requestCount()).isZero();
	}

	@Test
	void aNullInARequiredFieldAndATextWhereAnIntegerIsMappedRejectThoseRowsOnlyNamingRowAndColumn() {
		String schema = """
				message members {
				  optional binary member_id (STRING);
				  optional binary phone (STRING);
				  optional binary points (STRING);
				}
				""";
		List<Map<String, Object>> rows = new ArrayList<>();
		for (int i = 0; i < 100; i++) {
			Map<String, Object> row = new LinkedHashMap<>();
			row.put("member_id", (i == 2) ? null : "m-" + i);
			row.put("phone", TestExtracts.phone(i));
			row.put("points", (i == 4) ? "lots" : String.valueOf(i));
			rows.add(row);
		}
		Path file = ParquetExtracts.write(this.dir.resolve("bad/members.parquet"), schema, Shape.DEFAULT, rows);

		RunOutcome outcome = run("groobee", """
				mapping:
				  fields:
				    memberId: member_id
				    phoneNumber: { column: phone, type: phone }
				  properties:
				    fields:
				      points: { column: points, type: integer }
				destination: { vendor: groobee, endpoint: personalizations }
				skip: { limit: 10 }
				""", file);

		assertThat(outcome.kind()).as(outcome.message()).isEqualTo(Kind.COMPLETED);
		assertThat(outcome.report().delivered()).isEqualTo(98);
		assertThat(sandbox.emulator("groobee").records()).hasSize(98)
			.doesNotContainKeys(TestExtracts.phone(2), TestExtracts.phone(4));
		List<Map<String, Object>> rejected = this.jdbc.queryForList(
				"SELECT POSITION, REASON_CODE, MESSAGE FROM AS_REJECTED_ROW WHERE JOB_NAME = ? ORDER BY POSITION",
				outcome.report().jobName());
		assertThat(rejected).hasSize(2);
		assertThat(rejected.get(0).get("POSITION")).isEqualTo(3L);
		assertThat(rejected.get(0).get("MESSAGE").toString()).contains("member_id");
		assertThat(rejected.get(1).get("POSITION")).isEqualTo(5L);
		assertThat(rejected.get(1).get("MESSAGE").toString()).contains("points").contains("is not an integer");
	}

	private static String text(Object value) {
		return (value != null) ? value.toString() : null;
	}

	private RunOutcome run(String vendor, String rest, Path file) {
		sandbox.emulator(vendor).reset();
		String job = "parquet-" + vendor + "-" + UUID.randomUUID().toString().substring(0, 8);
		Path spec = TestExtracts.write(this.dir.resolve(job + ".yml"), """
				name: %s
				source:
				  type: file
				  path: %s
				  format: parquet
				%schunk: 200
				""".formatted(job, file.getParent(), rest));
		JobSpec loaded = new SpecLoader().load(spec);
		return this.launcher.run(loaded, DATE, sandbox.options(vendor));
	}

	static List<Map<String, Object>> rows() {
		List<Map<String, Object>> rows = new ArrayList<>();
		for (int i = 0; i < ROWS; i++) {
			Map<String, Object> row = new LinkedHashMap<>();
			row.put("member_id", "m-" + i);
			row.put("phone", TestExtracts.phone(i));
			row.put("grade", (i % 3 == 0) ? "GOLD" : "SILVER");
			row.put("points", (i % 7 == 0) ? null : (long) i * 10);
			row.put("joined", Instant.parse("2026-11-22T03:00:00Z").plusSeconds(i).getEpochSecond() * 1_000_000L);
			row.put("opted_in", i % 2 == 0);
			row.put("address", Map.of("city", (i % 2 == 0) ? "Seoul" : "Busan"));
			row.put("tags", List.of("t" + (i % 5)));
			row.put("prefs", Map.of("email", i % 2, "sms", 1));
			row.put("balance", 1_000_000L + i);
			row.put("last_seen", Instant.parse("2026-11-21T15:00:00Z").plusSeconds(i));
			row.put("unmapped", "never read");
			rows.add(row);
		}
		return rows;
	}

}
