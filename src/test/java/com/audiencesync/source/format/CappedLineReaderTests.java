package com.audiencesync.source.format;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import com.audiencesync.source.SourceRow;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CappedLineReaderTests {

	@Test
	void aLineLongerThanAnyStringIsOneRowAndTheNextLinesRead() throws IOException {
		// given a JSON line of 2^31 + 1 characters, longer than any Java string (reading
		// it whole could only fail), between two good lines
		long huge = (1L << 31) + 1;
		InputStream text = new Generated("{\"member_id\": \"m-1\"}\n{\"member_id\": \"", huge,
				"\"}\n{\"member_id\": \"m-3\"}\n");

		// when
		List<SourceRow> rows = new ArrayList<>();
		try (RecordParser parser = RecordFormats.get("jsonl")
			.open(new CappedLineReader(new InputStreamReader(text, StandardCharsets.UTF_8), 1 << 20), "huge.jsonl",
					new FormatOptions(',', 1 << 20))) {
			for (SourceRow row = parser.next(); row != null; row = parser.next()) {
				rows.add(row);
			}
		}

		// then
		assertThat(rows).extracting(SourceRow::where).containsExactly("huge.jsonl:1", "huge.jsonl:2", "huge.jsonl:3");
		assertThat(rows.get(1).reasonCode()).isEqualTo("LINE_TOO_LONG");
		assertThat(rows.get(1).error()).isEqualTo("line longer than source.max-line-bytes (1048576 bytes): not read");
		assertThat(rows.get(2).values()).containsEntry("member_id", "m-3");
	}

	@Test
	void textPassesUnchangedWithEveryLineEnd() throws IOException {
		String text = "a,b\r\nc\rd\n\ne" + "한".repeat(10) + "\n";

		assertThat(read(new CappedLineReader(new StringReader(text), 1024))).isEqualTo(text);
	}

	@Test
	void theLimitCountsUtf8Bytes() throws IOException {
		// 10 Hangul syllables are 30 bytes in UTF-8
		String text = "ok\n" + "한".repeat(10) + "\n" + "x".repeat(30) + "\n";

		assertThat(read(new CappedLineReader(new StringReader(text), 29)))
			.isEqualTo("ok\n" + CappedLineReader.TOO_LONG + "\n" + CappedLineReader.TOO_LONG + "\n");
		assertThat(read(new CappedLineReader(new StringReader(text), 30))).isEqualTo(text);
	}

	private static String read(CappedLineReader lines) throws IOException {
		StringBuilder out = new StringBuilder();
		try (BufferedReader reader = new BufferedReader(lines, 7)) {
			char[] buffer = new char[5];
			for (int n = reader.read(buffer); n >= 0; n = reader.read(buffer)) {
				out.append(buffer, 0, n);
			}
		}
		return out.toString();
	}

	/** A prefix, {@code count} x characters and a suffix, made up as read. */
	private static final class Generated extends InputStream {

		private final byte[] prefix;

		private final byte[] suffix;

		private final long count;

		private long position;

		Generated(String prefix, long count, String suffix) {
			this.prefix = prefix.getBytes(StandardCharsets.UTF_8);
			this.suffix = suffix.getBytes(StandardCharsets.UTF_8);
			this.count = count;
		}

		@Override
		public int read() {
			byte[] one = new byte[1];
			return (read(one, 0, 1) < 0) ? -1 : one[0];
		}

		@Override
		public int read(byte[] bytes, int offset, int length) {
			long end = this.prefix.length + this.count + this.suffix.length;
			if (this.position >= end) {
				return -1;
			}
			int n = (int) Math.min(length, end - this.position);
			for (int i = 0; i < n; i++) {
				long at = this.position + i;
				bytes[offset + i] = (at < this.prefix.length) ? this.prefix[(int) at]
						: (at < this.prefix.length + this.count) ? (byte) 'x'
								: this.suffix[(int) (at - this.prefix.length - this.count)];
			}
			this.position += n;
			return n;
		}

	}

}
