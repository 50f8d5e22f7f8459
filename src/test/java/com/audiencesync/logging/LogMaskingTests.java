package com.audiencesync.logging;

import java.util.List;
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
	void phonesAreMaskedInAnyUsualSpellingAndPlace() {
		assertThat(LogMasking.mask("(02) 345-6789, 82-10-1234-5678, 0082-10-1234-5678, +82 (0)10-1234-5678"))
			.isEqualTo("(**) ***-**89, **-**-****-**78, ****-**-****-**78, +** (*)**-****-**78");
		assertThat(LogMasking.mask("+82 010-1234-5678 or 010.1234.5678 or +14155552671"))
			.isEqualTo("+** ***-****-**78 or ***.****.**78 or +*********71");
		// a CSV row, a query, a path, a JSON value and a sentence's end
		assertThat(LogMasking.mask("bad row 7,01012345678,010-2222-3333 in /members/01044445555?tel=01066667777"))
			.isEqualTo("bad row 7,*********78,***-****-**33 in /members/*********55?tel=*********77");
		assertThat(LogMasking.mask("{\"phone\":\"010-1234-5678\"} and (010-9876-5432). Call 02-123-4567."))
			.isEqualTo("{\"phone\":\"***-****-**78\"} and (***-****-**32). Call **-***-**67.");
	}

	@Test
	void datesTimesCountsAndIdsAreLeftAlone() {
		String line = "2026-12-02T04:20:35.454Z execution 1024 read 1000000 rows (100%), 8794 rows/s, "
				+ "runDate 2026-11-22, key 123456789012, took 12.5s";
		assertThat(LogMasking.mask(line)).isEqualTo(line);
	}

	@Test
	void timestampsDurationsAddressesAndIdsInAMessageAreLeftAlone() {
		List<String> values = List.of("2026-12-06T20:30:16.021234567Z", "2026-12-06T20:30:16.0101234567+09:00",
				"20:30:16.031234567-05:30", "0.0312345678s", "PT0.031234S", "PT0.0212345678S", "1.01012345678",
				"-0.0212345678", "+12.0212345678", "+09:00", "+0900", "http://127.0.0.1:54321/groobee",
				"http://[::1]:1/x", "[fe80::212:3456:7890]:8080", "10.0.10.1", "10.010.123.4567",
				"0f8fad5b-d9cb-469f-a165-010123456789", "0212345678abcdef", "trace 0212345678_1",
				"http://user@127.0.0.1:8080/", "Foo@1b2c3d", "v0.2.1234.5678", "0212345678.5");
		for (String value : values) {
			String line = "at " + value + " done";
			assertThat(LogMasking.mask(line)).as(value).isEqualTo(line);
		}
	}

	@Test
	void configuredSecretsAreMaskedWherever() {
		LogMasking.secrets(Set.of("sk-live-4f9a8b7c6d5e", "abc"));

		assertThat(LogMasking.mask("401 for key sk-live-4f9a8b7c6d5e; abc stays"))
			.isEqualTo("401 for key ******; abc stays");
	}

}
