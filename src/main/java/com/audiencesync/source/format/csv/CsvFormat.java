package com.audiencesync.source.format.csv;

import java.io.IOException;
import java.io.PushbackReader;
import java.io.Reader;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.audiencesync.source.Columns;
import com.audiencesync.source.SourceReadException;
import com.audiencesync.source.SourceRow;
import com.audiencesync.source.format.CappedLineReader;
import com.audiencesync.source.format.FormatOptions;
import com.audiencesync.source.format.RecordFormat;
import com.audiencesync.source.format.RecordParser;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.dataformat.csv.CsvMapper;
import tools.jackson.dataformat.csv.CsvSchema;

/**
 * CSV with a header row and RFC 4180 quoting (Jackson's CSV parser). A record whose
 * column count differs from the header's is an unreadable row; a broken quote makes the
 * rest of the file unreadable, reported once.
 */
public final class CsvFormat implements RecordFormat {

	private static final CsvMapper CSV = CsvMapper.builder().build();

	@Override
	public String id() {
		return "csv";
	}

	@Override
	public RecordParser open(Reader text, String display, FormatOptions options) throws IOException {
		CsvSchema schema = CsvSchema.emptySchema().withColumnSeparator(options.delimiter());
		PushbackReader peek = new PushbackReader(text, 1);
		int first = peek.read();
		if (first == '{' || first == '[') {
			throw new SourceReadException(
					display + ":1: the header looks like JSON, not CSV: check source.format " + "(jsonl?)");
		}
		if (first != -1) {
			peek.unread(first);
		}
		Parser parser = new Parser(CSV.reader(schema).createParser(peek), display, options.maxLineBytes());
		parser.readHeader();
		return parser;
	}

	private static final class Parser implements RecordParser {

		private final JsonParser csv;

		private final String display;

		private String[] header = new String[0];

		private long line;

		private boolean broken;

		private final int maxLineBytes;

		Parser(JsonParser csv, String display, int maxLineBytes) {
			this.csv = csv;
			this.display = display;
			this.maxLineBytes = maxLineBytes;
		}

		/**
		 * The header names the columns: it must be readable, name each column once, and
		 * not be JSON.
		 */
		void readHeader() {
			Record first;
			try {
				first = nextRecord();
			}
			catch (StreamReadException ex) {
				throw new SourceReadException(this.display + ":1: the header is not readable CSV ("
						+ ex.getClass().getSimpleName() + "; an unclosed quote?)");
			}
			if (first == null) {
				return;
			}
			String[] cells = first.cells();
			if (cells.length > 0 && cells[0].equals(CappedLineReader.TOO_LONG)) {
				throw new SourceReadException(this.display + ":" + first.line() + ": the header is "
						+ CappedLineReader.tooLong(this.maxLineBytes));
			}
			String start = (cells.length > 0) ? cells[0].stripLeading() : "";
			if (start.startsWith("{") || start.startsWith("[")) {
				throw new SourceReadException(this.display + ":" + first.line()
						+ ": the header looks like JSON, not CSV: check source.format (jsonl?)");
			}
			Map<String, Integer> seen = new HashMap<>();
			for (int i = 0; i < cells.length; i++) {
				Integer before = seen.putIfAbsent(cells[i], i + 1);
				if (before != null) {
					throw new SourceReadException(this.display + ":" + first.line() + ": the header names column '"
							+ cells[i] + "' twice (columns " + before + " and " + (i + 1)
							+ "): which one a field means would be a guess; rename one");
				}
			}
			this.header = cells;
		}

		/** The header's names; none for an empty extract, which has no header. */
		@Override
		public Optional<Columns> columns() {
			return (this.header.length == 0) ? Optional.empty()
					: Optional.of(new Columns(this.display, "in its header", List.of(this.header), false));
		}

		@Override
		public SourceRow next() {
			if (this.broken) {
				return null;
			}
			Record record;
			try {
				record = nextRecord();
			}
			catch (StreamReadException ex) {
				// a broken quote swallows the rest of the file: report it once and stop
				this.broken = true;
				return SourceRow.unreadable(this.display, this.line + 1, "BAD_CSV", "unreadable CSV from here on ("
						+ ex.getClass().getSimpleName() + "; an unclosed quote?): the rest of the file is not read");
			}
			if (record == null) {
				return null;
			}
			if (record.cells().length == 1 && record.cells()[0].equals(CappedLineReader.TOO_LONG)) {
				return SourceRow.unreadable(this.display, record.line(), "LINE_TOO_LONG",
						CappedLineReader.tooLong(this.maxLineBytes));
			}
			for (int i = 0; i < record.cells().length; i++) {
				if (CappedLineReader.undecodable(record.cells()[i]) != null) {
					return SourceRow.unreadable(this.display, record.line(), "BAD_ENCODING",
							((i < this.header.length) ? "column '" + this.header[i] + "'" : "column " + (i + 1))
									+ " is not valid UTF-8 (an undecodable byte sequence)");
				}
			}
			if (record.cells().length != this.header.length) {
				return SourceRow.unreadable(this.display, record.line(), "BAD_CSV",
						"expected " + this.header.length + " columns as in the header, found " + record.cells().length);
			}
			Map<String, Object> values = new LinkedHashMap<>();
			for (int i = 0; i < this.header.length; i++) {
				values.put(this.header[i], record.cells()[i]);
			}
			return SourceRow.of(this.display, record.line(), values);
		}

		/** The next record's cells and the line it starts on; null at the end. */
		private Record nextRecord() {
			JsonToken token = this.csv.nextToken();
			while (token != null && token != JsonToken.START_ARRAY) {
				token = this.csv.nextToken();
			}
			if (token == null) {
				return null;
			}
			long start = -1;
			List<String> cells = new ArrayList<>();
			while ((token = this.csv.nextToken()) != JsonToken.END_ARRAY && token != null) {
				if (start < 0) {
					// the first cell's line: the array's own token sits at the end of the
					// previous record
					start = this.csv.currentTokenLocation().getLineNr();
				}
				cells.add(this.csv.getString());
			}
			this.line = start;
			if (cells.size() == 1 && cells.get(0).isEmpty()) {
				return nextRecord();
			}
			return new Record(cells.toArray(new String[0]), start);
		}

		@Override
		public long line() {
			return this.line;
		}

		@Override
		public void close() {
			this.csv.close();
		}

	}

	private record Record(String[] cells, long line) {
	}

}
