package com.audiencesync.delivery;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PushbackReader;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.dataformat.csv.CsvMapper;
import tools.jackson.dataformat.csv.CsvSchema;

/**
 * A file of rejected rows a data team fixed, in the format {@code rejected --export}
 * writes: a header, the source's columns, then {@code reason, stage, destination,
 * message, source, line, run} and {@code rejected_id} (an export made before it had that
 * column has none). The trailing columns are told by their place, so a source column may
 * share a name with one of them. Read as the CSV reader reads an extract (RFC 4180, a
 * byte order mark passed over, a record's line its first); a record that cannot be read
 * fails naming its line, never quoting it (it holds personal data).
 */
final class FixedFile implements AutoCloseable {

	/** The export's trailing columns, in their order. */
	static final List<String> TRAILING = List.of("reason", "stage", "destination", "message", "source", "line", "run",
			"rejected_id");

	private static final CsvMapper CSV = CsvMapper.builder().build();

	private final String display;

	private final JsonParser csv;

	private final List<String> columns;

	private final int width;

	private long read;

	private FixedFile(String display, JsonParser csv, List<String> header) {
		this.display = display;
		this.csv = csv;
		int trailing = endsWith(header, TRAILING) ? TRAILING.size()
				: endsWith(header, TRAILING.subList(0, TRAILING.size() - 1)) ? TRAILING.size() - 1 : -1;
		if (trailing < 0) {
			throw new IllegalArgumentException(display + ":1: not an export of rejected rows: its last columns must "
					+ "be " + String.join(", ", TRAILING) + " (rejected_id may be missing), as rejected <job> --export "
					+ "writes them");
		}
		this.columns = header.subList(0, header.size() - trailing);
		Set<String> seen = new HashSet<>();
		for (String column : this.columns) {
			if (!seen.add(column)) {
				throw new IllegalArgumentException(
						display + ":1: the header names column '" + column + "' twice: which one is meant is a guess");
			}
		}
		this.width = header.size();
	}

	private static boolean endsWith(List<String> header, List<String> end) {
		return header.size() >= end.size() && header.subList(header.size() - end.size(), header.size()).equals(end);
	}

	/** Opens a file and reads its header. */
	static FixedFile open(Path file) {
		String display = file.getFileName().toString();
		JsonParser csv = null;
		try {
			// an undecodable byte sequence reads as U+FFFD: its row fails naming its line
			PushbackReader text = new PushbackReader(
					new BufferedReader(new InputStreamReader(Files.newInputStream(file),
							StandardCharsets.UTF_8.newDecoder()
								.onMalformedInput(CodingErrorAction.REPLACE)
								.onUnmappableCharacter(CodingErrorAction.REPLACE)),
							64 * 1024));
			int first = text.read();
			// a spreadsheet's byte order mark is not part of the first column's name
			if (first != -1 && first != '\uFEFF') {
				text.unread(first);
			}
			csv = CSV.reader(CsvSchema.emptySchema()).createParser(text);
			Record header = next(csv, display);
			if (header == null) {
				throw new IllegalArgumentException(display + " is empty: nothing to import");
			}
			return new FixedFile(display, csv, header.cells());
		}
		catch (IOException ex) {
			throw new IllegalArgumentException(display + ": cannot be read (" + ex.getClass().getSimpleName() + ")",
					ex);
		}
		catch (RuntimeException ex) {
			if (csv != null) {
				csv.close();
			}
			throw ex;
		}
	}

	/** The file's name, as messages and rejected rows show it. */
	String display() {
		return this.display;
	}

	/** Records read so far (the header not counted). */
	long read() {
		return this.read;
	}

	/** The next row, or null at the end of the file. */
	Row next() {
		Record record = next(this.csv, this.display);
		if (record == null) {
			return null;
		}
		this.read++;
		List<String> cells = record.cells();
		String at = this.display + ":" + record.line() + ": ";
		for (int i = 0; i < cells.size(); i++) {
			if (cells.get(i).indexOf('\uFFFD') >= 0) {
				throw new IllegalArgumentException(at + "column " + (i + 1) + " is not valid UTF-8");
			}
		}
		if (cells.size() != this.width) {
			throw new IllegalArgumentException(
					at + cells.size() + " columns where the header has " + this.width + ": check the line's quotes");
		}
		Map<String, String> values = new LinkedHashMap<>();
		for (int i = 0; i < this.columns.size(); i++) {
			values.put(this.columns.get(i), cells.get(i));
		}
		List<String> trailing = cells.subList(this.columns.size(), cells.size());
		long position;
		try {
			position = Long.parseLong(trailing.get(5).strip());
		}
		catch (NumberFormatException ex) {
			throw new IllegalArgumentException(at + "column 'line' is not a line number");
		}
		Long id = null;
		if (trailing.size() == TRAILING.size() && !trailing.get(7).isBlank()) {
			try {
				id = Long.parseLong(trailing.get(7).strip());
			}
			catch (NumberFormatException ex) {
				throw new IllegalArgumentException(at + "column 'rejected_id' is not a rejected row's id");
			}
		}
		return new Row(record.line(), values,
				new Rejection(trailing.get(2), trailing.get(4), position, trailing.get(6), id));
	}

	/** Passes over that many rows (where a restart goes on from). */
	void skip(long rows) {
		for (long i = 0; i < rows && next(this.csv, this.display) != null; i++) {
			this.read++;
		}
	}

	private static Record next(JsonParser csv, String display) {
		try {
			JsonToken token = csv.nextToken();
			while (token != null && token != JsonToken.START_ARRAY) {
				token = csv.nextToken();
			}
			if (token == null) {
				return null;
			}
			long start = -1;
			List<String> cells = new ArrayList<>();
			while ((token = csv.nextToken()) != JsonToken.END_ARRAY && token != null) {
				if (start < 0) {
					// the array's own token sits at the end of the record before
					start = csv.currentTokenLocation().getLineNr();
				}
				cells.add(csv.getString());
			}
			if (cells.size() == 1 && cells.get(0).isEmpty()) {
				// a blank line
				return next(csv, display);
			}
			return new Record(cells, start);
		}
		catch (StreamReadException ex) {
			long line = (ex.getLocation() != null) ? ex.getLocation().getLineNr() : -1;
			throw new IllegalArgumentException(display + ": not readable CSV near line " + line + " ("
					+ ex.getClass().getSimpleName() + "; an unclosed quote?)");
		}
	}

	@Override
	public void close() {
		this.csv.close();
	}

	private record Record(List<String> cells, long line) {
	}

	/**
	 * A row of the file.
	 *
	 * @param line where it starts in the file
	 * @param cells the source's columns, as the file holds them
	 * @param rejection the rejected row it says it fixes
	 */
	record Row(long line, Map<String, String> cells, Rejection rejection) {

		@Override
		public String toString() {
			// the cells are personal data
			return "Row[" + this.line + "]";
		}

	}

	/**
	 * What a row's trailing columns say of the rejected row it fixes.
	 *
	 * @param destination {@code vendor/endpoint}
	 * @param source the file or object it was read from
	 * @param position its line or record there
	 * @param run the run that rejected it
	 * @param id its id ({@code rejected_id}), or null when the file has none
	 */
	record Rejection(String destination, String source, long position, String run, Long id) {
	}

}
