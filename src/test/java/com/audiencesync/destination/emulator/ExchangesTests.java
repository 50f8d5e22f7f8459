package com.audiencesync.destination.emulator;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ExchangesTests {

	@Test
	void readBodyReturnsNullOnlyAboveTheLimit() throws Exception {
		assertThat(Exchanges.readBody(new ByteArrayInputStream(new byte[4]), 4)).hasSize(4);
		assertThat(Exchanges.readBody(new ByteArrayInputStream(new byte[5]), 4)).isNull();
	}

	@Test
	void parseJsonReturnsNullForMissingEmptyOrBrokenBodies() {
		assertThat(Exchanges.parseJson(null)).isNull();
		assertThat(Exchanges.parseJson(new byte[0])).isNull();
		assertThat(Exchanges.parseJson("{".getBytes(StandardCharsets.UTF_8))).isNull();
		assertThat(Exchanges.parseJson("[1]".getBytes(StandardCharsets.UTF_8)).isArray()).isTrue();
	}

}
