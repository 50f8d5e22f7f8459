package com.audiencesync.source;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.audiencesync.JobTest;
import com.audiencesync.TestExtracts;
import com.audiencesync.batch.launch.RunOutcome;
import com.audiencesync.batch.launch.RunOutcome.Kind;
import com.audiencesync.destination.emulator.StoredRecord;
import com.audiencesync.spec.SpecLoader;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The bad-input suite: each kind of broken extract a data platform hands over, generated,
 * run through a whole job against the Groobee emulator. A bad row is rejected with a
 * reason a person understands at its true line while the good rows around it are
 * delivered, once each; an extract that cannot be read any further fails the night at its
 * plan, naming the file and the line, before anything is sent; nothing crashes and
 * nothing is lost silently.
 */
class BadInputIntegrationTests extends JobTest {

	/** Good rows on each side of a bad one. */
	private static final int AROUND = 50;

	private static final String CSV_HEADER = "member_id,phone,grade,points,joined";

	@Override
	protected String vendor() {
		return "groobee";
	}

	// ---- encodings, compression, line ends

	@Test
	void truncatedGzipFailsTheNightBeforeAnythingIsSentNamingTheLine() {
		byte[] whole = TestExtracts.gzip(csv(0, 3000, List.of()));

		Run run = run("csv", "members.csv.gz", Arrays.copyOf(whole, whole.length / 2), "");

		assertThat(run.outcome().kind()).isEqualTo(Kind.FAILED);
		assertThat(run.outcome().report().exitMessage()).startsWith("members.csv.gz: cannot read after line ")
			.contains("Unexpected end of ZLIB input stream");
		// the plan reads every extract before the first request: the half that could be
		// read waits with the others for a whole extract
		assertThat(run.delivered()).isZero();
		assertThat(run.outcome().report().delivered()).isZero();
	}

	@Test
	void aGzipNameOnBytesThatAreNotGzipFailsTheExtract() {
		Run run = run("csv", "members.csv.gz", csv(0, 10, List.of()), "");

		assertThat(run.outcome().kind()).isEqualTo(Kind.FAILED);
		assertThat(run.outcome().report().exitMessage())
			.isEqualTo("members.csv.gz: named .gz but not gzip (its first bytes are not gzip's): rename it, or "
					+ "compress it");
		assertThat(run.delivered()).isZero();
	}

	@Test
	void corruptGzipDataFailsTheExtractNamingTheLine() {
		byte[] corrupt = TestExtracts.gzip(csv(0, 3000, List.of()));
		for (int i = corrupt.length / 2; i < corrupt.length / 2 + 64; i++) {
			corrupt[i] = (byte) (corrupt[i] ^ 0x5a);
		}

		Run run = run("csv", "members.csv.gz", corrupt, "");

		// gzip's check sum comes at its end: bytes that still inflate come out as garbage
		// rows, rejected, until the inflater or the skip limit stops the extract
		assertThat(run.outcome().kind()).isEqualTo(Kind.FAILED);
		assertThat(run.outcome().report().exitMessage()).containsAnyOf("members.csv.gz: cannot read after line ",
				"members.csv.gz: ");
	}

	@Test
	void invalidUtf8IsRejectedNamingTheColumn() {
		byte[] bad = concat(bytes("m-bad,01099990000,GO"), new byte[] { (byte) 0xff, (byte) 0xfe },
				bytes("LD,1,2026-11-01"));

		Run run = run("csv", "members.csv", csvAround(bad), "");

		run.assertOneRejected(AROUND + 2, "BAD_ENCODING", "column 'grade' is not valid UTF-8");
	}

	@Test
	void aByteOrderMarkIsNotPartOfTheFirstColumn() {
		byte[] bom = { (byte) 0xef, (byte) 0xbb, (byte) 0xbf };

		Run run = run("csv", "members.csv", concat(bom, csv(0, 100, List.of())), "");

		assertThat(run.outcome().kind()).isEqualTo(Kind.COMPLETED);
		assertThat(run.rejected()).isEmpty();
		assertThat(run.delivered()).isEqualTo(100);
	}

	@Test
	void crlfLineEndsKeepTrueLineNumbers() {
		String text = new String(csv(0, 100, List.of(40)), StandardCharsets.UTF_8).replace("\n", "\r\n");

		Run run = run("csv", "members.csv", text.getBytes(StandardCharsets.UTF_8), "");

		run.assertOneRejected(42, "BAD_PHONE", "is not a valid Korean phone number");
		assertThat(run.delivered()).isEqualTo(99);
	}

	@Test
	void mixedLineEndsKeepTrueLineNumbers() {
		String[] lines = new String(csv(0, 100, List.of(70)), StandardCharsets.UTF_8).split("\n");
		StringBuilder text = new StringBuilder();
		for (int i = 0; i < lines.length; i++) {
			text.append(lines[i]).append((i % 3 == 0) ? "\n" : (i % 3 == 1) ? "\r\n" : "\r");
		}

		Run run = run("csv", "members.csv", text.toString().getBytes(StandardCharsets.UTF_8), "");

		run.assertOneRejected(72, "BAD_PHONE", "is not a valid Korean phone number");
		assertThat(run.delivered()).isEqualTo(99);
	}

	// ---- JSON lines

	@Test
	void aJsonlLineThatIsNotJsonIsRejectedWithoutItsContent() {
		Run run = run("jsonl", "members.jsonl", jsonlAround("{\"member_id\": \"m-x\", \"phone\": 010"), "");

		run.assertOneRejected(AROUND + 1, "BAD_JSON", "not valid JSON (column ");
		assertThat(run.rejected().get(0).get("MESSAGE").toString()).doesNotContain("m-x");
	}

	@Test
	void anArrayInsteadOfAnObject() {
		Run run = run("jsonl", "members.jsonl", jsonlAround("[\"m-x\", \"01012345678\"]"), "");

		run.assertOneRejected(AROUND + 1, "BAD_JSON", "line is JSON but an array, not an object");
	}

	@Test
	void aScalarInsteadOfAnObject() {
		Run run = run("jsonl", "members.jsonl", jsonlAround("42"), "");

		run.assertOneRejected(AROUND + 1, "BAD_JSON", "line is JSON but a number, not an object");
	}

	@Test
	void jsonNestedTenThousandDeep() {
		String deep = "{\"member_id\": \"m-x\", \"grade\": " + "[".repeat(10_000) + "]".repeat(10_000) + "}";

		Run run = run("jsonl", "members.jsonl", jsonlAround(deep), "");

		run.assertOneRejected(AROUND + 1, "BAD_JSON", "nested deeper than");
	}

	@Test
	void anObjectNamingAKeyTwice() {
		Run run = run("jsonl", "members.jsonl",
				jsonlAround("{\"member_id\": \"m-x\", \"phone\": \"01099990000\", \"member_id\": \"m-y\"}"), "");

		run.assertOneRejected(AROUND + 1, "BAD_JSON", "the object names key 'member_id' twice");
	}

	@Test
	void nanAndInfinityAreNotNumbers() {
		List<String> lines = new ArrayList<>(jsonl(0, 20, List.of()));
		lines.add(5, "{\"member_id\": \"m-nan\", \"phone\": \"01099990000\", \"points\": NaN}");
		Run json = run("jsonl", "members.jsonl", bytes(String.join("\n", lines) + "\n"), "");
		json.assertOneRejected(6, "BAD_JSON", "not valid JSON");

		Run csv = run("csv", "members.csv", csvAround(bytes("m-inf,01099990000,GOLD,Infinity,2026-11-01")), "");
		csv.assertOneRejected(AROUND + 2, "BAD_TYPE",
				"properties.points: the value from column 'points' is not an integer");
	}

	@Test
	void numbersBeyondLong() {
		Run run = run("jsonl", "members.jsonl",
				jsonlAround("{\"member_id\": \"m-x\", \"phone\": \"01099990000\", \"points\": 99999999999999999999}"),
				"");

		run.assertOneRejected(AROUND + 1, "BAD_TYPE", "is beyond the integers a vendor takes");
	}

	@Test
	void anObjectWhereATextIsExpected() {
		Run run = run("jsonl", "members.jsonl", jsonlAround("{\"member_id\": {\"id\": 7}, \"phone\": \"01099990000\"}"),
				"");

		run.assertOneRejected(AROUND + 1, "BAD_TYPE",
				"memberId: '{****}' from column 'member_id' is an object or array, not a string");
	}

	// ---- CSV

	@Test
	void aCsvRowWithTooManyColumns() {
		Run run = run("csv", "members.csv", csvAround(bytes("m-x,01099990000,GOLD,1,2026-11-01,extra")), "");

		run.assertOneRejected(AROUND + 2, "BAD_CSV", "expected 5 columns as in the header, found 6");
	}

	@Test
	void aCsvRowWithTooFewColumns() {
		Run run = run("csv", "members.csv", csvAround(bytes("m-x,01099990000,GOLD")), "");

		run.assertOneRejected(AROUND + 2, "BAD_CSV", "expected 5 columns as in the header, found 3");
	}

	@Test
	void anUnclosedQuoteAtTheEndOfTheFile() {
		String text = new String(csv(0, 100, List.of()), StandardCharsets.UTF_8) + "m-x,\"0109999,GOLD,1\n";

		Run run = run("csv", "members.csv", bytes(text), "");

		run.assertOneRejected(102, "BAD_CSV", "an unclosed quote?");
		assertThat(run.delivered()).isEqualTo(100);
	}

	@Test
	void duplicateHeaderNamesFailTheExtract() {
		Run run = run("csv", "members.csv", bytes("member_id,phone,member_id\nm-1,01012345678,m-2\n"), "");

		assertThat(run.outcome().kind()).isEqualTo(Kind.FAILED);
		assertThat(run.outcome().report().exitMessage()).isEqualTo("members.csv:1: the header names column "
				+ "'member_id' twice (columns 1 and 3): which one a field means would be a guess; rename one");
		assertThat(run.delivered()).isZero();
	}

	@Test
	void anEmptyFileIsEmpty() {
		Run failing = run("csv", "members.csv", new byte[0], "");
		assertThat(failing.outcome().kind()).isEqualTo(Kind.FAILED);
		assertThat(failing.outcome().report().exitMessage()).isEqualTo("members.csv holds no rows (empty, or a "
				+ "header only): nothing to sync (source.on-empty: complete lets such a run complete)");

		Run completing = run("csv", "members.csv", new byte[0], "  on-empty: complete\n");
		assertThat(completing.outcome().kind()).isEqualTo(Kind.COMPLETED);
		assertThat(completing.delivered()).isZero();
	}

	@Test
	void aHeaderOnlyCsvIsEmpty() {
		Run run = run("csv", "members.csv", bytes(CSV_HEADER + "\n\n"), "");

		assertThat(run.outcome().kind()).isEqualTo(Kind.FAILED);
		assertThat(run.outcome().report().exitMessage()).startsWith("members.csv holds no rows");
		assertThat(run.outcome().report().partitions()).isZero();
	}

	@Test
	void aTenMegabyteLineIsRejectedAndTheNextLinesRead() {
		// (the default limit is 4 MiB: a 5 MB value is refused too)
		String huge = "{\"member_id\": \"m-x\", \"phone\": \"01099990000\", \"grade\": \"" + "x".repeat(10 << 20)
				+ "\"}";

		Run run = run("jsonl", "members.jsonl", jsonlAround(huge), "");

		run.assertOneRejected(AROUND + 1, "LINE_TOO_LONG",
				"line longer than source.max-line-bytes (4194304 bytes): not read");
	}

	@Test
	void maxLineBytesIsTheSpecs() {
		String line = "m-x,01099990000," + "x".repeat(5000) + ",1,2026-11-01";

		Run run = run("csv", "members.csv", csvAround(bytes(line)), "  max-line-bytes: 4096\n");

		run.assertOneRejected(AROUND + 2, "LINE_TOO_LONG", "(4096 bytes)");
	}

	// ---- values

	@Test
	void aPhoneWithLetters() {
		Run run = run("csv", "members.csv", csvAround(bytes("m-x,010-CALL-NOW,GOLD,1,2026-11-01")), "");

		run.assertOneRejected(AROUND + 2, "BAD_PHONE",
				"phoneNumber: '*10-****-***' from column 'phone' is not a valid Korean phone number");
	}

	@Test
	void aForeignNumber() {
		Run run = run("csv", "members.csv", csvAround(bytes("m-x,+1 415 555 0123,GOLD,1,2026-11-01")), "");

		run.assertOneRejected(AROUND + 2, "BAD_PHONE", "is not a valid Korean phone number");
	}

	@Test
	void anEmptyUserId() {
		Run run = run("csv", "members.csv", csvAround(bytes(",01099990000,GOLD,1,2026-11-01")), "");

		run.assertOneRejected(AROUND + 2, "MISSING_FIELD", "memberId: column 'member_id' is missing or blank");
	}

	@Test
	void aWhitespaceUserId() {
		Run run = run("csv", "members.csv", csvAround(bytes("\"  \t \",01099990000,GOLD,1,2026-11-01")), "");

		run.assertOneRejected(AROUND + 2, "MISSING_FIELD", "memberId: column 'member_id' is missing or blank");
	}

	@Test
	void aUserIdWithControlCharacters() {
		Run run = run("csv", "members.csv", csvAround(bytes("m-\u0007x,01099990000,GOLD,1,2026-11-01")), "");

		run.assertOneRejected(AROUND + 2, "BAD_VALUE",
				"memberId: column 'member_id' holds a control character (U+0007 at character 3)");
	}

	@Test
	void aTimestampWithoutZoneIsTheSpecsZone() {
		Run run = run("csv", "members.csv", csv(0, 3, List.of()), "");

		assertThat(run.outcome().kind()).isEqualTo(Kind.COMPLETED);
		assertThat(run.records().get(TestExtracts.phone(1)).properties()).containsEntry("joined",
				"2026-11-01T10:00:00+09:00");
	}

	@Test
	void anImpossibleDate() {
		Run run = run("csv", "members.csv", csvAround(bytes("m-x,01099990000,GOLD,1,2026-02-30 10:00:00")), "");

		// a property's value is personal data: not shown
		run.assertOneRejected(AROUND + 2, "BAD_TIMESTAMP",
				"properties.joined: the value from column 'joined' is not a timestamp");
	}

	@Test
	void theSameMemberTwiceInOneExtractIsSentOnceAsItsLastRow() {
		String text = new String(csv(0, 10, List.of()), StandardCharsets.UTF_8) + "m-3,"
				+ TestExtracts.phone(3).replace("-", "") + ",SILVER,3,2026-11-01 10:00:00\n";

		Run run = run("csv", "members.csv", bytes(text), "");

		assertThat(run.outcome().kind()).isEqualTo(Kind.COMPLETED);
		assertThat(run.rejected()).isEmpty();
		StoredRecord twice = run.records().get(TestExtracts.phone(3));
		// decided once, by file then line: the later row
		assertThat(twice.deliveries()).isEqualTo(1);
		assertThat(run.outcome().report().superseded()).isEqualTo(1);
		assertThat(twice.properties()).containsEntry("grade", "SILVER");
	}

	// ---- another format than the spec says

	@Test
	void jsonLinesReadAsCsv() {
		Run run = run("csv", "members.csv", bytes(String.join("\n", jsonl(0, 10, List.of())) + "\n"), "");

		assertThat(run.outcome().kind()).isEqualTo(Kind.FAILED);
		assertThat(run.outcome().report().exitMessage())
			.isEqualTo("members.csv:1: the header looks like JSON, not CSV: check source.format (jsonl?)");
		assertThat(run.rejected()).isEmpty();
	}

	@Test
	void csvReadAsJsonLines() {
		Run run = run("jsonl", "members.jsonl", csv(0, 10, List.of()), "");

		assertThat(run.outcome().kind()).isEqualTo(Kind.FAILED);
		assertThat(run.outcome().report().exitMessage())
			.isEqualTo("members.jsonl:1: not JSON, so not JSON lines (it looks like CSV): check source.format");
		assertThat(run.rejected()).isEmpty();
	}

	// ---- the run

	/** What a run came to: its outcome, the rows Groobee keeps, the rejected rows. */
	private record Run(RunOutcome outcome, Map<String, StoredRecord> records, List<Map<String, Object>> rejected) {

		long delivered() {
			return this.records.values().stream().mapToLong(StoredRecord::deliveries).sum();
		}

		/** Completed, with that row rejected and every good row delivered once. */
		void assertOneRejected(long line, String reason, String message) {
			assertThat(this.rejected).as("rejected rows")
				.extracting((row) -> row.get("POSITION") + " " + row.get("REASON_CODE"))
				.containsExactly(line + " " + reason);
			assertThat(this.rejected.get(0).get("MESSAGE").toString()).contains(message);
			assertThat(this.outcome.kind()).as(this.outcome.message()).isEqualTo(Kind.COMPLETED);
			assertThat(this.outcome.report().rejected()).isEqualTo(1);
			assertThat(this.records.values()).allSatisfy((record) -> assertThat(record.deliveries()).isEqualTo(1));
			assertThat(this.outcome.report().delivered()).isEqualTo(this.records.size())
				.isEqualTo(this.outcome.report().read() - 1);
		}

	}

	/**
	 * Runs a Groobee job over one extract; {@code sourceKeys} are more {@code source}
	 * keys, indented.
	 */
	private Run run(String format, String fileName, byte[] content, String sourceKeys) {
		sandbox.emulator("groobee").reset();
		String job = "bad-" + UUID.randomUUID().toString().substring(0, 8);
		Path folder = this.dir.resolve(job);
		try {
			Files.createDirectories(folder);
			Files.write(folder.resolve(fileName), content);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		Path spec = TestExtracts.write(this.dir.resolve(job + ".yml"), """
				name: %s
				source:
				  type: file
				  path: %s
				  format: %s
				%smapping:
				  fields:
				    memberId: member_id
				    phoneNumber: { column: phone, type: phone }
				  properties:
				    columns: [grade]
				    fields:
				      points: { column: points, type: integer }
				      joined: { column: joined, type: timestamp }
				destination:
				  vendor: groobee
				  endpoint: personalizations
				skip:
				  limit: 100
				  ratio: 0.5
				""".formatted(job, job, format, sourceKeys));
		RunOutcome outcome = this.launcher.run(new SpecLoader().load(spec), DATE, this.options);
		List<Map<String, Object>> rejected = this.jdbc.queryForList(
				"SELECT POSITION, REASON_CODE, MESSAGE FROM AS_REJECTED_ROW WHERE JOB_NAME = ? ORDER BY POSITION", job);
		return new Run(outcome, sandbox.emulator("groobee").records(), rejected);
	}

	/**
	 * A CSV of members {@code from}..; rows listed in {@code badPhones} get a bad phone.
	 */
	private static byte[] csv(int from, int rows, List<Integer> badPhones) {
		StringBuilder text = new StringBuilder(CSV_HEADER).append('\n');
		for (int i = from; i < from + rows; i++) {
			text.append("m-")
				.append(i)
				.append(',')
				.append(badPhones.contains(i) ? "123-" + i : TestExtracts.phone(i).replace("-", ""))
				.append(",GOLD,")
				.append(i)
				.append(",2026-11-01 10:00:00\n");
		}
		return bytes(text.toString());
	}

	/**
	 * {@link #AROUND} good rows, the bad line (line {@code AROUND + 2}), more good rows.
	 */
	private static byte[] csvAround(byte[] bad) {
		byte[] before = csv(0, AROUND, List.of());
		byte[] after = new String(csv(AROUND, AROUND, List.of()), StandardCharsets.UTF_8)
			.substring(CSV_HEADER.length() + 1)
			.getBytes(StandardCharsets.UTF_8);
		return concat(before, bad, new byte[] { '\n' }, after);
	}

	private static List<String> jsonl(int from, int rows, List<Integer> badPhones) {
		List<String> lines = new ArrayList<>();
		for (int i = from; i < from + rows; i++) {
			lines.add("{\"member_id\": \"m-" + i + "\", \"phone\": \""
					+ (badPhones.contains(i) ? "123-" + i : TestExtracts.phone(i)) + "\", \"grade\": \"GOLD\", "
					+ "\"points\": " + i + ", \"joined\": \"2026-11-01 10:00:00\"}");
		}
		return lines;
	}

	/**
	 * {@link #AROUND} good lines, the bad one (line {@code AROUND + 1}), more good lines.
	 */
	private static byte[] jsonlAround(String bad) {
		List<String> lines = new ArrayList<>(jsonl(0, AROUND, List.of()));
		lines.add(bad);
		lines.addAll(jsonl(AROUND, AROUND, List.of()));
		return bytes(String.join("\n", lines) + "\n");
	}

	private static byte[] bytes(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

	private static byte[] concat(byte[]... parts) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		for (byte[] part : parts) {
			out.writeBytes(part);
		}
		return out.toByteArray();
	}

}
