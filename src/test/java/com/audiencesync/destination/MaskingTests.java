package com.audiencesync.destination;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class MaskingTests {

	@ParameterizedTest
	@CsvSource(delimiter = '|', textBlock = """
			010-1234-5678 | ***-****-**78
			01012345678   | *********78
			+821012345678 | +**********78
			""")
	void phoneKeepsOnlyTheLastTwoDigits(String raw, String masked) {
		assertThat(Masking.phone(raw)).isEqualTo(masked);
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', textBlock = """
			hello world | h*********d
			abcde       | a***e
			abcd        | ****
			a           | *
			""")
	void textKeepsFirstAndLastCharacterOnlyWhenLongerThanFour(String raw, String masked) {
		assertThat(Masking.text(raw)).isEqualTo(masked);
	}

	@Test
	void nullStaysNull() {
		assertThat(Masking.phone(null)).isNull();
		assertThat(Masking.text(null)).isNull();
		assertThat(Masking.scrub(null)).isNull();
	}

	@Test
	void scrubMasksPhoneNumbersInFreeText() {
		// given
		String message = "duplicate phoneNumber 010-1234-5678 for member 7";

		// when
		String scrubbed = Masking.scrub(message);

		// then
		assertThat(scrubbed).isEqualTo("duplicate phoneNumber ***-****-**78 for member 7").doesNotContain("1234");
	}

	@Test
	void scrubMasksUndashedAndInternationalNumbers() {
		assertThat(Masking.scrub("phone 01012345678 rejected")).isEqualTo("phone *********78 rejected");
		assertThat(Masking.scrub("to +82 10-1234-5678.")).doesNotContain("1234").contains("78");
	}

	@Test
	void scrubMasksEmails() {
		assertThat(Masking.scrub("unknown user kim.minsu@example.com here")).doesNotContain("kim.minsu@example.com")
			.startsWith("unknown user k")
			.endsWith("m here");
	}

	@Test
	void scrubLeavesVendorCodesAndShortNumbersReadable() {
		assertThat(Masking.scrub("processCode -1006 (invalid phone number)"))
			.isEqualTo("processCode -1006 (invalid phone number)");
		assertThat(Masking.scrub("row [12] of 1000 refused")).isEqualTo("row [12] of 1000 refused");
		assertThat(Masking.scrub("error -1006: phone 01012345678")).isEqualTo("error -1006: phone *********78");
		assertThat(Masking.scrub("HTTP 400 Bad Request")).isEqualTo("HTTP 400 Bad Request");
	}

}
