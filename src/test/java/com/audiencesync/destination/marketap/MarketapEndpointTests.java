package com.audiencesync.destination.marketap;

import java.time.Duration;

import com.audiencesync.destination.DeliveryOutcome;
import org.junit.jupiter.api.Test;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

import static org.assertj.core.api.Assertions.assertThat;

/** How Marketap's answers become delivery outcomes. */
class MarketapEndpointTests {

	static DeliveryOutcome answer(int status, String body) {
		return MarketapEndpoint.classify(ResponseEntity.status(status).body(body));
	}

	@Test
	void acceptedIsDelivered() {
		assertThat(answer(202, "")).isInstanceOf(DeliveryOutcome.Delivered.class);
	}

	@Test
	void aBadItemIsRejectedWithMarketapsCodeAndMessageMasked() {
		DeliveryOutcome outcome = answer(400, "{\"code\":4000,\"message\":\"[3].user_id 010-1234-5678 invalid\"}");

		assertThat(outcome).isInstanceOfSatisfying(DeliveryOutcome.Rejected.class, (rejected) -> {
			assertThat(rejected.code()).isEqualTo("4000");
			assertThat(rejected.message()).contains("HTTP 400").contains("[3].user_id").doesNotContain("1234-5678");
		});
	}

	@Test
	void aWrongProjectOrKeyOrUrlIsFatalNamingTheProperty() {
		assertThat(answer(400, "{\"code\":4000,\"message\":\"project_id: unknown project\"}")).isInstanceOfSatisfying(
				DeliveryOutcome.Fatal.class,
				(fatal) -> assertThat(fatal.detail()).contains("audience-sync.destinations.marketap.project-id"));
		assertThat(answer(401, "{\"code\":4010,\"message\":\"unauthorized\"}")).isInstanceOfSatisfying(
				DeliveryOutcome.Fatal.class,
				(fatal) -> assertThat(fatal.detail()).contains("audience-sync.destinations.marketap.api-key"));
		assertThat(answer(404, null)).isInstanceOfSatisfying(DeliveryOutcome.Fatal.class,
				(fatal) -> assertThat(fatal.detail()).contains("base-url"));
	}

	@Test
	void throttlingAndServerErrorsAreRetriable() {
		DeliveryOutcome throttled = MarketapEndpoint
			.classify(ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS).header("Retry-After", "7").body(""));
		assertThat(throttled).isInstanceOfSatisfying(DeliveryOutcome.Throttled.class,
				(t) -> assertThat(t.retryAfter()).isEqualTo(Duration.ofSeconds(7)));
		assertThat(answer(503, "upstream down")).isInstanceOf(DeliveryOutcome.Unavailable.class);
		assertThat(answer(500, "{\"code\":5000,\"message\":\"oops\"}")).isInstanceOf(DeliveryOutcome.Unavailable.class);
		assertThat(answer(413, "")).isInstanceOf(DeliveryOutcome.TooLarge.class);
	}

}
