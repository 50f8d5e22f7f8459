package com.audiencesync.destination;

import java.util.regex.Pattern;

/**
 * Masks personal data for reports, logs and the rejected-rows table. What survives is
 * enough to find the row, never enough to contact the person.
 */
public final class Masking {

	private static final Pattern DIGIT_RUN = Pattern.compile("\\d[\\d\\- ()+.]{5,}\\d");

	private static final Pattern EMAIL = Pattern.compile("[\\w.+-]+@[\\w-]+(\\.[\\w-]+)+");

	private Masking() {
	}

	/**
	 * A phone number with only its last two digits and its separators:
	 * {@code ***-****-**78}.
	 */
	public static String phone(String value) {
		if (value == null) {
			return null;
		}
		StringBuilder masked = new StringBuilder(value.length());
		int digitsSeen = 0;
		int totalDigits = (int) value.chars().filter(Character::isDigit).count();
		for (char c : value.toCharArray()) {
			if (Character.isDigit(c)) {
				digitsSeen++;
				masked.append((digitsSeen > totalDigits - 2) ? c : '*');
			}
			else {
				// separators stay; letters may be the number spelt out ("010-CALL-KIM")
				masked.append(("-+ ().".indexOf(c) >= 0) ? c : '*');
			}
		}
		return masked.toString();
	}

	/**
	 * Any other value: first and last character kept for values longer than 4, length
	 * preserved.
	 */
	public static String text(Object value) {
		if (value == null) {
			return null;
		}
		String text = String.valueOf(value);
		if (text.length() <= 4) {
			return "*".repeat(text.length());
		}
		return text.charAt(0) + "*".repeat(text.length() - 2) + text.charAt(text.length() - 1);
	}

	/**
	 * Free text from elsewhere (a vendor's error message, a parser's complaint) with
	 * anything that looks like a phone number or an email masked.
	 */
	public static String scrub(String message) {
		if (message == null) {
			return null;
		}
		String scrubbed = DIGIT_RUN.matcher(message).replaceAll((match) -> phone(match.group()));
		return EMAIL.matcher(scrubbed).replaceAll((match) -> text(match.group()));
	}

}
