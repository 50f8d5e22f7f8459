package com.audiencesync.destination.braze;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import com.audiencesync.sandbox.SandboxServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class BrazeEmulatorTests {

	private static final String KEY = "test-key";

	private static final String MERGE = "/users/merge";

	// long enough that a test counting requests never crosses a window boundary
	private static final Duration HOUR = Duration.ofHours(1);

	private final JsonMapper mapper = JsonMapper.shared();

	private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private SandboxServer sandbox;

	private BrazeEmulator braze;

	@BeforeEach
	void start() {
		this.sandbox = SandboxServer.start("127.0.0.1", 0, KEY);
		this.braze = this.sandbox.emulator("braze", BrazeEmulator.class);
	}

	@AfterEach
	void stop() {
		this.sandbox.close();
	}

	@Test
	void baseUrlIsMountedUnderBraze() {
		assertThat(this.sandbox.baseUrl("braze"))
			.isEqualTo(URI.create("http://127.0.0.1:" + this.sandbox.port() + "/braze"));
	}

	@Test
	void everyIdentifierKindIsAcceptedAndStoredInOrder() throws Exception {
		List<Map<String, Object>> updates = List.of(merge(externalId("old-1"), externalId("new-1")),
				merge(alias("legacy_id", "crm"), externalId("new-2")),
				merge(email("kim@example.com", "identified", "most_recently_updated"), externalId("new-3")),
				merge(phone("+821012345678", "unidentified"), phone("+14155550100", "least_recently_updated")));
		HttpResponse<String> response = post(Map.of("merge_updates", updates));
		assertThat(response.statusCode()).isEqualTo(202);
		assertThat(json(response).get("message").stringValue()).isEqualTo("success");
		assertThat(post(Map.of("merge_updates", List.of(merge(externalId("old-4"), externalId("new-4"))))).statusCode())
			.isEqualTo(202);
		List<Map<String, Object>> expected = new ArrayList<>(updates);
		expected.add(merge(externalId("old-4"), externalId("new-4")));
		assertThat(this.braze.merges()).isEqualTo(expected);
		assertThat(this.braze.mergesAccepted()).isEqualTo(5);
		assertThat(this.braze.acceptedRequestCount()).isEqualTo(2);
		assertThat(this.braze.requestCount()).isEqualTo(2);
		assertThat(this.braze.maxBatchSizeSeen()).isEqualTo(4);
	}

	@Test
	void invalidIdentifiersAreRejectedNamingIndexAndSideButNotTheValue() throws Exception {
		Map<String, Object> twoIdentifiers = new LinkedHashMap<>(externalId("secret-ext"));
		twoIdentifiers.put("email", "secret@example.com");
		assertInvalidKeep(twoIdentifiers, "identifier_to_keep: exactly one identifier is required");
		assertInvalidKeep(Map.of(), "identifier_to_keep: exactly one identifier is required");
		assertInvalidKeep(Map.of("prioritization", List.of("identified")),
				"identifier_to_keep: exactly one identifier is required");
		assertInvalidKeep(Map.of("email", "secret@example.com"),
				"identifier_to_keep.prioritization: required with email or phone");
		assertInvalidKeep(Map.of("external_id", "secret-ext", "prioritization", List.of("identified")),
				"identifier_to_keep.prioritization: only allowed with email or phone");
		assertInvalidKeep(email("secret@example.com", "identified", "unidentified"),
				"identifier_to_keep.prioritization: must not contain both identified and unidentified");
		assertInvalidKeep(email("secret@example.com", "identified", "secret-priority"),
				"identifier_to_keep.prioritization[1]: must be one of identified, unidentified, "
						+ "most_recently_updated, least_recently_updated");
		assertInvalidKeep(email("secret@example.com", "most_recently_updated", "most_recently_updated"),
				"identifier_to_keep.prioritization[1]: must not repeat a value");
		assertInvalidKeep(email("secret@example.com"), "identifier_to_keep.prioritization: must be a non-empty array");
		assertInvalidKeep(phone("010-1234-5678", "identified"),
				"identifier_to_keep.phone: must be an E.164 phone number, e.g. +14155550100");
		assertInvalidKeep(phone("+0123456789", "identified"),
				"identifier_to_keep.phone: must be an E.164 phone number, e.g. +14155550100");
		assertInvalidKeep(email("secret.example.com", "identified"),
				"identifier_to_keep.email: must be an email address");
		assertInvalidKeep(Map.of("user_alias", Map.of("alias_name", "secret-alias")),
				"identifier_to_keep.user_alias.alias_label: must be a non-blank string");
		assertInvalidKeep(Map.of("user_alias", "secret-alias"),
				"identifier_to_keep.user_alias: must be an object with alias_name and alias_label");
		assertInvalidKeep(externalId(" "), "identifier_to_keep.external_id: must be a non-blank string");
		assertInvalidKeep(Map.of("secret-field", "secret-value"),
				"identifier_to_keep: only external_id, user_alias, email, phone and prioritization are allowed");
		assertThat(this.braze.merges()).isEmpty();
		assertThat(this.braze.acceptedRequestCount()).isZero();
	}

	@Test
	void invalidUpdatesAreRejectedAsAWhole() throws Exception {
		Map<String, Object> noKeep = Map.of("identifier_to_merge", externalId("a"));
		assertRejected(post(Map.of("merge_updates", List.of(valid(1), noKeep))),
				"merge_updates[1].identifier_to_keep: must be an object");
		assertRejected(post(Map.of("merge_updates", List.of(merge(Map.of(), externalId("b"))))),
				"merge_updates[0].identifier_to_merge: exactly one identifier is required");
		assertRejected(post(Map.of("merge_updates", List.of(merge(externalId("same"), externalId("same"))))),
				"merge_updates[0]: identifier_to_merge and identifier_to_keep must differ");
		Map<String, Object> extra = new LinkedHashMap<>(valid(1));
		extra.put("merge_all", true);
		assertRejected(post(Map.of("merge_updates", List.of(extra))),
				"merge_updates[0]: only identifier_to_merge and identifier_to_keep are allowed");
		assertRejected(post(Map.of("merge_updates", List.of(valid(1), "x"))), "merge_updates[1]: must be an object");
		assertThat(this.braze.merges()).isEmpty();
	}

	@Test
	void bodyMustHoldOneToFiftyUpdates() throws Exception {
		List<Map<String, Object>> updates = new ArrayList<>();
		for (int i = 0; i < 51; i++) {
			updates.add(valid(i));
		}
		assertRejected(post(Map.of("merge_updates", updates)),
				"'merge_updates' must contain at most 50 updates, got 51");
		assertRejected(post(Map.of("merge_updates", List.of())), "'merge_updates' must contain at least 1 update");
		assertRejected(post(Map.of("merge_updates", valid(1))), "'merge_updates' must be an array of objects");
		assertRejected(post(Map.of("updates", List.of(valid(1)))), "'merge_updates' must be an array of objects");
		assertRejected(postRaw("[]"), "body: must be a JSON object");
		assertRejected(postRaw("{not json"), "body: must be a JSON object");
		assertThat(this.braze.merges()).isEmpty();
		assertThat(this.braze.maxBatchSizeSeen()).isEqualTo(51);
		assertThat(post(Map.of("merge_updates", updates.subList(0, 50))).statusCode()).isEqualTo(202);
		assertThat(this.braze.mergesAccepted()).isEqualTo(50);
	}

	@Test
	void contentTypeMustBeJson() throws Exception {
		Map<String, Object> payload = Map.of("merge_updates", List.of(valid(1)));
		assertRejected(send(request(MERGE, KEY, "text/plain").POST(body(payload))),
				"Content-Type: must be application/json");
		assertRejected(send(request(MERGE, KEY, null).POST(body(payload))), "Content-Type: must be application/json");
		assertThat(send(request(MERGE, KEY, "application/json; charset=UTF-8").POST(body(payload))).statusCode())
			.isEqualTo(202);
	}

	@Test
	void missingOrWrongKeyIs401WithoutRateLimitHeaders() throws Exception {
		Map<String, Object> payload = Map.of("merge_updates", List.of(valid(1)));
		for (HttpRequest.Builder request : List.of(request(MERGE, null, "application/json"),
				request(MERGE, "other-key", "application/json"),
				request(MERGE, null, "application/json").header("Authorization", "Basic " + KEY))) {
			HttpResponse<String> response = send(request.POST(body(payload)));
			assertThat(response.statusCode()).isEqualTo(401);
			assertThat(json(response).get("message").stringValue()).isEqualTo("Invalid API key");
			assertThat(response.body()).doesNotContain("other-key");
			assertThat(response.headers().firstValue("X-RateLimit-Remaining")).isEmpty();
		}
		assertThat(this.braze.merges()).isEmpty();
		assertThat(this.braze.requestCount()).isEqualTo(3);
		HttpResponse<String> lowercase = send(
				request(MERGE, null, "application/json").header("Authorization", "bearer " + KEY).POST(body(payload)));
		assertThat(lowercase.statusCode()).isEqualTo(202);
	}

	@Test
	void unknownPathIs404AndWrongMethodIs405() throws Exception {
		assertThat(send(request("/users/delete", KEY, "application/json").POST(body(Map.of()))).statusCode())
			.isEqualTo(404);
		assertThat(send(request("", KEY, null).GET()).statusCode()).isEqualTo(404);
		HttpResponse<String> get = send(request(MERGE, KEY, null).GET());
		assertThat(get.statusCode()).isEqualTo(405);
		assertThat(get.headers().firstValue("Allow")).hasValue("POST");
		assertThat(this.braze.requestCount()).isZero();
	}

	@Test
	void defaultRateLimitIsTwentyThousandPerMinute() throws Exception {
		HttpResponse<String> response = post(Map.of("merge_updates", List.of(valid(1))));
		assertThat(response.headers().firstValue("X-RateLimit-Limit")).hasValue("20000");
		assertThat(response.headers().firstValue("X-RateLimit-Remaining")).hasValue("19999");
		long reset = Long.parseLong(response.headers().firstValue("X-RateLimit-Reset").orElseThrow());
		assertThat(reset % 60).isZero();
		assertThat(reset).isGreaterThan(System.currentTimeMillis() / 1000).isLessThanOrEqualTo(nowSeconds() + 60);
	}

	@Test
	void rateLimitThrottlesWithinTheWindowAndRecoversAfterTheReset() throws Exception {
		this.braze.rateLimit(5, Duration.ofSeconds(2));
		long windowStart = awaitNextWindow(2000);
		Map<String, Object> payload = Map.of("merge_updates", List.of(valid(1)));
		for (int remaining = 4; remaining >= 0; remaining--) {
			HttpResponse<String> response = post(payload);
			assertThat(response.statusCode()).isEqualTo(202);
			assertThat(response.headers().firstValue("X-RateLimit-Limit")).hasValue("5");
			assertThat(response.headers().firstValue("X-RateLimit-Remaining")).hasValue(Integer.toString(remaining));
			assertThat(response.headers().firstValue("X-RateLimit-Reset"))
				.hasValue(Long.toString((windowStart + 2000) / 1000));
			assertThat(response.headers().firstValue("Retry-After")).isEmpty();
		}
		HttpResponse<String> throttled = post(payload);
		assertThat(throttled.statusCode()).isEqualTo(429);
		assertThat(json(throttled).get("message").stringValue()).isEqualTo("Rate limit exceeded");
		assertThat(throttled.headers().firstValue("X-RateLimit-Limit")).hasValue("5");
		assertThat(throttled.headers().firstValue("X-RateLimit-Remaining")).hasValue("0");
		long reset = Long.parseLong(throttled.headers().firstValue("X-RateLimit-Reset").orElseThrow());
		assertThat(reset * 1000).isGreaterThan(System.currentTimeMillis());
		long retryAfter = Long.parseLong(throttled.headers().firstValue("Retry-After").orElseThrow());
		assertThat(retryAfter).isBetween(1L, 2L);
		assertThat(this.braze.mergesAccepted()).isEqualTo(5);
		Thread.sleep(Math.max(0, reset * 1000 - System.currentTimeMillis()) + 50);
		HttpResponse<String> next = post(payload);
		assertThat(next.statusCode()).isEqualTo(202);
		assertThat(next.headers().firstValue("X-RateLimit-Remaining")).hasValue("4");
		assertThat(this.braze.throttledCount()).isEqualTo(1);
		assertThat(this.braze.throttledPerWindow()).containsExactly(Map.entry(windowStart, 1));
		assertThat(this.braze.acceptedPerWindow()).containsExactly(Map.entry(windowStart, 5),
				Map.entry(windowStart + 2000, 1));
		assertThat(this.braze.requestCount()).isEqualTo(7);
	}

	@Test
	void subSecondWindowRoundsResetUpAndRetryAfterIsAtLeastOneSecond() throws Exception {
		this.braze.rateLimit(1, Duration.ofMillis(300));
		long windowStart = awaitNextWindow(300);
		Map<String, Object> payload = Map.of("merge_updates", List.of(valid(1)));
		assertThat(post(payload).statusCode()).isEqualTo(202);
		HttpResponse<String> throttled = post(payload);
		assertThat(throttled.statusCode()).isEqualTo(429);
		assertThat(throttled.headers().firstValue("X-RateLimit-Reset"))
			.hasValue(Long.toString((windowStart + 300 + 999) / 1000));
		assertThat(throttled.headers().firstValue("Retry-After")).hasValue("1");
	}

	@Test
	void rejectedRequestsCountAgainstTheLimitAndCarryTheHeaders() throws Exception {
		this.braze.rateLimit(2, HOUR);
		HttpResponse<String> invalid = post(Map.of("merge_updates", List.of()));
		assertThat(invalid.statusCode()).isEqualTo(400);
		assertThat(invalid.headers().firstValue("X-RateLimit-Limit")).hasValue("2");
		assertThat(invalid.headers().firstValue("X-RateLimit-Remaining")).hasValue("1");
		assertThat(invalid.headers().firstValue("X-RateLimit-Reset")).isPresent();
		assertThat(invalid.headers().firstValue("Retry-After")).isEmpty();
		HttpResponse<String> wrongType = send(
				request(MERGE, KEY, "text/plain").POST(body(Map.of("merge_updates", List.of(valid(1))))));
		assertThat(wrongType.statusCode()).isEqualTo(400);
		assertThat(wrongType.headers().firstValue("X-RateLimit-Remaining")).hasValue("0");
		HttpResponse<String> throttled = post(Map.of("merge_updates", List.of(valid(1))));
		assertThat(throttled.statusCode()).isEqualTo(429);
		assertThat(throttled.headers().firstValue("Retry-After")).isPresent();
		// a throttled request is not validated either: it never reaches Braze's workers
		assertThat(post(Map.of("merge_updates", List.of())).statusCode()).isEqualTo(429);
		assertThat(this.braze.merges()).isEmpty();
		assertThat(this.braze.throttledCount()).isEqualTo(2);
	}

	@Test
	void concurrentRequestsNeverExceedTheLimit() throws Exception {
		this.braze.rateLimit(10, HOUR);
		List<CompletableFuture<HttpResponse<String>>> responses = new ArrayList<>();
		for (int i = 0; i < 30; i++) {
			responses.add(this.client.sendAsync(
					request(MERGE, KEY, "application/json").POST(body(Map.of("merge_updates", List.of(valid(i)))))
						.build(),
					HttpResponse.BodyHandlers.ofString()));
		}
		List<Integer> statuses = new ArrayList<>();
		for (CompletableFuture<HttpResponse<String>> response : responses) {
			statuses.add(response.get().statusCode());
		}
		assertThat(statuses).filteredOn((status) -> status == 202).hasSize(10);
		assertThat(statuses).filteredOn((status) -> status == 429).hasSize(20);
		assertThat(this.braze.mergesAccepted()).isEqualTo(10);
		assertThat(this.braze.throttledCount()).isEqualTo(20);
		assertThat(this.braze.acceptedPerWindow().values()).containsExactly(10);
	}

	@Test
	void rateLimitRejectsNonsense() {
		assertThatIllegalArgumentException().isThrownBy(() -> this.braze.rateLimit(0, HOUR));
		assertThatIllegalArgumentException().isThrownBy(() -> this.braze.rateLimit(1, Duration.ZERO));
		assertThatIllegalArgumentException().isThrownBy(() -> this.braze.rateLimit(1, Duration.ofNanos(10)));
	}

	@Test
	void rejectExternalIdNamesTheIndexAndSideThatMatched() throws Exception {
		this.braze.reject("blocked");
		HttpResponse<String> keep = post(Map.of("merge_updates",
				List.of(valid(1), valid(2), merge(email("a@example.com", "identified"), externalId("blocked")))));
		assertRejected(keep, "merge_updates[2].identifier_to_keep: user cannot be merged");
		assertThat(keep.headers().firstValue("X-RateLimit-Remaining")).isPresent();
		assertRejected(post(Map.of("merge_updates", List.of(merge(externalId("blocked"), externalId("x"))))),
				"merge_updates[0].identifier_to_merge: user cannot be merged");
		// the halves without the blocked user go through, as a bisecting client would
		// send
		assertThat(post(Map.of("merge_updates", List.of(valid(1), valid(2)))).statusCode()).isEqualTo(202);
		assertThat(this.braze.mergesAccepted()).isEqualTo(2);
		this.braze.clearFaults();
		assertThat(post(Map.of("merge_updates", List.of(merge(externalId("blocked"), externalId("x"))))).statusCode())
			.isEqualTo(202);
	}

	@Test
	void failNextWithHttpStatusIsAGatewayOutsideTheRateLimit() throws Exception {
		this.braze.rateLimit(1, HOUR);
		this.braze.failNextWithHttpStatus(2, 503, "7");
		Map<String, Object> payload = Map.of("merge_updates", List.of(valid(1)));
		HttpResponse<String> unavailable = post(payload);
		assertThat(unavailable.statusCode()).isEqualTo(503);
		assertThat(unavailable.headers().firstValue("Retry-After")).hasValue("7");
		assertThat(unavailable.headers().firstValue("X-RateLimit-Remaining")).isEmpty();
		assertThat(post(payload).statusCode()).isEqualTo(503);
		HttpResponse<String> next = post(payload);
		assertThat(next.statusCode()).isEqualTo(202);
		assertThat(next.headers().firstValue("X-RateLimit-Remaining")).hasValue("0");
		assertThat(this.braze.throttledCount()).isZero();
		assertThat(this.braze.requestCount()).isEqualTo(3);
		assertThat(this.braze.acceptedRequestCount()).isEqualTo(1);
	}

	@Test
	void faultsAreNotConsumedByUnauthenticatedRequests() throws Exception {
		this.braze.failNextWithHttpStatus(1, 503, null);
		Map<String, Object> payload = Map.of("merge_updates", List.of(valid(1)));
		assertThat(send(request(MERGE, "other-key", "application/json").POST(body(payload))).statusCode())
			.isEqualTo(401);
		HttpResponse<String> unavailable = post(payload);
		assertThat(unavailable.statusCode()).isEqualTo(503);
		assertThat(unavailable.headers().firstValue("Retry-After")).isEmpty();
	}

	@Test
	void failAfterMergesFailsPermanentlyUntilCleared() throws Exception {
		this.braze.failAfterItems(2, 500);
		assertThat(post(Map.of("merge_updates", List.of(valid(1), valid(2)))).statusCode()).isEqualTo(202);
		HttpResponse<String> failed = post(Map.of("merge_updates", List.of(valid(3))));
		assertThat(failed.statusCode()).isEqualTo(500);
		assertThat(json(failed).get("message").stringValue()).isEqualTo("sandbox fault");
		assertThat(failed.headers().firstValue("X-RateLimit-Remaining")).hasValue("19998");
		assertThat(post(Map.of("merge_updates", List.of(valid(4)))).statusCode()).isEqualTo(500);
		assertThat(this.braze.mergesAccepted()).isEqualTo(2);
		this.braze.clearFaults();
		assertThat(post(Map.of("merge_updates", List.of(valid(3)))).statusCode()).isEqualTo(202);
	}

	@Test
	void faultsRejectNonErrorStatuses() {
		assertThatIllegalArgumentException().isThrownBy(() -> this.braze.failNextWithHttpStatus(1, 202, null));
		assertThatIllegalArgumentException().isThrownBy(() -> this.braze.failNextWithHttpStatus(0, 503, null));
		assertThatIllegalArgumentException().isThrownBy(() -> this.braze.failAfterItems(-1, 503));
		assertThatIllegalArgumentException().isThrownBy(() -> this.braze.failAfterItems(0, 200));
	}

	@Test
	void stateShowsCountersAndTheRateLimit() throws Exception {
		this.braze.rateLimit(3, HOUR);
		post(Map.of("merge_updates", List.of(valid(1), valid(2))));
		post(Map.of("merge_updates", List.of()));
		post(Map.of("merge_updates", List.of(valid(3))));
		post(Map.of("merge_updates", List.of(valid(4))));
		HttpResponse<String> response = send(request("/state", KEY, null).GET());
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().firstValue("X-RateLimit-Remaining")).isEmpty();
		JsonNode state = json(response);
		assertThat(state.get("requests").intValue()).isEqualTo(4);
		assertThat(state.get("acceptedRequests").intValue()).isEqualTo(2);
		assertThat(state.get("throttledRequests").intValue()).isEqualTo(1);
		assertThat(state.get("mergesAccepted").longValue()).isEqualTo(3);
		assertThat(state.get("maxBatchSizeSeen").intValue()).isEqualTo(2);
		assertThat(state.at("/rateLimit/requests").intValue()).isEqualTo(3);
		assertThat(state.at("/rateLimit/windowMillis").longValue()).isEqualTo(HOUR.toMillis());
		assertThat(state.at("/rateLimit/remaining").intValue()).isZero();
		assertThat(send(request("/state", null, null).GET()).statusCode()).isEqualTo(401);
		assertThat(send(request("/state", "other-key", null).GET()).statusCode()).isEqualTo(401);
	}

	@Test
	void resetForgetsEverythingButKeepsTheRateLimit() throws Exception {
		this.braze.rateLimit(2, HOUR);
		post(Map.of("merge_updates", List.of(valid(1))));
		post(Map.of("merge_updates", List.of(valid(2))));
		post(Map.of("merge_updates", List.of(valid(3))));
		this.braze.reject("old-1");
		this.braze.failAfterItems(0, 503);
		this.braze.reset();
		assertThat(this.braze.merges()).isEmpty();
		assertThat(this.braze.mergesAccepted()).isZero();
		assertThat(this.braze.requestCount()).isZero();
		assertThat(this.braze.acceptedRequestCount()).isZero();
		assertThat(this.braze.throttledCount()).isZero();
		assertThat(this.braze.acceptedPerWindow()).isEmpty();
		assertThat(this.braze.throttledPerWindow()).isEmpty();
		assertThat(this.braze.maxBatchSizeSeen()).isZero();
		HttpResponse<String> response = post(Map.of("merge_updates", List.of(valid(1))));
		assertThat(response.statusCode()).isEqualTo(202);
		assertThat(response.headers().firstValue("X-RateLimit-Limit")).hasValue("2");
		assertThat(response.headers().firstValue("X-RateLimit-Remaining")).hasValue("1");
	}

	@Test
	void accessorsReturnSnapshots() throws Exception {
		post(Map.of("merge_updates", List.of(valid(1))));
		List<Map<String, Object>> merges = this.braze.merges();
		Map<Long, Integer> accepted = this.braze.acceptedPerWindow();
		post(Map.of("merge_updates", List.of(valid(2))));
		assertThat(merges).hasSize(1);
		assertThat(accepted.values()).containsExactly(1);
		assertThat(this.braze.merges()).hasSize(2);
	}

	/**
	 * Sleeps until just after the next window boundary, so a test's requests fit in one
	 * window, and returns that window's start.
	 */
	private static long awaitNextWindow(long windowMillis) throws InterruptedException {
		long now = System.currentTimeMillis();
		long next = (now / windowMillis + 1) * windowMillis;
		Thread.sleep(next - now + 20);
		return next;
	}

	private static long nowSeconds() {
		return System.currentTimeMillis() / 1000;
	}

	private static Map<String, Object> merge(Map<String, Object> toMerge, Map<String, Object> toKeep) {
		Map<String, Object> update = new LinkedHashMap<>();
		update.put("identifier_to_merge", toMerge);
		update.put("identifier_to_keep", toKeep);
		return update;
	}

	private static Map<String, Object> valid(int i) {
		return merge(externalId("old-" + i), externalId("new-" + i));
	}

	private static Map<String, Object> externalId(String id) {
		return Map.of("external_id", id);
	}

	private static Map<String, Object> alias(String name, String label) {
		return Map.of("user_alias", Map.of("alias_name", name, "alias_label", label));
	}

	private static Map<String, Object> email(String email, String... prioritization) {
		return Map.of("email", email, "prioritization", List.of(prioritization));
	}

	private static Map<String, Object> phone(String phone, String... prioritization) {
		return Map.of("phone", phone, "prioritization", List.of(prioritization));
	}

	// puts the broken identifier at index 1 so the message must name the index
	private void assertInvalidKeep(Map<String, Object> identifier, String message) throws Exception {
		HttpResponse<String> response = post(
				Map.of("merge_updates", List.of(valid(0), merge(externalId("old-1"), identifier))));
		assertRejected(response, "merge_updates[1]." + message);
		assertThat(response.body()).doesNotContain("secret");
	}

	private void assertRejected(HttpResponse<String> response, String message) {
		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(json(response).get("message").stringValue()).isEqualTo(message);
	}

	private HttpResponse<String> post(Object payload) throws Exception {
		return send(request(MERGE, KEY, "application/json").POST(body(payload)));
	}

	private HttpResponse<String> postRaw(String json) throws Exception {
		return send(request(MERGE, KEY, "application/json").POST(HttpRequest.BodyPublishers.ofString(json)));
	}

	private HttpRequest.BodyPublisher body(Object value) {
		return HttpRequest.BodyPublishers.ofByteArray(this.mapper.writeValueAsBytes(value));
	}

	private HttpRequest.Builder request(String path, String apiKey, String contentType) {
		URI uri = URI.create(this.sandbox.baseUrl("braze") + path);
		HttpRequest.Builder builder = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10));
		if (apiKey != null) {
			builder.header("Authorization", "Bearer " + apiKey);
		}
		if (contentType != null) {
			builder.header("Content-Type", contentType);
		}
		return builder;
	}

	private HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
		return this.client.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
	}

	private JsonNode json(HttpResponse<String> response) {
		return this.mapper.readTree(response.body());
	}

}
