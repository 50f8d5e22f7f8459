package com.audiencesync.source.format.jsonl;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.audiencesync.source.EachLine;
import com.audiencesync.source.SourceReadException;
import com.audiencesync.source.SourceRow;
import com.audiencesync.source.format.CappedLineReader;
import com.audiencesync.source.format.FormatOptions;
import com.audiencesync.source.format.RecordFormat;
import com.audiencesync.source.format.RecordParser;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.exc.StreamConstraintsException;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.core.util.JsonRecyclerPools;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.json.JsonMapper;

/**
 * JSON Lines: one JSON object a line; blank lines are passed over. A line that is not an
 * object is an unreadable row naming the column where parsing stopped.
 */
public final class JsonlFormat implements RecordFormat {

	/**
	 * An object naming a key twice is refused: which value is meant would be a guess. A
	 * line's parser takes its buffers from its thread's pool (the partitions' threads are
	 * few and long-lived), not from a pool shared by every thread.
	 */
	private static final JsonMapper JSON = JsonMapper
		.builder(JsonFactory.builder().recyclerPool(JsonRecyclerPools.threadLocalPool()).build())
		.enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
		.build();

	/** A line's value, of any JSON type: its type resolved once, not a line at a time. */
	private static final ObjectReader LINE = JSON.readerFor(Object.class);

	@Override
	public String id() {
		return "jsonl";
	}

	@Override
	public RecordParser open(Reader text, String display, FormatOptions options) {
		return new Parser(new BufferedReader(text), display, options.maxLineBytes());
	}

	private static final class Parser implements RecordParser {

		private final BufferedReader lines;

		private final String display;

		private final int maxLineBytes;

		private long line;

		/** Whether a line was parsed yet: the first tells whether the extract is JSON. */
		private boolean started;

		Parser(BufferedReader lines, String display, int maxLineBytes) {
			this.lines = lines;
			this.display = display;
			this.maxLineBytes = maxLineBytes;
		}

		@Override
		public SourceRow next() throws IOException {
			String text = nextLine();
			if (text == null) {
				return null;
			}
			boolean first = !this.started;
			this.started = true;
			return parse(text, first);
		}

		/**
		 * Each line left, parsed only when its visitor asks; the first line of the
		 * extract tells whether it is JSON at all, if it is parsed.
		 */
		@Override
		public boolean eachLine(EachLine.Visitor visitor) throws Exception {
			Line line = new Line();
			String text;
			while ((text = nextLine()) != null) {
				line.first = !this.started;
				this.started = true;
				line.text = text;
				visitor.line(line);
			}
			return true;
		}

		/** A line on its visit. */
		private final class Line implements EachLine.Line {

			private String text;

			private boolean first;

			@Override
			public long position() {
				return Parser.this.line;
			}

			@Override
			public String text() {
				return this.text.startsWith(CappedLineReader.TOO_LONG) ? null : this.text;
			}

			@Override
			public SourceRow row() {
				return parse(this.text, this.first);
			}

		}

		private SourceRow parse(String text, boolean first) {
			if (text.startsWith(CappedLineReader.TOO_LONG)) {
				return SourceRow.unreadable(this.display, this.line, "LINE_TOO_LONG",
						CappedLineReader.tooLong(this.maxLineBytes));
			}
			String undecodable = CappedLineReader.undecodable(text);
			if (undecodable != null) {
				return SourceRow.unreadable(this.display, this.line, "BAD_ENCODING", undecodable);
			}
			try {
				Object value = LINE.readValue(text);
				if (value instanceof Map<?, ?> map) {
					@SuppressWarnings("unchecked")
					Map<String, Object> values = (Map<String, Object>) map;
					return SourceRow.of(this.display, this.line, values);
				}
				return SourceRow.unreadable(this.display, this.line, "BAD_JSON",
						"line is JSON but " + kind(value) + ", not an object");
			}
			catch (StreamConstraintsException ex) {
				return SourceRow.unreadable(this.display, this.line, "BAD_JSON",
						"beyond the JSON parser's limits (" + limit(ex) + ")");
			}
			catch (JacksonException ex) {
				String stripped = text.stripLeading();
				if (first && !stripped.startsWith("{") && !stripped.startsWith("[")) {
					// not one bad line: the extract is another format
					throw new SourceReadException(this.display + ":" + this.line + ": not JSON, so not JSON lines"
							+ (stripped.contains(",") || stripped.contains("\t") ? " (it looks like CSV)" : "")
							+ ": check source.format");
				}
				// the parser's message can quote the line, which may hold personal data:
				// only the column (and a duplicated key's name)
				long column = (ex.getLocation() != null) ? ex.getLocation().getColumnNr() : 0;
				Matcher duplicate = DUPLICATE.matcher(String.valueOf(ex.getOriginalMessage()));
				if (duplicate.find()) {
					return SourceRow.unreadable(this.display, this.line, "BAD_JSON",
							"the object names key '" + duplicate.group(1) + "' twice (column " + column + ")");
				}
				return SourceRow.unreadable(this.display, this.line, "BAD_JSON",
						"not valid JSON (column " + column + ")");
			}
		}

		private static final Pattern DUPLICATE = Pattern.compile("^Duplicate Object property \"([^\"]{1,64})\"");

		private static String kind(Object value) {
			if (value instanceof List) {
				return "an array";
			}
			if (value instanceof String) {
				return "a string";
			}
			if (value instanceof Number) {
				return "a number";
			}
			if (value instanceof Boolean) {
				return "true or false";
			}
			return "null";
		}

		/** Which limit, without the value that broke it. */
		private static String limit(StreamConstraintsException ex) {
			String message = String.valueOf(ex.getOriginalMessage());
			if (message.contains("nesting depth")) {
				return "nested deeper than " + StreamReadConstraints.DEFAULT_MAX_DEPTH + " levels";
			}
			if (message.contains("Number value length")) {
				return "a number longer than " + StreamReadConstraints.DEFAULT_MAX_NUM_LEN + " digits";
			}
			if (message.contains("String value length")) {
				return "a string longer than the parser takes";
			}
			return message.lines().findFirst().orElse(message);
		}

		/** Skips without parsing: a restart of a large file re-reads, never re-parses. */
		@Override
		public void skip(int count) throws IOException {
			for (int skipped = 0; skipped < count && nextLine() != null; skipped++) {
				// dropped
			}
		}

		/**
		 * Reads the lines before that one without parsing them: a blank one is no record,
		 * any other (too long or undecodable ones too) is one, as {@link #next} counts.
		 */
		@Override
		public long skipBefore(long position) throws IOException {
			long records = 0;
			while (this.line + 1 < position) {
				String text = this.lines.readLine();
				if (text == null) {
					break;
				}
				this.line++;
				if (!text.isBlank()) {
					records++;
				}
			}
			if (records > 0) {
				// the extract was JSON where the plan read it
				this.started = true;
			}
			return records;
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
