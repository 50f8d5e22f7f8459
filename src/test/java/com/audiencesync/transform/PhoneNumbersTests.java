package com.audiencesync.transform;

import com.audiencesync.transform.PhoneNumbers.Format;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class PhoneNumbersTests {

	@ParameterizedTest(name = "[{index}] ''{0}'' -> {1} / {2}")
	@CsvSource(delimiter = '|', textBlock = """
			# mobile, every way people type it
			01012345678            | 010-1234-5678 | +821012345678
			010-1234-5678          | 010-1234-5678 | +821012345678
			010 1234 5678          | 010-1234-5678 | +821012345678
			010.1234.5678          | 010-1234-5678 | +821012345678
			'  010-1234-5678  '    | 010-1234-5678 | +821012345678
			+82 10-1234-5678       | 010-1234-5678 | +821012345678
			+821012345678          | 010-1234-5678 | +821012345678
			+82-010-1234-5678      | 010-1234-5678 | +821012345678
			82-10-1234-5678        | 010-1234-5678 | +821012345678
			821012345678           | 010-1234-5678 | +821012345678
			82 10 1234 5678        | 010-1234-5678 | +821012345678
			0082-10-1234-5678      | 010-1234-5678 | +821012345678
			008201012345678        | 010-1234-5678 | +821012345678
			+82 (0)10 1234 5678    | 010-1234-5678 | +821012345678
			# old mobile prefixes, 10 and 11 digits
			0111234567             | 011-123-4567  | +82111234567
			0161234567             | 016-123-4567  | +82161234567
			0171234567             | 017-123-4567  | +82171234567
			0181234567             | 018-123-4567  | +82181234567
			0191234567             | 019-123-4567  | +82191234567
			011-1234-5678          | 011-1234-5678 | +821112345678
			# Seoul and other area codes
			02-123-4567            | 02-123-4567   | +8221234567
			0212345678             | 02-1234-5678  | +82212345678
			(02) 345-6789          | 02-345-6789   | +8223456789
			02)123-4567            | 02-123-4567   | +8221234567
			031-234-5678           | 031-234-5678  | +82312345678
			0312345678             | 031-234-5678  | +82312345678
			064-712-3456           | 064-712-3456  | +82647123456
			822-123-4567           | 02-123-4567   | +8221234567
			# VoIP and personal numbers
			070-1234-5678          | 070-1234-5678 | +827012345678
			050-1234-5678          | 050-1234-5678 | +825012345678
			""")
	void koreanNumbersNormalise(String raw, String dashed, String e164) {
		assertThat(PhoneNumbers.normalise(raw, Format.DASHED)).contains(dashed);
		assertThat(PhoneNumbers.normalise(raw, Format.E164)).contains(e164);
	}

	@ParameterizedTest
	@CsvSource({ "1588-1234, 1588-1234, +8215881234", "15881234, 1588-1234, +8215881234",
			"1544-1234, 1544-1234, +8215441234" })
	void representativeNumbersAreAcceptedAsLibphonenumberCallsThemValidUan(String raw, String dashed, String e164) {
		assertThat(PhoneNumbers.normalise(raw, Format.DASHED)).contains(dashed);
		assertThat(PhoneNumbers.normalise(raw, Format.E164)).contains(e164);
	}

	@ParameterizedTest
	@NullAndEmptySource
	@ValueSource(strings = { "   ", "12345", "phone-unknown", "010-1234", "+1 415 555 2671", "abc", "010-ABCD-EFGH",
			"010-1234-5678 ext 12", "010-1234-5678x", "010123456789012", "010-1234-56789", "060-123-4567" })
	void invalidNumbersAreRejectedInBothFormats(String raw) {
		assertThat(PhoneNumbers.normalise(raw, Format.DASHED)).isEmpty();
		assertThat(PhoneNumbers.normalise(raw, Format.E164)).isEmpty();
	}

	@Test
	void tollFreeNumbersAreNotAPersonsPhone() {
		assertThat(PhoneNumbers.normalise("080-123-4567", Format.DASHED)).isEmpty();
	}

}
