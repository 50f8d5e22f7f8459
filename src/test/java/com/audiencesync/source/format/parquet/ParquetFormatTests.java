package com.audiencesync.source.format.parquet;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.audiencesync.ParquetExtracts;
import com.audiencesync.ParquetExtracts.Shape;
import com.audiencesync.source.SourceRow;
import com.audiencesync.source.format.ExtractBytes;
import com.audiencesync.source.format.FormatOptions;
import com.audiencesync.source.format.RecordParser;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.api.Binary;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Parquet files written by parquet-java's writer, read back as the mapping sees rows:
 * every type the issue names, each codec, dictionary and plain pages, several row groups
 * with a restart in the middle, only the mapped columns, and files that are not Parquet
 * or are cut short.
 */
class ParquetFormatTests {

	private static final String TYPES = """
			message m {
			  required binary member_id (STRING);
			  optional int32 age;
			  optional int64 points;
			  optional double score;
			  optional float ratio;
			  optional boolean opted_in;
			  optional int64 balance (DECIMAL(12,2));
			  optional fixed_len_byte_array(9) big (DECIMAL(20,4));
			  optional int32 birthday (DATE);
			  optional int64 joined (TIMESTAMP(MICROS,true));
			  optional int64 local_time (TIMESTAMP(MILLIS,false));
			  optional int64 precise (TIMESTAMP(NANOS,true));
			  optional int96 legacy;
			  optional binary raw;
			  optional group tags (LIST) { repeated group list { optional binary element (STRING); } }
			  optional group counts (MAP) { repeated group key_value { required binary key (STRING); optional int32 value; } }
			  optional group address { optional binary city (STRING); optional binary zip (STRING); }
			}
			""";

	@TempDir
	Path dir;

	@Test
	void everyTypeIsReadAsTheMappingReadsJson() throws IOException {
		Map<String, Object> row = new LinkedHashMap<>();
		row.put("member_id", "m-1");
		row.put("age", 41);
		row.put("points", 9_000_000_000L);
		row.put("score", 0.25);
		row.put("ratio", 1.1f);
		row.put("opted_in", true);
		row.put("balance", 123456L);
		row.put("big", Binary.fromConstantByteArray(fixed(new BigDecimal("1234567890123.4567"), 9)));
		row.put("birthday", (int) LocalDate.of(1985, 3, 1).toEpochDay());
		row.put("joined", Instant.parse("2026-11-22T03:00:00.123456Z").getEpochSecond() * 1_000_000L + 123_456);
		row.put("local_time", 1_763_780_400_000L);
		row.put("precise", 1_763_780_400_000_000_001L);
		row.put("legacy", Instant.parse("2026-11-22T03:00:00Z"));
		row.put("raw", "text without an annotation");
		row.put("tags", Arrays.asList("vip", null, "app"));
		row.put("counts", Map.of("orders", 3));
		row.put("address", Map.of("city", "Seoul"));
		Path file = ParquetExtracts.write(this.dir.resolve("types.parquet"), TYPES, Shape.DEFAULT,
				List.of(row, Map.of("member_id", "m-2")));

		List<SourceRow> rows = readAll(file, FormatOptions.DEFAULT);

		assertThat(rows).hasSize(2);
		Map<String, Object> values = rows.get(0).values();
		assertThat(values).containsEntry("member_id", "m-1")
			.containsEntry("age", 41)
			.containsEntry("points", 9_000_000_000L)
			.containsEntry("score", 0.25)
			.containsEntry("ratio", 1.1)
			.containsEntry("opted_in", true)
			.containsEntry("balance", new BigDecimal("1234.56"))
			.containsEntry("big", new BigDecimal("1234567890123.4567"))
			.containsEntry("birthday", "1985-03-01")
			.containsEntry("joined", "2026-11-22T03:00:00.123456Z")
			.containsEntry("local_time", "2025-11-22T03:00")
			.containsEntry("precise", "2025-11-22T03:00:00.000000001Z")
			.containsEntry("legacy", "2026-11-22T03:00:00Z")
			.containsEntry("raw", "text without an annotation")
			.containsEntry("tags", Arrays.asList("vip", null, "app"))
			.containsEntry("counts", Map.of("orders", 3));
		assertThat(values.get("address")).isEqualTo(mapOf("city", "Seoul", "zip", null));
		// an optional column left unset is a null, as a JSON null is
		assertThat(rows.get(1).values()).containsEntry("member_id", "m-2").containsEntry("age", null);
		assertThat(rows.get(1).values().get("tags")).isNull();
		assertThat(rows).extracting(SourceRow::position).containsExactly(1L, 2L);
	}

	/**
	 * Files another writer made: DuckDB's {@code COPY ... (FORMAT parquet)}, 2,500 rows
	 * in row groups of at most 1,000, made by
	 * {@code src/test/resources/parquet/duckdb.mjs}.
	 */
	@ParameterizedTest
	@ValueSource(strings = { "snappy", "zstd", "gzip" })
	void filesDuckDbWroteAreReadValueForValue(String codec) throws Exception {
		Path file = Path.of(getClass().getResource("/parquet/duckdb-" + codec + ".parquet").toURI());

		List<SourceRow> rows = readAll(file, FormatOptions.DEFAULT);

		assertThat(rows).hasSize(2_500);
		Map<String, Object> row = rows.get(1).values();
		assertThat(row).containsEntry("member_id", "m-1")
			.containsEntry("phone", "010-0000-0001")
			.containsEntry("grade", "SILVER")
			.containsEntry("points", 10L)
			.containsEntry("balance", new BigDecimal("1.500"))
			.containsEntry("birthday", "1985-03-02")
			.containsEntry("local_time", "2026-11-22T03:00:01")
			.containsEntry("joined", "2026-11-22T03:00:01Z")
			.containsEntry("opted_in", false)
			.containsEntry("tags", List.of("t1", "all"))
			.containsEntry("uid", "00000000-0000-0000-0000-000000000001")
			.containsEntry("score", 0.25);
		assertThat(row.get("address")).isEqualTo(mapOf("city", "Busan", "zip", null));
		assertThat(row.get("prefs")).isEqualTo(Map.of("email", 1L, "sms", 1L));
		assertThat(rows.get(7).values()).containsEntry("points", null);
		assertThat(rows.get(2_499).values()).containsEntry("member_id", "m-2499");
	}

	@Test
	void theOlderTwoLevelListsOfHiveAndSparkAreListsToo() throws IOException {
		Path file = ParquetExtracts.write(this.dir.resolve("legacy.parquet"),
				"""
						message m {
						  required binary member_id (STRING);
						  optional group tags (LIST) { repeated binary array (STRING); }
						  optional group orders (LIST) { repeated group array { optional binary sku (STRING); optional int32 qty; } }
						  optional group pairs (LIST) { repeated group pairs_tuple { optional binary a (STRING); } }
						  repeated int32 scores;
						}
						""",
				Shape.DEFAULT,
				List.of(Map.of("member_id", "m-1", "tags", List.of("vip", "app"), "orders",
						List.of(Map.of("sku", "A", "qty", 2), Map.of("sku", "B", "qty", 1)), "pairs",
						List.of(Map.of("a", "x")), "scores", List.of(3, 4))));

		Map<String, Object> values = readAll(file, FormatOptions.DEFAULT).get(0).values();

		assertThat(values).containsEntry("tags", List.of("vip", "app"))
			.containsEntry("orders", List.of(Map.of("sku", "A", "qty", 2), Map.of("sku", "B", "qty", 1)))
			.containsEntry("pairs", List.of(Map.of("a", "x")))
			.containsEntry("scores", List.of(3, 4));
	}

	@ParameterizedTest
	@EnumSource(value = CompressionCodecName.class, names = { "UNCOMPRESSED", "SNAPPY", "GZIP", "ZSTD", "LZ4_RAW" })
	void eachCodecDictionaryOrPlainReadsTheSameRows(CompressionCodecName codec) throws IOException {
		List<Map<String, Object>> written = members(3000);
		for (boolean dictionary : new boolean[] { true, false }) {
			Path file = ParquetExtracts.write(this.dir.resolve(codec + "-" + dictionary + ".parquet"), MEMBERS,
					new Shape(codec, dictionary, 1_000_000), written);

			List<SourceRow> rows = readAll(file, FormatOptions.DEFAULT);

			assertThat(rows).extracting(SourceRow::values)
				.as("%s, dictionary %s", codec, dictionary)
				.isEqualTo(written);
		}
	}

	@Test
	void aRestartPassesOverWholeRowGroupsAndGoesOnFromItsRow() throws IOException {
		List<Map<String, Object>> written = members(20_000);
		Path file = ParquetExtracts.write(this.dir.resolve("groups.parquet"), MEMBERS,
				new Shape(CompressionCodecName.ZSTD, true, 6_000), written);
		try (RecordParser parser = open(file, FormatOptions.DEFAULT)) {
			assertThat(((ParquetRows) parser).rowGroups()).isEqualTo(4);
		}

		for (int committed : new int[] { 0, 1, 7_001, 19_999, 20_000 }) {
			try (RecordParser parser = open(file, FormatOptions.DEFAULT)) {
				parser.skip(committed);
				List<SourceRow> rest = new ArrayList<>();
				SourceRow row;
				while ((row = parser.next()) != null) {
					rest.add(row);
				}
				assertThat(rest).hasSize(20_000 - committed);
				if (committed < 20_000) {
					assertThat(rest.get(0).position()).isEqualTo(committed + 1);
					assertThat(rest.get(0).values()).isEqualTo(written.get(committed));
				}
			}
		}
	}

	@Test
	void onlyTheMappedColumnsAreReadWhileTheSchemaNamesThemAll() throws IOException {
		Path file = ParquetExtracts.write(this.dir.resolve("some.parquet"), MEMBERS, Shape.DEFAULT, members(10));

		try (RecordParser parser = open(file, FormatOptions.DEFAULT.reading(Set.of("member_id", "phone")::contains))) {
			assertThat(parser.columns()).get()
				.satisfies((columns) -> assertThat(columns.names()).containsExactly("member_id", "phone", "grade",
						"points"));
			assertThat(parser.next().values()).containsOnlyKeys("member_id", "phone");
		}
	}

	@Test
	void aFileThatIsNotParquetFailsNamingWhatItIs() throws IOException {
		Path csv = Files.writeString(this.dir.resolve("members.parquet"), "member_id,phone\nm-1,010\n");

		assertThatExceptionOfType(IOException.class).isThrownBy(() -> open(csv, FormatOptions.DEFAULT))
			.withMessageStartingWith("not a Parquet file");
	}

	@Test
	void aFileCutShortFailsAtItsFooterOrItsRowGroup() throws IOException {
		Path file = ParquetExtracts.write(this.dir.resolve("whole.parquet"), MEMBERS,
				new Shape(CompressionCodecName.SNAPPY, true, 6_000), members(20_000));
		byte[] bytes = Files.readAllBytes(file);
		Path cut = Files.write(this.dir.resolve("cut.parquet"), Arrays.copyOf(bytes, bytes.length / 2));

		assertThatExceptionOfType(IOException.class).isThrownBy(() -> open(cut, FormatOptions.DEFAULT))
			.withMessageStartingWith("not a Parquet file");
	}

	static final String MEMBERS = """
			message m {
			  required binary member_id (STRING);
			  optional binary phone (STRING);
			  optional binary grade (STRING);
			  optional int64 points;
			}
			""";

	static List<Map<String, Object>> members(int count) {
		List<Map<String, Object>> rows = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			Map<String, Object> row = new LinkedHashMap<>();
			row.put("member_id", "m-" + i);
			row.put("phone", String.format("010-%04d-%04d", i / 10_000, i % 10_000));
			row.put("grade", (i % 3 == 0) ? "GOLD" : "SILVER");
			row.put("points", (i % 7 == 0) ? null : (long) i * 10);
			rows.add(row);
		}
		return rows;
	}

	private static Map<String, Object> mapOf(String k1, Object v1, String k2, Object v2) {
		Map<String, Object> map = new LinkedHashMap<>();
		map.put(k1, v1);
		map.put(k2, v2);
		return map;
	}

	private static byte[] fixed(BigDecimal value, int length) {
		byte[] unscaled = value.unscaledValue().toByteArray();
		byte[] out = new byte[length];
		System.arraycopy(unscaled, 0, out, length - unscaled.length, unscaled.length);
		return out;
	}

	static List<SourceRow> readAll(Path file, FormatOptions options) throws IOException {
		try (RecordParser parser = open(file, options)) {
			List<SourceRow> rows = new ArrayList<>();
			SourceRow row;
			while ((row = parser.next()) != null) {
				rows.add(row);
			}
			return rows;
		}
	}

	static RecordParser open(Path file, FormatOptions options) throws IOException {
		byte[] bytes = Files.readAllBytes(file);
		return new ParquetFormat().open(new ExtractBytes() {

			@Override
			public long length() {
				return bytes.length;
			}

			@Override
			public int read(long position, byte[] into, int offset, int length) {
				if (position >= bytes.length) {
					return -1;
				}
				int read = (int) Math.min(length, bytes.length - position);
				System.arraycopy(bytes, (int) position, into, offset, read);
				return read;
			}

			@Override
			public void close() {
			}

		}, file.getFileName().toString(), options);
	}

}
