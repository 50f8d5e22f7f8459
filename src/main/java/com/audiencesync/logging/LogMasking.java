package com.audiencesync.logging;

import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Masks personal data and secrets in text bound for a log or a terminal: Korean phone
 * numbers (mobile and landline, with or without dashes, spaces or the +82 prefix), E.164
 * numbers, emails, and every secret value configured for this process (API keys,
 * passwords, keysets), wherever they appear. Dates, times, counts and ids are left alone.
 */
public final class LogMasking {

	private static final Pattern PHONE = Pattern.compile("(?<![\\w+])(?:(?:\\+|00)82[- .]?0?|0)"
			+ "(?:1[016789]|2|[3-6][1-5]|70)[- .)]?\\d{3,4}[- .]?\\d{4}(?!\\d)" + "|(?<![\\w+])\\+\\d{9,15}(?!\\d)");

	private static final Pattern EMAIL = Pattern.compile("[\\w.+-]+@[\\w-]+(?:\\.[\\w-]+)+");

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
		return replace(EMAIL, masked, LogMasking::email);
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
