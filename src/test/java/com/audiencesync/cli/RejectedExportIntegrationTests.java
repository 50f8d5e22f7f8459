package com.audiencesync.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import com.audiencesync.JobTest;
import com.audiencesync.ParquetExtracts;
import com.audiencesync.TestExtracts;
import com.audiencesync.batch.launch.RunOutcome;
import com.audiencesync.spec.JobSpec;
import com.audiencesync.spec.SpecLoader;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import tools.jackson.databind.MappingIterator;
import tools.jackson.dataformat.csv.CsvMapper;
import tools.jackson.dataformat.csv.CsvReadFeature;
import tools.jackson.dataformat.csv.CsvSchema;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code rejected --export} and {@code --reveal} show every rejected row as it was read,
 * however odd: an integer beyond 64 bits with its exact digits, NaN and Infinity, JSON
 * nested as deep as the JSON lines reader takes, a long string, characters beyond the
 * Basic Multilingual Plane. One row that cannot be opened is named and left out; the
 * others are written.
 */
class RejectedExportIntegrationTests extends JobTest {

	private static final String BIG = "1000000000000000000000000000000";

	/** As deep as a JSON line may be: the row's object and 499 arrays in it. */
	private static final String DEEP = "[".repeat(499) + "]".repeat(499);

	private static final String LONG = "가나다라".repeat(25_000);

	@Autowired
	ApplicationContext context;

	@Override
	protected String vendor() {
		return "groobee";
	}

	@Test
	void everyRowIsExportedAsReadWithItsExactValues() throws IOException {
		// given a JSON lines extract whose rejected rows hold odd values
		JobSpec spec = jsonlJob(List.of(
				"{\"member_id\": \"m-big\", \"phone\": \"01012340001\", \"points\": " + BIG + "}",
				"{\"member_id\": \"m-nan\", \"phone\": \"01012340002\", \"points\": NaN}",
				"{\"member_id\": \"m-nan-text\", \"phone\": \"01012340003\", \"points\": \"NaN\"}",
				"{\"member_id\": \"m-inf\", \"phone\": \"01012340004\", \"points\": 1e999}",
				"{\"member_id\": \"m-deep\", \"phone\": \"01012340005\", \"points\": " + DEEP + "}",
				"{\"member_id\": \"m-long \uD83D\uDE00\uD834\uDD1E\", \"phone\": \"0101234\uD83D\uDE00\", \"note\": \""
						+ LONG + "\", \"points\": 2.50}"));
		RunOutcome outcome = this.launcher.run(spec, DATE, this.options);
		assertThat(outcome.report().rejected()).isEqualTo(6);

		// when they are exported
		Path export = this.dir.resolve("rejected.csv");
		Result result = cli("rejected", spec.name(), "--export", export.toString());

		// then every row is written, each value as it was read
		assertThat(result.code()).as(result.err()).isZero();
		assertThat(result.out()).startsWith("6 rejected row(s) of " + spec.name() + " written to " + export)
			.contains("1 without the row as read");
		List<Map<String, String>> rows = read(export);
		assertThat(rows).hasSize(6);
		assertThat(row(rows, "m-big")).containsEntry("points", BIG).containsEntry("reason", "BAD_TYPE");
		assertThat(row(rows, "m-nan-text")).containsEntry("points", "NaN");
		assertThat(row(rows, "m-inf")).containsEntry("points", "Infinity");
		assertThat(row(rows, "m-deep")).containsEntry("points", DEEP);
		Map<String, String> odd = row(rows, "m-long \uD83D\uDE00\uD834\uDD1E");
		assertThat(odd).containsEntry("phone", "0101234\uD83D\uDE00")
			.containsEntry("note", LONG)
			.containsEntry("points", "2.5")
			.containsEntry("reason", "BAD_PHONE");
		// the line that is not JSON is exported with where it was and why, nothing else
		assertThat(rows).filteredOn((row) -> "BAD_JSON".equals(row.get("reason")))
			.singleElement()
			.satisfies((row) -> assertThat(row).containsEntry("member_id", "")
				.containsEntry("line", "3")
				.containsEntry("source", "members.jsonl")
				.containsEntry("run", DATE.toString())
				.containsEntry("stage", "TRANSFORM"));
		assertThat(rows).allSatisfy((row) -> assertThat(row.get("rejected_id")).matches("\\d+"));

		// and --reveal prints the same values
		Result revealed = cli("rejected", spec.name(), "--reveal");
		assertThat(revealed.code()).isZero();
		assertThat(revealed.out()).contains("\"points\":" + BIG)
			.contains("\"points\":" + DEEP)
			.contains("\"points\":\"NaN\"")
			.contains("m-long \uD83D\uDE00\uD834\uDD1E");
	}

	@Test
	void aRowThatCannotBeOpenedIsNamedAndTheOthersAreExported() throws IOException {
		// given two rejected rows, one of whose kept copies is broken
		JobSpec spec = jsonlJob(
				List.of("{\"member_id\": \"m-big\", \"phone\": \"01012340001\", \"points\": " + BIG + "}",
						"{\"member_id\": \"m-bad-phone\", \"phone\": \"123\", \"points\": 1}"));
		this.launcher.run(spec, DATE, this.options);
		long broken = this.jdbc.queryForObject("SELECT MIN(ID) FROM AS_REJECTED_ROW WHERE JOB_NAME = ?", Long.class,
				spec.name());
		this.jdbc.update("UPDATE AS_REJECTED_SOURCE SET ROW_SEALED = ? WHERE REJECTED_ID = ?", new byte[40], broken);

		// when they are exported
		Path export = this.dir.resolve("rejected.csv");
		Result result = cli("rejected", spec.name(), "--export", export.toString());

		// then the other row is written, the broken one named on stderr, and the exit
		// code says one is missing
		assertThat(result.code()).isEqualTo(ExitCodes.FAILED);
		assertThat(result.err()).startsWith("rejected row " + broken + " (members.jsonl:2): cannot open a sealed value")
			.contains("not exported");
		assertThat(result.out()).contains("1 rejected row(s) of " + spec.name())
			.contains("1 could not be opened and are not in it");
		assertThat(read(export)).singleElement()
			.satisfies((row) -> assertThat(row).containsEntry("member_id", "m-bad-phone"));

		// and --reveal shows the other rows, naming the broken one
		Result revealed = cli("rejected", spec.name(), "--reveal");
		assertThat(revealed.code()).isEqualTo(ExitCodes.FAILED);
		assertThat(revealed.out()).contains("m-bad-phone").contains("row: (cannot be opened: see stderr)");
		assertThat(revealed.err()).startsWith("rejected row " + broken + " (members.jsonl:2): cannot open");
	}

	@Test
	void aRejectedParquetRowIsExportedWithItsFileRowNumberAndItsMappedColumns() throws IOException {
		// given a Parquet extract whose 43rd row has a phone that is not one
		List<Map<String, Object>> rows = new ArrayList<>();
		for (int i = 0; i < 100; i++) {
			Map<String, Object> row = new java.util.LinkedHashMap<>();
			row.put("member_id", "m-" + i);
			row.put("phone", (i == 42) ? "123" : TestExtracts.phone(i).replace("-", ""));
			row.put("balance", 123_456L + i);
			row.put("address", Map.of("city", "Seoul"));
			row.put("secret", "never read");
			rows.add(row);
		}
		ParquetExtracts.write(this.dir.resolve("pq/members.parquet"), """
				message m {
				  required binary member_id (STRING);
				  required binary phone (STRING);
				  optional int64 balance (DECIMAL(12,2));
				  optional group address { optional binary city (STRING); }
				  optional binary secret (STRING);
				}
				""", ParquetExtracts.Shape.DEFAULT, rows);
		String name = "export-pq-" + UUID.randomUUID().toString().substring(0, 8);
		JobSpec spec = new SpecLoader().load(TestExtracts.write(this.dir.resolve(name + ".yml"), """
				name: %s
				source: { type: file, path: pq, format: parquet }
				mapping:
				  fields:
				    memberId: member_id
				    phoneNumber: { column: phone, type: phone }
				  properties:
				    fields:
				      balance: { column: balance, type: decimal }
				      city: address.city
				destination: { vendor: groobee, endpoint: personalizations }
				""".formatted(name)));
		RunOutcome outcome = this.launcher.run(spec, DATE, this.options);
		assertThat(outcome.report().rejected()).isEqualTo(1);

		// when it is exported and revealed
		Path export = this.dir.resolve("rejected-pq.csv");
		Result result = cli("rejected", spec.name(), "--export", export.toString());
		Result revealed = cli("rejected", spec.name(), "--reveal");

		// then it names the file and the row, with the mapped columns as read (the
		// unmapped one was never read)
		assertThat(result.code()).as(result.err()).isZero();
		assertThat(read(export)).singleElement()
			.satisfies((row) -> assertThat(row).containsEntry("member_id", "m-42")
				.containsEntry("phone", "123")
				.containsEntry("balance", "1234.98")
				.containsEntry("source", "members.parquet")
				.containsEntry("line", "43")
				.containsEntry("reason", "BAD_PHONE")
				.doesNotContainKey("secret"));
		assertThat(revealed.code()).isZero();
		assertThat(revealed.out()).contains("members.parquet:43")
			.contains("\"city\":\"Seoul\"")
			.doesNotContain("never read");
	}

	/**
	 * A job of 100 good rows (so the skip ratio holds) with these lines among them, from
	 * the second line on.
	 */
	private JobSpec jsonlJob(List<String> odd) {
		String name = "export-" + UUID.randomUUID().toString().substring(0, 8);
		List<String> lines = new ArrayList<>();
		lines.add("{\"member_id\": \"m-0\", \"phone\": \"01010000000\", \"points\": 0}");
		lines.addAll(odd);
		lines.addAll(IntStream.range(1, 100)
			.mapToObj((i) -> "{\"member_id\": \"m-" + i + "\", \"phone\": \"" + TestExtracts.phone(i).replace("-", "")
					+ "\", \"points\": " + i + "}")
			.collect(Collectors.toList()));
		TestExtracts.write(this.dir.resolve("data/members.jsonl"), String.join("\n", lines) + "\n");
		Path spec = TestExtracts.write(this.dir.resolve(name + ".yml"), """
				name: %s
				source:
				  type: file
				  path: data
				  format: jsonl
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
				skip:
				  ratio: 0.5
				""".formatted(name));
		return new SpecLoader().load(spec);
	}

	/** An export's rows, each column to its cell. */
	static List<Map<String, String>> read(Path export) throws IOException {
		CsvMapper csv = CsvMapper.builder().enable(CsvReadFeature.WRAP_AS_ARRAY).build();
		List<Map<String, String>> rows = new ArrayList<>();
		try (MappingIterator<List<String>> lines = csv.readerForListOf(String.class)
			.with(CsvSchema.emptySchema())
			.readValues(Files.newBufferedReader(export))) {
			List<String> header = lines.next();
			while (lines.hasNext()) {
				List<String> cells = lines.next();
				Map<String, String> row = new java.util.LinkedHashMap<>();
				for (int i = 0; i < header.size(); i++) {
					row.put(header.get(i), cells.get(i));
				}
				rows.add(row);
			}
		}
		return rows;
	}

	private static Map<String, String> row(List<Map<String, String>> rows, String member) {
		return rows.stream()
			.filter((row) -> member.equals(row.get("member_id")))
			.findFirst()
			.orElseThrow(() -> new AssertionError("no row of " + member + " in " + rows.size() + " rows"));
	}

	/**
	 * What a command line did.
	 *
	 * @param code the exit code
	 * @param out standard output
	 * @param err standard error
	 */
	record Result(int code, String out, String err) {
	}

	/** A command line on the test's application. */
	Result cli(String... args) {
		StringWriter out = new StringWriter();
		StringWriter err = new StringWriter();
		CommandLine commandLine = Cli.commandLine(this.context);
		commandLine.setOut(new PrintWriter(out, true));
		commandLine.setErr(new PrintWriter(err, true));
		int code = commandLine.execute(args);
		return new Result(code, out.toString(), err.toString());
	}

}
