package com.audiencesync.batch;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class NamesTests {

	@Test
	void shortNamesAreReadableAndStable() {
		assertThat(Names.partition("2024/members.csv")).isEqualTo("part:2024/members.csv")
			.isEqualTo(Names.partition("2024/members.csv"));
	}

	@Test
	void longNamesFitAndKeepAHashSuffix() {
		// given
		String prefix = "exports/2024-01-15/".repeat(6);

		// when
		String one = Names.partition(prefix + "members-part-0001.csv.gz");
		String two = Names.partition(prefix + "members-part-0002.csv.gz");

		// then
		assertThat(one).hasSizeLessThanOrEqualTo(90).startsWith("part:exports/").matches(".*~[0-9a-f]{12}");
		assertThat(two).hasSizeLessThanOrEqualTo(90);
		assertThat(one).isNotEqualTo(two).isEqualTo(Names.partition(prefix + "members-part-0001.csv.gz"));
	}

	@Test
	void keyRangesArePaddedAlikeSoTheySortInKeyOrder() {
		assertThat(Names.partition(Names.keyRange(3, 8))).isEqualTo("part:keys-03-of-08");
		assertThat(Names.keyRange(7, 120)).isEqualTo("keys-007-of-120");
	}

	@Test
	void nameAtTheLimitIsKeptWhole() {
		String part = "x".repeat(90 - "part:".length());

		assertThat(Names.partition(part)).isEqualTo("part:" + part);
		assertThat(Names.partition(part + "y")).hasSize(90).contains("~");
	}

}
