package com.audiencesync.destination.emulator;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class HttpFaultTests {

	@Test
	void failsTheGivenNumberOfRequestsWithATextBody() {
		HttpFault fault = HttpFault.errorStatusOnly();
		fault.failNext(2, 503, "7");
		for (int i = 0; i < 2; i++) {
			Response response = fault.next();
			assertThat(response.status()).isEqualTo(503);
			assertThat(response.contentType()).isEqualTo("text/plain;charset=UTF-8");
			assertThat(new String(response.body(), StandardCharsets.UTF_8))
				.isEqualTo("503 Service Unavailable (sandbox)\n");
			assertThat(response.headers()).isEqualTo(Map.of("Retry-After", "7"));
		}
		assertThat(fault.next()).isNull();
	}

	@Test
	void sendsNoRetryAfterWhenNoneGiven() {
		HttpFault fault = HttpFault.errorStatusOnly();
		fault.failNext(1, 429, null);
		assertThat(fault.next().headers()).isEmpty();
	}

	@Test
	void clearDropsThePendingFault() {
		HttpFault fault = HttpFault.anyStatus();
		fault.failNext(3, 502, "1");
		fault.clear();
		assertThat(fault.next()).isNull();
	}

	@Test
	void errorStatusOnlyRejectsSuccessStatuses() {
		HttpFault fault = HttpFault.errorStatusOnly();
		assertThatIllegalArgumentException().isThrownBy(() -> fault.failNext(1, 202, null))
			.withMessage("Not an HTTP error status: 202");
		assertThatIllegalArgumentException().isThrownBy(() -> fault.failNext(0, 503, null))
			.withMessage("requests must be at least 1");
		assertThat(fault.next()).isNull();
	}

	@Test
	void anyStatusTakesEveryHttpStatus() {
		HttpFault fault = HttpFault.anyStatus();
		fault.failNext(1, 200, null);
		assertThat(fault.next().status()).isEqualTo(200);
		assertThatIllegalArgumentException().isThrownBy(() -> fault.failNext(1, 99, null))
			.withMessage("Not an HTTP status: 99");
		assertThatIllegalArgumentException().isThrownBy(() -> fault.failNext(1, 600, null));
	}

}
