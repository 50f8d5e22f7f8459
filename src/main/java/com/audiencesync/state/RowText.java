package com.audiencesync.state;

import java.math.BigDecimal;
import java.util.Map;

import tools.jackson.core.StreamWriteConstraints;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.json.JsonMapper;

/**
 * A rejected row's values as read, written out as text: the cells of
 * {@code rejected --export} (which {@code --import} compares with to tell what a data
 * team changed) and the JSON {@code --reveal} prints. Nothing is coerced: a number keeps
 * its digits (a 30-digit integer, a decimal with its scale), NaN and Infinity read as
 * they were kept, and an object or array, however deep, is its JSON.
 */
public final class RowText {

	/** No nesting limit: the depth a reader took is the depth written out. */
	private static final JsonMapper JSON = JsonMapper
		.builder(JsonFactory.builder()
			.streamWriteConstraints(StreamWriteConstraints.builder().maxNestingDepth(Integer.MAX_VALUE).build())
			.build())
		.build();

	private RowText() {
	}

	/**
	 * A value as an export's cell: a text as it is, no value as an empty cell, a number
	 * or a boolean as its literal, an object or array as its JSON.
	 */
	public static String cell(Object value) {
		if (value == null) {
			return "";
		}
		if (value instanceof String text) {
			return text;
		}
		if (value instanceof BigDecimal decimal) {
			// its digits and scale, as the kept JSON had them
			return decimal.toString();
		}
		if (value instanceof Number || value instanceof Boolean) {
			return value.toString();
		}
		return JSON.writeValueAsString(value);
	}

	/** A row's values as one line of JSON. */
	public static String json(Map<String, Object> values) {
		return JSON.writeValueAsString(values);
	}

}
