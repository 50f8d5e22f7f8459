package com.audiencesync.source.format.jsonl;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.util.Map;

import com.audiencesync.source.SourceRow;
import com.audiencesync.source.format.FormatOptions;
import com.audiencesync.source.format.RecordFormat;
import com.audiencesync.source.format.RecordParser;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * JSON Lines: one JSON object a line; blank lines are passed over. A line that is not an
 * object is an unreadable row naming the column where parsing stopped.
 */
public final class JsonlFormat implements RecordFormat {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@Override
	public String id() {
		return "jsonl";
	}

	@Override
	public RecordParser open(Reader text, String display, FormatOptions options) {
		return new Parser(new BufferedReader(text), display);
	}

	private static final class Parser implements RecordParser {

		private final BufferedReader lines;

		private final String display;

		private long line;

		Parser(BufferedReader lines, String display) {
			this.lines = lines;
			this.display = display;
		}

		@Override
		public SourceRow next() throws IOException {
			String text = nextLine();
			if (text == null) {
				return null;
			}
			try {
				Object value = JSON.readValue(text, Object.class);
				if (value instanceof Map<?, ?> map) {
					@SuppressWarnings("unchecked")
					Map<String, Object> values = (Map<String, Object>) map;
					return SourceRow.of(this.display, this.line, values);
				}
				return SourceRow.unreadable(this.display, this.line, "BAD_JSON", "line is JSON but not an object");
			}
			catch (JacksonException ex) {
				// the parser's message can quote the line, which may hold personal data:
				// only the column
				long column = (ex.getLocation() != null) ? ex.getLocation().getColumnNr() : 0;
				return SourceRow.unreadable(this.display, this.line, "BAD_JSON",
						"not valid JSON (column " + column + ")");
			}
		}

		/** Skips without parsing: a restart of a large file re-reads, never re-parses. */
		@Override
		public void skip(int count) throws IOException {
			for (int skipped = 0; skipped < count && nextLine() != null; skipped++) {
				// dropped
			}
		}

		private String nextLine() throws IOException {
			String text;
			do {
				text = this.lines.readLine();
				if (text == null) {
					return null;
				}
				this.line++;
			}
			while (text.isBlank());
			return text;
		}

		@Override
		public long line() {
			return this.line;
		}

		@Override
		public void close() throws IOException {
			this.lines.close();
		}

	}

}
