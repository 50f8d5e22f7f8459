package com.audiencesync.logging;

import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Masks personal data and secrets in free text bound for a log or a terminal (a message,
 * an MDC value, an exception's message): Korean phone numbers (mobile and landline, with
 * or without dashes, dots, spaces, parentheses or the +82 prefix), E.164 numbers, emails,
 * and every secret value configured for this process (API keys, passwords, keysets),
 * wherever they appear. A phone number is a number of its own: digits that go on a
 * decimal point (a timestamp's fraction of a second, a duration, a decimal), a letter or
 * another digit are not one, so timestamps, durations, IP addresses, ports, UUIDs, counts
 * and ids are left alone.
 */
public final class LogMasking {

	/**
	 * Where a phone number may start: not inside a word or a number, and not after a
	 * decimal point or a colon that follows a digit (the fraction of
	 * {@code 20:30:16.021234567Z} or {@code 0.0312345678s}, the seconds of
	 * {@code 20:35:02.155-0700}).
	 */
	private static final String START = "(?<![\\w+])(?<!\\d[.:])";

	/** Where it may end: not before a letter, a digit or a decimal fraction. */
	private static final String END = "(?!\\w)(?!\\.\\d)";

	/**
	 * A Korean number: 0, +82, 0082 or "82 " and an area code (in parentheses or not),
	 * then two groups, apart or not by a dash, dot or space.
	 */
	private static final String KOREAN = "(?:(?:(?:\\+|00)82[- .]?|82[- ])(?:\\(0\\)[- .]?|0)?\\(?|\\(?0)"
			+ "(?:1[016789]|2|[3-6][1-5]|70)\\)?[- .]?\\d{3,4}[- .]?\\d{4}";

	/**
	 * An E.164 number: + and 9 to 15 digits in a row (a signed decimal such as
	 * {@code +12.5} or an offset such as {@code +09:00} is not one).
	 */
	private static final String E164 = "\\+[1-9]\\d{8,14}";

	private static final Pattern PHONE = Pattern.compile(START + "(?:" + KOREAN + "|" + E164 + ")" + END);

	/**
	 * A local part, @, and a domain ending in a label of letters (not an IP address). The
	 * local part is tried from the start of a word only, and never given back, so that a
	 * long word costs one try, not one per character.
	 */
	private static final Pattern EMAIL = Pattern.compile("(?<![\\p{L}\\p{N}._%+-])[\\p{L}\\p{N}._%+-]++@"
			+ "(?:[\\p{L}\\p{N}-]+\\.)+\\p{L}{2,63}(?![\\p{L}\\p{N}_-])");

	/** Secrets are masked longest first, so one inside another cannot leave a part. */
	private static final List<String> SECRETS = new CopyOnWriteArrayList<>();

	private LogMasking() {
	}

	/**
	 * Adds secret values to mask (shorter than 4 characters: ignored, they would mask
	 * ordinary text).
	 */
	public static void secrets(Set<String> values) {
		for (String value : values) {
			if (value != null && value.strip().length() >= 4 && !SECRETS.contains(value.strip())) {
				SECRETS.add(value.strip());
			}
		}
		SECRETS.sort(Comparator.comparingInt(String::length).reversed());
	}

	/** The text with phone numbers, emails and secrets masked. */
	public static String mask(String text) {
		if (text == null || text.isEmpty()) {
			return text;
		}
		String masked = text;
		for (String secret : SECRETS) {
			if (masked.contains(secret)) {
				masked = masked.replace(secret, "******");
			}
		}
		masked = replace(PHONE, masked, LogMasking::phone);
		return (masked.indexOf('@') < 0) ? masked : replace(EMAIL, masked, LogMasking::email);
	}

	private static String replace(Pattern pattern, String text, UnaryOperator<String> masker) {
		Matcher matcher = pattern.matcher(text);
		if (!matcher.find()) {
			return text;
		}
		return matcher.replaceAll((match) -> Matcher.quoteReplacement(masker.apply(match.group())));
	}

	/** Every digit but the last two starred: {@code 010-****-**78}. */
	private static String phone(String value) {
		int digits = (int) value.chars().filter(Character::isDigit).count();
		StringBuilder masked = new StringBuilder(value.length());
		int seen = 0;
		for (char c : value.toCharArray()) {
			if (Character.isDigit(c)) {
				seen++;
				masked.append((seen > digits - 2) ? c : '*');
			}
			else {
				masked.append(c);
			}
		}
		return masked.toString();
	}

	/**
	 * The first character of the local part and the domain's last label:
	 * {@code j***@***.com}.
	 */
	private static String email(String value) {
		int dot = value.lastIndexOf('.');
		return value.charAt(0) + "***@***" + value.substring(dot);
	}

}
