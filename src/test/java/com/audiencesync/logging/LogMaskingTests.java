package com.audiencesync.logging;

import java.util.Set;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class LogMaskingTests {

	@Test
	void phonesInEveryUsualSpellingAndEmailsAreMasked() {
		assertThat(LogMasking.mask("sent 010-1234-5678, 01098765432, 010 2222 3333 and +82 10-4444-5555 to x"))
			.isEqualTo("sent ***-****-**78, *********32, *** **** **33 and +** **-****-**55 to x");
		assertThat(LogMasking.mask("landline 02-123-4567 or 031-1234-5678; E.164 +821012345678"))
			.doesNotContain("123-4567")
			.doesNotContain("1234-5678")
			.doesNotContain("1012345678");
		assertThat(LogMasking.mask("mail Jane.Doe+x@Example.co.kr now")).isEqualTo("mail J***@***.kr now");
	}

	@Test
	void datesTimesCountsAndIdsAreLeftAlone() {
		String line = "2026-12-02T04:20:35.454Z execution 1024 read 1000000 rows (100%), 8794 rows/s, "
				+ "runDate 2026-11-22, key 123456789012, took 12.5s";
		assertThat(LogMasking.mask(line)).isEqualTo(line);
	}

	@Test
	void configuredSecretsAreMaskedWherever() {
		LogMasking.secrets(Set.of("sk-live-4f9a8b7c6d5e", "abc"));

		assertThat(LogMasking.mask("401 for key sk-live-4f9a8b7c6d5e; abc stays"))
			.isEqualTo("401 for key ******; abc stays");
	}

}
