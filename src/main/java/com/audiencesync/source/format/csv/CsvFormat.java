package com.audiencesync.source.format.csv;

import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.audiencesync.source.SourceRow;
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
		Parser parser = new Parser(CSV.reader(schema).createParser(text), display);
		parser.readHeader();
		return parser;
	}

	private static final class Parser implements RecordParser {

		private final JsonParser csv;

		private final String display;

		private String[] header = new String[0];

		private long line;

		private boolean broken;

		Parser(JsonParser csv, String display) {
			this.csv = csv;
			this.display = display;
		}

		void readHeader() {
			Record first = nextRecord();
			if (first != null) {
				this.header = first.cells();
			}
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
