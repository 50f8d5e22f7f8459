package com.audiencesync.delivery;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A file of fixed rows as a data team hands it back: the export's format read as a
 * spreadsheet may save it, and each row's values rebuilt from the row as read and the
 * cells the team changed.
 */
class FixedFileTests {

	private static final String TRAILING = "reason,stage,destination,message,source,line,run";

	@TempDir
	Path dir;

	@Test
	void theTrailingColumnsAreToldByTheirPlaceSoASourceColumnMayShareTheirName() throws Exception {
		Path file = file("\uFEFFmember_id,source," + TRAILING + ",rejected_id\r\n"
				+ "m-1,crm,BAD_PHONE,TRANSFORM,groobee/personalizations,\"a message, with a comma\",members.csv,"
				+ "5,2026-11-22,17\r\n");

		try (FixedFile fixed = FixedFile.open(file)) {
			FixedFile.Row row = fixed.next();
			assertThat(row.line()).isEqualTo(2);
			assertThat(row.cells()).containsExactly(Map.entry("member_id", "m-1"), Map.entry("source", "crm"));
			assertThat(row.rejection())
				.isEqualTo(new FixedFile.Rejection("groobee/personalizations", "members.csv", 5, "2026-11-22", 17L));
			assertThat(fixed.next()).isNull();
		}
	}

	@Test
	void anExportWithoutTheRejectedIdColumnIsRead() throws Exception {
		Path file = file("member_id," + TRAILING + "\nm-1,BAD_PHONE,TRANSFORM,groobee/personalizations,m,"
				+ "members.csv,5,2026-11-22\n\nm-2,BAD_PHONE,TRANSFORM,groobee/personalizations,m,members.csv,6,"
				+ "2026-11-22\n");

		try (FixedFile fixed = FixedFile.open(file)) {
			assertThat(fixed.next().rejection().id()).isNull();
			FixedFile.Row second = fixed.next();
			assertThat(second.line()).isEqualTo(4);
			assertThat(second.rejection().position()).isEqualTo(6);
		}
	}

	@Test
	void whatCannotBeReadFailsNamingItsLineWithoutQuotingIt() throws Exception {
		assertThatThrownBy(() -> FixedFile.open(file("member_id,phone\nm-1,010\n")).close())
			.hasMessageStartingWith("fixed.csv:1: not an export of rejected rows: its last columns must be reason, ");
		assertThatThrownBy(() -> read(file("member_id," + TRAILING + "\nm-1,010-secret,BAD_PHONE\n")))
			.hasMessage("fixed.csv:2: 3 columns where the header has 8: check the line's quotes");
		assertThatThrownBy(() -> read(file("member_id," + TRAILING + "\nm-1,r,s,d,m,members.csv,five,2026-11-22\n")))
			.hasMessage("fixed.csv:2: column 'line' is not a line number");
		assertThatThrownBy(() -> read(file("member_id," + TRAILING + "\n\"m-1 secret,r,s,d,m,members.csv,5,x\n")))
			.hasMessageStartingWith("fixed.csv: not readable CSV near line ")
			.hasMessageNotContaining("secret");
		assertThatThrownBy(() -> FixedFile.open(file("")).close()).hasMessage("fixed.csv is empty: nothing to import");
		byte[] latin1 = ("member_id," + TRAILING + "\nJos\u00e9,r,s,d,m,members.csv,5,x\n")
			.getBytes(StandardCharsets.ISO_8859_1);
		Path bad = Files.write(this.dir.resolve("fixed.csv"), latin1);
		assertThatThrownBy(() -> read(bad)).hasMessage("fixed.csv:2: column 1 is not valid UTF-8");
	}

	@Test
	void aFixedRowKeepsWhatWasReadWhereTheFileHoldsItAndTakesWhatTheTeamChanged() {
		// given a row read from JSON lines
		Map<String, Object> read = new LinkedHashMap<>();
		read.put("member_id", "m-1");
		read.put("phone", "0101234");
		read.put("points", new BigInteger("1000000000000000000000000000000"));
		read.put("tags", List.of(List.of()));
		read.put("opt_in", true);
		read.put("note", null);
		Map<String, String> cells = new LinkedHashMap<>();
		cells.put("member_id", "m-1");
		cells.put("phone", "01012345678");
		cells.put("points", "1000000000000000000000000000000");
		cells.put("tags", "[[]]");
		cells.put("opt_in", "false");
		cells.put("note", "");
		// a column of another row of the export
		cells.put("grade", "");

		Map<String, Object> values = Imports.values(read, cells);

		// then unchanged cells are as read, changed ones as the team wrote them: a
		// phone stays a text, a boolean read as one is one again
		assertThat(values).containsExactly(Map.entry("member_id", "m-1"), Map.entry("phone", "01012345678"),
				Map.entry("points", new BigInteger("1000000000000000000000000000000")),
				Map.entry("tags", List.of(List.of())), Map.entry("opt_in", false),
				new java.util.AbstractMap.SimpleEntry<>("note", null));
		cells.put("points", "12");
		cells.put("tags", "not json");
		assertThat(Imports.values(read, cells)).containsEntry("points", 12).containsEntry("tags", "not json");
		// a row that could not be parsed is what the team wrote, as text
		assertThat(Imports.values(null, cells)).isEqualTo(cells);
	}

	private Path file(String text) throws Exception {
		return Files.writeString(this.dir.resolve("fixed.csv"), text, StandardCharsets.UTF_8);
	}

	private static List<FixedFile.Row> read(Path file) {
		List<FixedFile.Row> rows = new ArrayList<>();
		try (FixedFile fixed = FixedFile.open(file)) {
			FixedFile.Row row;
			while ((row = fixed.next()) != null) {
				rows.add(row);
			}
		}
		return rows;
	}

}
