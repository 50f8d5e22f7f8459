package com.audiencesync.destination;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.ObjectWriter;
import tools.jackson.databind.json.JsonMapper;

/**
 * Request rows serialised once. A keyed row's JSON is what its fingerprint in the sync
 * state hashes, and the same bytes go into the request: a bulk body is its rows' JSON
 * joined, not the rows serialised a second time ({@link Endpoint#send(List, List)}).
 */
public final class JsonRows {

	/**
	 * Jackson's defaults. The fingerprints of every key in every sync state were made
	 * with them: a change here resends every key once.
	 */
	private static final JsonMapper JSON = JsonMapper.builder().build();

	/** Rows written one after another, with nothing between them. */
	private static final ObjectWriter ROWS = JSON.writer().withRootValueSeparator((String) null);

	private JsonRows() {
	}

	/** A request row's JSON (UTF-8). */
	public static byte[] of(Object row) {
		return JSON.writeValueAsBytes(row);
	}

	/**
	 * Each row's JSON, the same bytes as {@link #of} gives, written by one generator for
	 * the whole list (a generator and its buffers a chunk, not a row).
	 */
	public static List<byte[]> each(List<?> rows) {
		ByteArrayOutputStream out = new ByteArrayOutputStream(rows.size() * 256);
		int[] ends = new int[rows.size()];
		try (JsonGenerator generator = ROWS.createGenerator(out)) {
			for (int i = 0; i < rows.size(); i++) {
				ROWS.writeValue(generator, rows.get(i));
				generator.flush();
				ends[i] = out.size();
			}
		}
		byte[] all = out.toByteArray();
		List<byte[]> each = new ArrayList<>(rows.size());
		int start = 0;
		for (int end : ends) {
			each.add(Arrays.copyOfRange(all, start, end));
			start = end;
		}
		return each;
	}

	/** {@code [row,row,...]}. */
	public static byte[] array(List<byte[]> rows) {
		return join("[", rows, "]");
	}

	/** {@code {"field":[row,row,...]}}: a body of one array field. */
	public static byte[] object(String field, List<byte[]> rows) {
		return join("{" + JSON.writeValueAsString(field) + ":[", rows, "]}");
	}

	private static byte[] join(String prefix, List<byte[]> rows, String suffix) {
		byte[] head = prefix.getBytes(StandardCharsets.UTF_8);
		byte[] tail = suffix.getBytes(StandardCharsets.UTF_8);
		int size = head.length + tail.length + Math.max(0, rows.size() - 1);
		for (byte[] row : rows) {
			size += row.length;
		}
		ByteArrayOutputStream body = new ByteArrayOutputStream(size);
		body.writeBytes(head);
		for (int i = 0; i < rows.size(); i++) {
			if (i > 0) {
				body.write(',');
			}
			body.writeBytes(rows.get(i));
		}
		body.writeBytes(tail);
		return body.toByteArray();
	}

}
