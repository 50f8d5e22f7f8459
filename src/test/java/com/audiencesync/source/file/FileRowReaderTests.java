package com.audiencesync.source.file;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;

import com.audiencesync.source.SourceReadException;
import com.audiencesync.source.SourceRow;
import com.audiencesync.source.format.FormatOptions;
import com.audiencesync.source.format.RecordFormats;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.batch.infrastructure.item.ExecutionContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class FileRowReaderTests {

	@TempDir
	Path dir;

	@Test
	void csvWithHeaderQuotesAndEscapedQuotes() throws Exception {
		// given
		Path file = write("members.csv", "member_id,name,note\nM1,\"Kim, Minsu\",\"said \"\"hi\"\"\"\nM2,Lee,plain\n");

		// when
		List<SourceRow> rows = readAll(csv(file, ','));

		// then
		assertThat(rows).extracting(SourceRow::position).containsExactly(2L, 3L);
		assertThat(rows.get(0).values()).containsExactly(Map.entry("member_id", "M1"), Map.entry("name", "Kim, Minsu"),
				Map.entry("note", "said \"hi\""));
		assertThat(rows.get(1).values()).containsEntry("name", "Lee");
		assertThat(rows.get(0).where()).isEqualTo("members.csv:2");
	}

	@Test
	void csvQuotedFieldSpanningLinesIsPlacedAtItsFirstLine() throws Exception {
		Path file = write("members.csv", "id,note\nM1,\"first\nsecond\"\nM2,x\n");

		List<SourceRow> rows = readAll(csv(file, ','));

		assertThat(rows).extracting(SourceRow::position).containsExactly(2L, 4L);
		assertThat(rows.get(0).values()).containsEntry("note", "first\nsecond");
		assertThat(rows.get(1).values()).containsEntry("id", "M2");
	}

	@Test
	void csvByteOrderMarkIsNotPartOfTheFirstColumnName() throws Exception {
		Path file = this.dir.resolve("bom.csv");
		Files.write(file, ("\uFEFFmember_id,name\nM1,Kim\n").getBytes(StandardCharsets.UTF_8));

		List<SourceRow> rows = readAll(csv(file, ','));

		assertThat(rows.get(0).values()).containsOnlyKeys("member_id", "name");
	}

	@Test
	void csvWithSemicolons() throws Exception {
		Path file = write("members.csv", "id;name\nM1;Kim, Minsu\n");

		List<SourceRow> rows = readAll(csv(file, ';'));

		assertThat(rows.get(0).values()).containsEntry("id", "M1").containsEntry("name", "Kim, Minsu");
	}

	@Test
	void csvRowWithWrongColumnCountIsUnreadableAndLaterRowsStillRead() throws Exception {
		Path file = write("members.csv", "id,name,grade\nM1,Kim,GOLD\nM2,Lee\nM3,Park,SILVER\n");

		List<SourceRow> rows = readAll(csv(file, ','));

		assertThat(rows).hasSize(3);
		SourceRow bad = rows.get(1);
		assertThat(bad.readable()).isFalse();
		assertThat(bad.reasonCode()).isEqualTo("BAD_CSV");
		assertThat(bad.position()).isEqualTo(3);
		assertThat(bad.error()).contains("expected 3").contains("found 2");
		assertThat(rows.get(2).values()).containsEntry("id", "M3");
		assertThat(rows.get(2).position()).isEqualTo(4);
	}

	@Test
	void csvEmptyLinesAreSkipped() throws Exception {
		Path file = write("members.csv", "id,name\n\nM1,Kim\n\n\nM2,Lee\n");

		List<SourceRow> rows = readAll(csv(file, ','));

		assertThat(rows).allMatch(SourceRow::readable);
		assertThat(rows).extracting(SourceRow::position).containsExactly(3L, 6L);
	}

	@Test
	void csvUnclosedQuoteGivesOneUnreadableRowThenEnds() throws Exception {
		Path file = write("members.csv", "id,name\nM1,Kim\nM2,\"Lee\nM3,Park\nM4,Choi\n");

		List<SourceRow> rows = readAll(csv(file, ','));

		assertThat(rows).hasSize(2);
		assertThat(rows.get(0).readable()).isTrue();
		assertThat(rows.get(1).reasonCode()).isEqualTo("BAD_CSV");
		assertThat(rows.get(1).error()).contains("unclosed quote").doesNotContain("Park");
	}

	@Test
	void csvGzip() throws Exception {
		Path file = gzip("members.csv.gz", "id,name\nM1,Kim\nM2,Lee\n");

		List<SourceRow> rows = readAll(csv(file, ','));

		assertThat(rows).extracting((row) -> row.values().get("id")).containsExactly("M1", "M2");
	}

	@Test
	void jsonlObjectsKeepTheirTypes() throws Exception {
		Path file = write("members.jsonl", """
				{"member_id":"M1","points":10,"address":{"city":"Seoul"}}
				{"member_id":"M2","opt_in":true}
				""");

		List<SourceRow> rows = readAll(jsonl(file));

		assertThat(rows).extracting(SourceRow::position).containsExactly(1L, 2L);
		assertThat(rows.get(0).values()).containsEntry("points", 10).containsEntry("address", Map.of("city", "Seoul"));
		assertThat(rows.get(1).values()).containsEntry("opt_in", true);
	}

	@Test
	void jsonlBlankLinesAreSkippedButCounted() throws Exception {
		Path file = write("members.jsonl", "{\"id\":1}\n\n   \n{\"id\":2}\n");

		List<SourceRow> rows = readAll(jsonl(file));

		assertThat(rows).extracting(SourceRow::position).containsExactly(1L, 4L);
	}

	@Test
	void jsonlBadLineIsUnreadableWithoutItsContent() throws Exception {
		Path file = write("members.jsonl", "{\"id\":1}\n{\"id\":2,\"phone\":\"010-9876-5432\"\n{\"id\":3}\n");

		List<SourceRow> rows = readAll(jsonl(file));

		assertThat(rows).hasSize(3);
		SourceRow bad = rows.get(1);
		assertThat(bad.reasonCode()).isEqualTo("BAD_JSON");
		assertThat(bad.position()).isEqualTo(2);
		assertThat(bad.error()).doesNotContain("9876").doesNotContain("5432").doesNotContain("phone");
		assertThat(rows.get(2).values()).containsEntry("id", 3);
	}

	@Test
	void jsonlArrayLineIsUnreadable() throws Exception {
		Path file = write("members.jsonl", "[1,2]\n");

		List<SourceRow> rows = readAll(jsonl(file));

		assertThat(rows).singleElement().satisfies((row) -> {
			assertThat(row.reasonCode()).isEqualTo("BAD_JSON");
			assertThat(row.error()).contains("not an object");
		});
	}

	@Test
	void jsonlGzip() throws Exception {
		Path file = gzip("members.jsonl.gz", "{\"id\":1}\n{\"id\":2}\n");

		assertThat(readAll(jsonl(file))).extracting((row) -> row.values().get("id")).containsExactly(1, 2);
	}

	@Test
	void jsonlRestartContinuesAfterTheSavedPosition() throws Exception {
		// given
		Path file = write("members.jsonl", "{\"id\":1}\n{\"id\":2}\n\n{\"id\":3}\n{\"id\":4}\n\n{\"id\":5}\n");
		ExecutionContext context = new ExecutionContext();
		FileRowReader first = jsonl(file);
		first.open(context);
		for (int i = 0; i < 3; i++) {
			first.read();
		}
		first.update(context);
		first.close();

		// when
		FileRowReader second = jsonl(file);
		second.open(context);
		List<SourceRow> rest = drain(second);

		// then
		assertThat(rest).extracting((row) -> row.values().get("id")).containsExactly(4, 5);
		assertThat(rest).extracting(SourceRow::position).containsExactly(5L, 7L);
	}

	@Test
	void csvRestartContinuesAfterTheSavedPosition() throws Exception {
		// given
		Path file = write("members.csv", "id,note\nM1,a\nM2,\"two\nlines\"\nM3,c\nM4,d\nM5,e\n");
		ExecutionContext context = new ExecutionContext();
		FileRowReader first = csv(file, ',');
		first.open(context);
		for (int i = 0; i < 3; i++) {
			first.read();
		}
		first.update(context);
		first.close();

		// when
		FileRowReader second = csv(file, ',');
		second.open(context);
		List<SourceRow> rest = drain(second);

		// then
		assertThat(rest).extracting((row) -> row.values().get("id")).containsExactly("M4", "M5");
		assertThat(rest).extracting(SourceRow::position).containsExactly(6L, 7L);
	}

	@Test
	void truncatedGzipFailsNamingTheFile() throws Exception {
		// given
		StringBuilder text = new StringBuilder();
		for (int i = 0; i < 5000; i++) {
			text.append("{\"id\":").append(i).append(",\"note\":\"row ").append(i * 7919).append("\"}\n");
		}
		byte[] whole = gzipBytes(text.toString());
		Path file = this.dir.resolve("members.jsonl.gz");
		Files.write(file, Arrays.copyOf(whole, whole.length / 2));
		FileRowReader reader = jsonl(file);
		reader.open(new ExecutionContext());

		// when / then
		assertThatExceptionOfType(SourceReadException.class).isThrownBy(() -> drain(reader))
			.withMessageContaining("members.jsonl.gz");
		reader.close();
	}

	private FileRowReader csv(Path file, char delimiter) {
		return new FileRowReader("reader", file, file.getFileName().toString(), RecordFormats.get("csv"),
				new FormatOptions(delimiter, FormatOptions.DEFAULT_MAX_LINE_BYTES));
	}

	private FileRowReader jsonl(Path file) {
		return new FileRowReader("reader", file, file.getFileName().toString(), RecordFormats.get("jsonl"),
				FormatOptions.DEFAULT);
	}

	private static List<SourceRow> readAll(FileRowReader reader) throws Exception {
		reader.open(new ExecutionContext());
		try {
			return drain(reader);
		}
		finally {
			reader.close();
		}
	}

	private static List<SourceRow> drain(FileRowReader reader) throws Exception {
		List<SourceRow> rows = new ArrayList<>();
		SourceRow row;
		while ((row = reader.read()) != null) {
			rows.add(row);
		}
		return rows;
	}

	private Path write(String name, String text) throws IOException {
		return Files.writeString(this.dir.resolve(name), text, StandardCharsets.UTF_8);
	}

	private Path gzip(String name, String text) throws IOException {
		return Files.write(this.dir.resolve(name), gzipBytes(text));
	}

	private static byte[] gzipBytes(String text) throws IOException {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		try (OutputStream out = new GZIPOutputStream(bytes)) {
			out.write(text.getBytes(StandardCharsets.UTF_8));
		}
		return bytes.toByteArray();
	}

}
