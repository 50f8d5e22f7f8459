package com.audiencesync.transform;

import java.util.Optional;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberFormat;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberType;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;

/**
 * Korean mobile and landline numbers in the shapes people type ({@code 01012345678},
 * {@code 010-1234-5678}, {@code +82 10-1234-5678}, {@code 82-10-...},
 * {@code 02)123-4567}) to Groobee's dashed form or to E.164. Google's libphonenumber does
 * the numbering-plan work.
 */
public final class PhoneNumbers {

	/** The output shapes vendors take. */
	public enum Format {

		/** National with dashes, {@code 010-1234-5678}. */
		DASHED,
		/** E.164, {@code +821012345678}. */
		E164

	}

	private static final PhoneNumberUtil UTIL = PhoneNumberUtil.getInstance();

	private static final String REGION = "KR";

	private PhoneNumbers() {
	}

	/**
	 * The number in the given format, or empty when it is not a valid Korean number.
	 * Never throws and never puts the input in a message.
	 */
	public static Optional<String> normalise(String raw, Format format) {
		Optional<String> fast = Mobile010.normalise(raw, format);
		if (fast != null) {
			return fast;
		}
		return slow(raw, format);
	}

	/** libphonenumber's answer, for every shape (and the fast path's reference). */
	static Optional<String> slow(String raw, Format format) {
		return parse(raw).map((number) -> switch (format) {
			case DASHED -> UTIL.format(number, PhoneNumberFormat.NATIONAL).replace(' ', '-');
			case E164 -> UTIL.format(number, PhoneNumberFormat.E164);
		});
	}

	/**
	 * The common shape, a Korean {@code 010} mobile number ({@code 01012345678},
	 * {@code 010-1234-5678}, {@code 010 1234 5678}), answered without libphonenumber's
	 * regular expressions for all but the first number of each prefix: whether such a
	 * number is valid depends only on its first seven digits, so libphonenumber's verdict
	 * on a prefix (asked with three endings) is kept for the next numbers of that prefix.
	 * A prefix whose verdict would depend on the ending (none, today) is left to
	 * libphonenumber, as is every other shape.
	 */
	static final class Mobile010 {

		private static final byte UNKNOWN = 0;

		private static final byte VALID = 1;

		private static final byte INVALID = 2;

		private static final byte MIXED = 3;

		/**
		 * The verdict on each prefix ({@code 0000..9999} after {@code 010}), taken on
		 * first use; two threads taking it at once take the same.
		 */
		private static final byte[] VERDICTS = new byte[10_000];

		private static byte verdict(int prefix) {
			byte verdict = VERDICTS[prefix];
			if (verdict == UNKNOWN) {
				String head = "010" + String.format("%04d", prefix);
				boolean low = parse(head + "0000").isPresent();
				boolean high = parse(head + "9999").isPresent();
				boolean middle = parse(head + "5273").isPresent();
				verdict = (low != high || low != middle) ? MIXED : low ? VALID : INVALID;
				VERDICTS[prefix] = verdict;
			}
			return verdict;
		}

		private Mobile010() {
		}

		/**
		 * The answer for a {@code 010} number in one of the common shapes, or null for
		 * any other input (libphonenumber answers it).
		 */
		static Optional<String> normalise(String raw, Format format) {
			if (raw == null) {
				return null;
			}
			String text = raw.strip();
			char[] digits = new char[11];
			int n;
			if (text.length() == 11) {
				n = copyDigits(text, 0, 11, digits, 0);
			}
			else if (text.length() == 13 && text.charAt(3) == text.charAt(8)
					&& (text.charAt(3) == '-' || text.charAt(3) == ' ')) {
				n = copyDigits(text, 0, 3, digits, 0);
				n = (n == 3) ? 3 + copyDigits(text, 4, 8, digits, 3) : -1;
				n = (n == 7) ? 7 + copyDigits(text, 9, 13, digits, 7) : -1;
			}
			else {
				return null;
			}
			if (n != 11 || digits[0] != '0' || digits[1] != '1' || digits[2] != '0') {
				return null;
			}
			int prefix = (digits[3] - '0') * 1000 + (digits[4] - '0') * 100 + (digits[5] - '0') * 10
					+ (digits[6] - '0');
			byte verdict = verdict(prefix);
			if (verdict == MIXED) {
				return null;
			}
			if (verdict == INVALID) {
				return Optional.empty();
			}
			String number = new String(digits);
			return Optional.of(switch (format) {
				case DASHED -> number.substring(0, 3) + "-" + number.substring(3, 7) + "-" + number.substring(7);
				case E164 -> "+82" + number.substring(1);
			});
		}

		/**
		 * Copies the digits of {@code text[from, to)}; the count copied, -1 at a
		 * non-digit.
		 */
		private static int copyDigits(String text, int from, int to, char[] into, int at) {
			for (int i = from; i < to; i++) {
				char c = text.charAt(i);
				if (c < '0' || c > '9') {
					return -1;
				}
				into[at + i - from] = c;
			}
			return to - from;
		}

	}

	private static Optional<PhoneNumber> parse(String raw) {
		if (raw == null || raw.isBlank()) {
			return Optional.empty();
		}
		String text = raw.strip();
		// libphonenumber reads letters as keypad digits ("010-ABCD-EFGH") and "x"/"ext"
		// as an extension, which the dashed form would then carry: no phone field in a
		// member extract means either
		if (text.codePoints().anyMatch(Character::isLetter)) {
			return Optional.empty();
		}
		// "82-10-1234-5678" and "0082..." carry the country code without '+'
		String digits = text.replaceAll("[^0-9+]", "");
		if (digits.startsWith("0082")) {
			text = "+" + digits.substring(2);
		}
		else if (digits.startsWith("82") && digits.length() >= 11) {
			text = "+" + digits;
		}
		try {
			PhoneNumber number = UTIL.parse(text, REGION);
			if (number.getCountryCode() != 82 || number.hasExtension() || !UTIL.isValidNumber(number)) {
				return Optional.empty();
			}
			PhoneNumberType type = UTIL.getNumberType(number);
			return switch (type) {
				case MOBILE, FIXED_LINE, FIXED_LINE_OR_MOBILE, VOIP, UAN, PERSONAL_NUMBER -> Optional.of(number);
				default -> Optional.empty();
			};
		}
		catch (NumberParseException ex) {
			return Optional.empty();
		}
	}

}
