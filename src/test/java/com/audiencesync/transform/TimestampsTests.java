package com.audiencesync.transform;

import java.time.ZoneId;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class TimestampsTests {

	static final ZoneId SEOUL = ZoneId.of("Asia/Seoul");

	@ParameterizedTest(name = "{0} in {1} -> {2}")
	@CsvSource({
			// an explicit offset is kept
			"2025-01-17T05:39:22+09:00, Asia/Seoul, 2025-01-17T05:39:22+09:00",
			"2025-01-17T05:39:22Z, Asia/Seoul, 2025-01-17T05:39:22Z",
			"2025-01-17T05:39:22-05:00, Asia/Seoul, 2025-01-17T05:39:22-05:00",
			"2025-01-17T05:39:22.123+09:00, Asia/Seoul, 2025-01-17T05:39:22.123+09:00",
			// local times are read in the spec's zone
			"2025-01-17T05:39:22, Asia/Seoul, 2025-01-17T05:39:22+09:00",
			"2025-01-17 05:39:22, Asia/Seoul, 2025-01-17T05:39:22+09:00",
			"2025-01-17T05:39:22.5, Asia/Seoul, 2025-01-17T05:39:22.5+09:00",
			"2025-01-17, Asia/Seoul, 2025-01-17T00:00:00+09:00", "2025-01-17T05:39:22, UTC, 2025-01-17T05:39:22Z",
			"2025-01-17T05:39:22, America/New_York, 2025-01-17T05:39:22-05:00",
			// Seoul has no daylight saving: summer is +09:00 too
			"2025-07-01T12:00:00, Asia/Seoul, 2025-07-01T12:00:00+09:00",
			// epoch seconds and milliseconds, placed in the zone
			"1737059962, Asia/Seoul, 2025-01-17T05:39:22+09:00", "1737059962000, Asia/Seoul, 2025-01-17T05:39:22+09:00",
			"1737059962123, Asia/Seoul, 2025-01-17T05:39:22.123+09:00",
			"1737059962.5, Asia/Seoul, 2025-01-17T05:39:22.5+09:00", "1737059962, UTC, 2025-01-16T20:39:22Z" })
	void timestampsLeaveAsIso8601WithAnOffset(String source, String zone, String expected) {
		assertThat(Timestamps.normalise(source, ZoneId.of(zone))).contains(expected);
	}

	@ParameterizedTest
	@ValueSource(longs = { 1737059962L, 1737059962000L })
	void numbersFromJsonAreEpochSecondsOrMillis(long epoch) {
		assertThat(Timestamps.normalise(epoch, SEOUL)).contains("2025-01-17T05:39:22+09:00");
	}

	@ParameterizedTest
	@ValueSource(strings = { "yesterday", "2025-13-01", "2025-02-30T00:00:00", "2025-01-17T25:00:00", "17/01/2025",
			"2025-01-17T05:39:22+0900x", " ", "" })
	void anythingElseIsNotATimestamp(String source) {
		assertThat(Timestamps.normalise(source, SEOUL)).isEmpty();
	}

}
