package com.audiencesync.transform;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.ZoneId;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

import com.audiencesync.destination.Masking;
import com.audiencesync.spec.FieldSpec;
import com.audiencesync.transform.PhoneNumbers.Format;

/**
 * How one value of a mapped row is read, the same for a field and a property: from its
 * column (dots reach into nested JSON objects) or constant, its default when that is
 * missing or blank, then coerced to its type and, for closed sets, to the value sent.
 *
 * @param spec the field's spec
 * @param phoneFormat the form a phone number is sent in
 * @param values accepted spellings (lower case) to the value sent; empty for any value
 * @param pii whether the value is personal data (masked in every report)
 * @param cipher encrypts the value when the spec says {@code encrypt: deterministic}
 */
record ValueReader(FieldSpec spec, Format phoneFormat, Map<String, String> values, boolean pii, FieldCipher cipher) {

	private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s.]+");

	private static final HexFormat HEX = HexFormat.of();

	/** What reading gave: a value, nothing (missing or blank), or why not. */
	record Read(Object value, boolean blank, String reasonCode, String error) {

		static final Read BLANK = new Read(null, true, null, null);

		static Read ok(Object value) {
			return new Read(value, false, null, null);
		}

		static Read bad(String reasonCode, String error) {
			return new Read(null, false, reasonCode, error);
		}

	}

	/** A reader whose closed values are the spec's own, else the endpoint's. */
	static ValueReader of(FieldSpec spec, Format phoneFormat, Map<String, String> endpointValues, boolean pii,
			FieldCipher cipher) {
		if (spec.values() == null || spec.values().isEmpty()) {
			return new ValueReader(spec, phoneFormat, endpointValues, pii, cipher);
		}
		Map<String, String> values = new LinkedHashMap<>();
		spec.values().forEach((from, to) -> values.put(from.strip().toLowerCase(Locale.ROOT), to));
		return new ValueReader(spec, phoneFormat, values, pii, cipher);
	}

	/** The value in a row. */
	Read read(Map<String, Object> row, ZoneId zone) {
		Object raw = raw(row);
		if (raw == null) {
			return Read.BLANK;
		}
		Read read = coerce(raw, zone);
		if (read.error() == null && !this.values.isEmpty()) {
			String sent = this.values.get(String.valueOf(read.value()).strip().toLowerCase(Locale.ROOT));
			return (sent != null) ? Read.ok(sent) : Read.bad("BAD_VALUE", "is not one of " + allowed());
		}
		return (read.error() == null) ? transformed(read, raw) : read;
	}

	/**
	 * The value as sent when the spec hashes or encrypts it: of its normalised form (a
	 * phone in E.164, whatever form it is sent in otherwise).
	 */
	private Read transformed(Read read, Object raw) {
		if (this.spec.hash() == null && this.spec.encrypt() == null) {
			return read;
		}
		String normalised = "phone".equals(this.spec.typeOrDefault())
				? PhoneNumbers.normalise(String.valueOf(raw).strip(), Format.E164).orElseThrow()
				: String.valueOf(read.value());
		if (this.spec.hash() != null) {
			try {
				return Read.ok(HEX.formatHex(
						MessageDigest.getInstance("SHA-256").digest(normalised.getBytes(StandardCharsets.UTF_8))));
			}
			catch (NoSuchAlgorithmException ex) {
				throw new IllegalStateException("every JVM has SHA-256", ex);
			}
		}
		return Read.ok(this.cipher.encrypt(normalised));
	}

	/** The value as given (column or constant, else the default), or null when blank. */
	Object raw(Map<String, Object> row) {
		Object raw = (this.spec.constant() != null) ? this.spec.constant() : lookup(row, this.spec.column());
		if (isBlank(raw)) {
			raw = this.spec.defaultValue();
		}
		return isBlank(raw) ? null : raw;
	}

	/** Where the value comes from, for messages: {@code column 'phone'}. */
	String source() {
		return (this.spec.constant() != null) ? "the constant" : "column '" + this.spec.column() + "'";
	}

	/** A value as it may be shown: masked when it is personal data. */
	Object shown(Object value) {
		if (!this.pii) {
			return value;
		}
		String text = String.valueOf(value);
		return ("phone".equals(this.spec.typeOrDefault()) && this.spec.hash() == null && this.spec.encrypt() == null)
				? Masking.phone(text) : Masking.text(text);
	}

	private String allowed() {
		if (this.spec.values() != null && !this.spec.values().isEmpty()) {
			return this.spec.values().keySet().toString();
		}
		return this.values.values().stream().distinct().sorted().toList().toString();
	}

	private Read coerce(Object raw, ZoneId zone) {
		if ("json".equals(this.spec.typeOrDefault())) {
			// a nested value as read: objects, arrays, text, numbers, booleans
			return Read.ok(raw);
		}
		if (raw instanceof Map || raw instanceof List) {
			return Read.bad("BAD_TYPE", "is an object or array, not a " + this.spec.typeOrDefault());
		}
		String text = String.valueOf(raw).strip();
		return switch (this.spec.typeOrDefault()) {
			case "string" -> Read.ok(text);
			case "integer" -> integer(raw, text);
			case "decimal" -> decimal(text);
			case "boolean" -> bool(raw, text);
			case "timestamp" -> Timestamps.normalise(raw, zone)
				.map(Read::ok)
				.orElseGet(() -> Read.bad("BAD_TIMESTAMP",
						"is not a timestamp (ISO 8601, yyyy-MM-dd HH:mm:ss, yyyy-MM-dd, epoch seconds or milliseconds)"));
			case "email" -> EMAIL.matcher(text).matches() ? Read.ok(text.toLowerCase(Locale.ROOT))
					: Read.bad("BAD_EMAIL", "is not an email address");
			case "phone" -> PhoneNumbers.normalise(text, this.phoneFormat)
				.map(Read::ok)
				.orElseGet(() -> Read.bad("BAD_PHONE", "is not a valid Korean phone number"));
			default -> throw new IllegalStateException("validated spec has type " + this.spec.type());
		};
	}

	private static Read integer(Object raw, String text) {
		try {
			if (raw instanceof Long || raw instanceof Integer || raw instanceof Short || raw instanceof Byte) {
				return Read.ok(((Number) raw).longValue());
			}
			BigDecimal value = new BigDecimal(text);
			if (value.stripTrailingZeros().scale() > 0) {
				return Read.bad("BAD_TYPE", "is not an integer (it has a fraction)");
			}
			return Read.ok(value.longValueExact());
		}
		catch (ArithmeticException ex) {
			return Read.bad("BAD_TYPE", "is beyond the integers a vendor takes (64-bit, up to 9223372036854775807)");
		}
		catch (NumberFormatException ex) {
			return Read.bad("BAD_TYPE", "is not an integer");
		}
	}

	private static Read decimal(String text) {
		try {
			return Read.ok(new BigDecimal(text));
		}
		catch (NumberFormatException ex) {
			return Read.bad("BAD_TYPE", "is not a decimal number");
		}
	}

	private static Read bool(Object raw, String text) {
		if (raw instanceof Boolean value) {
			return Read.ok(value);
		}
		return switch (text.toLowerCase(Locale.ROOT)) {
			case "true", "y", "yes", "1" -> Read.ok(true);
			case "false", "n", "no", "0" -> Read.ok(false);
			default -> Read.bad("BAD_TYPE", "is not a boolean (true/false, y/n, yes/no, 1/0)");
		};
	}

	/**
	 * Column lookup; a dotted name reaches into nested JSON objects when no column has
	 * the full name.
	 */
	@SuppressWarnings("unchecked")
	static Object lookup(Map<String, Object> values, String column) {
		Object value = values.get(column);
		if (value != null || !column.contains(".") || values.containsKey(column)) {
			return value;
		}
		Object current = values;
		for (String part : column.split("\\.")) {
			if (!(current instanceof Map<?, ?> map)) {
				return null;
			}
			current = ((Map<String, Object>) map).get(part);
		}
		return current;
	}

	static boolean isBlank(Object value) {
		return value == null || (value instanceof String text && text.isBlank());
	}

}
