package com.audiencesync.transform;

import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Source timestamps to ISO 8601 with an explicit offset
 * ({@code 2025-01-17T05:39:22+09:00}), the form vendors such as Marketap require. A value
 * with an offset keeps it; a local date-time or date is read in the spec's zone; epoch
 * seconds and milliseconds are placed in that zone.
 */
public final class Timestamps {

	/** Values at or above this many are milliseconds: 10^11 seconds is the year 5138. */
	private static final long MILLIS_FROM = 100_000_000_000L;

	private static final Pattern EPOCH = Pattern.compile("-?\\d{1,16}(\\.\\d+)?");

	private Timestamps() {
	}

	/** The value as ISO 8601 with an offset, or empty when it is not a timestamp. */
	public static Optional<String> normalise(Object raw, ZoneId zone) {
		if (raw == null) {
			return Optional.empty();
		}
		try {
			OffsetDateTime value = (raw instanceof Number number) ? epoch(new BigDecimal(number.toString()), zone)
					: parse(String.valueOf(raw).strip(), zone);
			return Optional.ofNullable(value).map(DateTimeFormatter.ISO_OFFSET_DATE_TIME::format);
		}
		catch (DateTimeException | ArithmeticException | NumberFormatException ex) {
			return Optional.empty();
		}
	}

	private static OffsetDateTime parse(String text, ZoneId zone) {
		if (text.isEmpty()) {
			return null;
		}
		if (EPOCH.matcher(text).matches()) {
			return epoch(new BigDecimal(text), zone);
		}
		String iso = (text.length() > 10 && text.charAt(10) == ' ') ? text.substring(0, 10) + 'T' + text.substring(11)
				: text;
		try {
			return OffsetDateTime.parse(iso);
		}
		catch (DateTimeParseException noOffset) {
			// no offset: the wall-clock time of the business zone
		}
		try {
			return LocalDateTime.parse(iso).atZone(zone).toOffsetDateTime();
		}
		catch (DateTimeParseException notADateTime) {
			return LocalDate.parse(iso).atStartOfDay(zone).toOffsetDateTime();
		}
	}

	private static OffsetDateTime epoch(BigDecimal value, ZoneId zone) {
		Instant instant = (value.abs().compareTo(BigDecimal.valueOf(MILLIS_FROM)) >= 0)
				? Instant.ofEpochMilli(value.longValueExact()) : Instant
					.ofEpochMilli(value.movePointRight(3).setScale(0, java.math.RoundingMode.DOWN).longValueExact());
		return instant.atZone(zone).toOffsetDateTime();
	}

}
