package com.audiencesync.source;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PushbackReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;

import org.springframework.batch.infrastructure.item.support.AbstractItemCountingItemStreamItemReader;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.dataformat.csv.CsvMapper;
import tools.jackson.dataformat.csv.CsvSchema;

/**
 * Reads one JSONL or CSV extract (a file, an S3 object; gzip or not) into
 * {@link SourceRow}s. A line or record that cannot be parsed becomes an unreadable row,
 * so the rest of the file goes on. Its position is the count of rows read, saved in the
 * step's execution context under the reader's name, so a restart resumes after the last
 * committed chunk.
 */
public class RowReader extends AbstractItemCountingItemStreamItemReader<SourceRow> {

	/** Opens the extract's bytes from the start (a file, an S3 object). */
	@FunctionalInterface
	public interface Opener {

		/** A fresh stream from the first byte. */
		InputStream open() throws IOException;

	}

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final CsvMapper CSV = CsvMapper.builder().build();

	private final Opener opener;

	private final boolean gzip;

	private final String display;

	private final String format;

	private final char delimiter;

	private BufferedReader lines;

	private JsonParser csv;

	private String[] header;

	private long line;

	private boolean broken;

	/**
	 * @param name the reader's name: its position is saved under
	 * {@code <name>.read.count}
	 * @param opener opens the extract
	 * @param display the extract's name in messages and reports
	 * @param gzip whether the bytes are gzip
	 * @param format {@code jsonl} or {@code csv}
	 * @param delimiter the CSV delimiter
	 */
	public RowReader(String name, Opener opener, String display, boolean gzip, String format, char delimiter) {
		setName(name);
		this.opener = opener;
		this.gzip = gzip;
		this.display = display;
		this.format = format;
		this.delimiter = delimiter;
	}

	@Override
	protected void doOpen() throws Exception {
		Reader reader = open();
		if ("csv".equals(this.format)) {
			CsvSchema schema = CsvSchema.emptySchema().withColumnSeparator(this.delimiter);
			this.csv = CSV.reader(schema).createParser(reader);
			SourceRow first = nextCsv();
			if (first == null) {
				this.header = new String[0];
			}
			else if (!first.readable()) {
				throw new SourceReadException(this.display + ": the header row cannot be read: " + first.error());
			}
			else {
				this.header = (String[]) first.values().get("");
			}
		}
		else {
			this.lines = new BufferedReader(reader);
		}
	}

	private Reader open() throws IOException {
		InputStream in = this.opener.open();
		if (this.gzip) {
			in = new GZIPInputStream(in, 64 * 1024);
		}
		PushbackReader reader = new PushbackReader(
				new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), 64 * 1024));
		int first = reader.read();
		// a UTF-8 byte order mark is not part of the first column's name
		if (first != -1 && first != '\uFEFF') {
			reader.unread(first);
		}
		return reader;
	}

	@Override
	protected SourceRow doRead() throws Exception {
		try {
			return "csv".equals(this.format) ? readCsv() : readJson();
		}
		catch (IOException | JacksonException ex) {
			if (ex instanceof StreamReadException && "csv".equals(this.format)) {
				// a broken quote swallows the rest of the file: report it once and stop
				// here
				this.broken = true;
				return SourceRow.unreadable(this.display, this.line + 1, "BAD_CSV", "unreadable CSV from here on ("
						+ ex.getClass().getSimpleName() + "; an unclosed quote?): the rest of the file is not read");
			}
			throw new SourceReadException(this.display + ": cannot read after line " + this.line + " ("
					+ ex.getClass().getSimpleName() + ": " + ex.getMessage() + ")", ex);
		}
	}

	private SourceRow readJson() throws IOException {
		String text;
		do {
			text = this.lines.readLine();
			if (text == null) {
				return null;
			}
			this.line++;
		}
		while (text.isBlank());
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
			// the parser's message can quote the line, which may hold personal data: only
			// the column
			long column = (ex.getLocation() != null) ? ex.getLocation().getColumnNr() : 0;
			return SourceRow.unreadable(this.display, this.line, "BAD_JSON", "not valid JSON (column " + column + ")");
		}
	}

	private SourceRow readCsv() {
		if (this.broken) {
			return null;
		}
		SourceRow row = nextCsv();
		if (row == null || !row.readable()) {
			return row;
		}
		String[] cells = (String[]) row.values().get("");
		if (cells.length != this.header.length) {
			return SourceRow.unreadable(this.display, row.position(), "BAD_CSV",
					"expected " + this.header.length + " columns as in the header, found " + cells.length);
		}
		Map<String, Object> values = new LinkedHashMap<>();
		for (int i = 0; i < cells.length; i++) {
			values.put(this.header[i], cells[i]);
		}
		return SourceRow.of(this.display, row.position(), values);
	}

	/**
	 * The next record as raw cells under the key "", with the line it starts on; null at
	 * the end.
	 */
	private SourceRow nextCsv() {
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
			return nextCsv();
		}
		return SourceRow.of(this.display, start, Map.of("", cells.toArray(new String[0])));
	}

	@Override
	protected void jumpToItem(int itemIndex) throws Exception {
		if ("csv".equals(this.format)) {
			super.jumpToItem(itemIndex);
			return;
		}
		// skip without parsing: a restart of a large file should not re-parse what was
		// committed
		int skipped = 0;
		String text;
		while (skipped < itemIndex && (text = this.lines.readLine()) != null) {
			this.line++;
			if (!text.isBlank()) {
				skipped++;
			}
		}
	}

	@Override
	protected void doClose() throws Exception {
		if (this.csv != null) {
			this.csv.close();
			this.csv = null;
		}
		if (this.lines != null) {
			this.lines.close();
			this.lines = null;
		}
		this.line = 0;
		this.broken = false;
	}

}
