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
		return parse(raw).map((number) -> switch (format) {
			case DASHED -> UTIL.format(number, PhoneNumberFormat.NATIONAL).replace(' ', '-');
			case E164 -> UTIL.format(number, PhoneNumberFormat.E164);
		});
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
