package com.audiencesync.destination.braze.emulator;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import com.audiencesync.sandbox.EmulatorClient;
import com.audiencesync.sandbox.EmulatorTest;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class BrazeEmulatorTests extends EmulatorTest<BrazeEmulator> {

	BrazeEmulatorTests() {
		super("braze", BrazeEmulator.class, "Authorization", "Bearer ");
	}

	private static final String MERGE = "/users/merge";

	// long enough that a test counting requests never crosses a window boundary
	private static final Duration HOUR = Duration.ofHours(1);

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
		assertThat(EmulatorClient.json(response).get("message").stringValue()).isEqualTo("success");
		assertThat(post(Map.of("merge_updates", List.of(merge(externalId("old-4"), externalId("new-4"))))).statusCode())
			.isEqualTo(202);
		List<Map<String, Object>> expected = new ArrayList<>(updates);
		expected.add(merge(externalId("old-4"), externalId("new-4")));
		assertThat(this.emulator.merges()).isEqualTo(expected);
		assertThat(this.emulator.mergesAccepted()).isEqualTo(5);
		assertThat(this.emulator.acceptedRequestCount()).isEqualTo(2);
		assertThat(this.emulator.requestCount()).isEqualTo(2);
		assertThat(this.emulator.maxBatchSizeSeen()).isEqualTo(4);
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
		assertThat(this.emulator.merges()).isEmpty();
		assertThat(this.emulator.acceptedRequestCount()).isZero();
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
		assertThat(this.emulator.merges()).isEmpty();
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
		assertThat(this.emulator.merges()).isEmpty();
		assertThat(this.emulator.maxBatchSizeSeen()).isEqualTo(51);
		assertThat(post(Map.of("merge_updates", updates.subList(0, 50))).statusCode()).isEqualTo(202);
		assertThat(this.emulator.mergesAccepted()).isEqualTo(50);
	}

	@Test
	void contentTypeMustBeJson() throws Exception {
		Map<String, Object> payload = Map.of("merge_updates", List.of(valid(1)));
		assertRejected(this.http.send(this.http.request(MERGE, KEY, "text/plain").POST(EmulatorClient.body(payload))),
				"Content-Type: must be application/json");
		assertRejected(this.http.send(this.http.request(MERGE, KEY, null).POST(EmulatorClient.body(payload))),
				"Content-Type: must be application/json");
		assertThat(this.http
			.send(this.http.request(MERGE, KEY, "application/json; charset=UTF-8").POST(EmulatorClient.body(payload)))
			.statusCode()).isEqualTo(202);
	}

	@Test
	void missingOrWrongKeyIs401WithoutRateLimitHeaders() throws Exception {
		Map<String, Object> payload = Map.of("merge_updates", List.of(valid(1)));
		for (HttpRequest.Builder request : List.of(this.http.request(MERGE, null, "application/json"),
				this.http.request(MERGE, "other-key", "application/json"),
				this.http.request(MERGE, null, "application/json").header("Authorization", "Basic " + KEY))) {
			HttpResponse<String> response = this.http.send(request.POST(EmulatorClient.body(payload)));
			assertThat(response.statusCode()).isEqualTo(401);
			assertThat(EmulatorClient.json(response).get("message").stringValue()).isEqualTo("Invalid API key");
			assertThat(response.body()).doesNotContain("other-key");
			assertThat(response.headers().firstValue("X-RateLimit-Remaining")).isEmpty();
		}
		assertThat(this.emulator.merges()).isEmpty();
		assertThat(this.emulator.requestCount()).isEqualTo(3);
		HttpResponse<String> lowercase = this.http.send(this.http.request(MERGE, null, "application/json")
			.header("Authorization", "bearer " + KEY)
			.POST(EmulatorClient.body(payload)));
		assertThat(lowercase.statusCode()).isEqualTo(202);
	}

	@Test
	void unknownPathIs404AndWrongMethodIs405() throws Exception {
		assertThat(this.http
			.send(this.http.request("/users/export/ids", KEY, "application/json").POST(EmulatorClient.body(Map.of())))
			.statusCode()).isEqualTo(404);
		assertThat(this.http.send(this.http.request("", KEY, null).GET()).statusCode()).isEqualTo(404);
		HttpResponse<String> get = this.http.send(this.http.request(MERGE, KEY, null).GET());
		assertThat(get.statusCode()).isEqualTo(405);
		assertThat(get.headers().firstValue("Allow")).hasValue("POST");
		assertThat(this.emulator.requestCount()).isZero();
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

	@Tag("slow")
	@Test
	void rateLimitThrottlesWithinTheWindowAndRecoversAfterTheReset() throws Exception {
		this.emulator.rateLimit(5, Duration.ofSeconds(2));
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
		assertThat(EmulatorClient.json(throttled).get("message").stringValue()).isEqualTo("Rate limit exceeded");
		assertThat(throttled.headers().firstValue("X-RateLimit-Limit")).hasValue("5");
		assertThat(throttled.headers().firstValue("X-RateLimit-Remaining")).hasValue("0");
		long reset = Long.parseLong(throttled.headers().firstValue("X-RateLimit-Reset").orElseThrow());
		assertThat(reset * 1000).isGreaterThan(System.currentTimeMillis());
		long retryAfter = Long.parseLong(throttled.headers().firstValue("Retry-After").orElseThrow());
		assertThat(retryAfter).isBetween(1L, 2L);
		assertThat(this.emulator.mergesAccepted()).isEqualTo(5);
		Thread.sleep(Math.max(0, reset * 1000 - System.currentTimeMillis()) + 50);
		HttpResponse<String> next = post(payload);
		assertThat(next.statusCode()).isEqualTo(202);
		assertThat(next.headers().firstValue("X-RateLimit-Remaining")).hasValue("4");
		assertThat(this.emulator.throttledCount()).isEqualTo(1);
		assertThat(this.emulator.throttledPerWindow()).containsExactly(Map.entry(windowStart, 1));
		assertThat(this.emulator.acceptedPerWindow()).containsExactly(Map.entry(windowStart, 5),
				Map.entry(windowStart + 2000, 1));
		assertThat(this.emulator.requestCount()).isEqualTo(7);
	}

	@Test
	void subSecondWindowRoundsResetUpAndRetryAfterIsAtLeastOneSecond() throws Exception {
		this.emulator.rateLimit(1, Duration.ofMillis(300));
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
		this.emulator.rateLimit(2, HOUR);
		HttpResponse<String> invalid = post(Map.of("merge_updates", List.of()));
		assertThat(invalid.statusCode()).isEqualTo(400);
		assertThat(invalid.headers().firstValue("X-RateLimit-Limit")).hasValue("2");
		assertThat(invalid.headers().firstValue("X-RateLimit-Remaining")).hasValue("1");
		assertThat(invalid.headers().firstValue("X-RateLimit-Reset")).isPresent();
		assertThat(invalid.headers().firstValue("Retry-After")).isEmpty();
		HttpResponse<String> wrongType = this.http.send(this.http.request(MERGE, KEY, "text/plain")
			.POST(EmulatorClient.body(Map.of("merge_updates", List.of(valid(1))))));
		assertThat(wrongType.statusCode()).isEqualTo(400);
		assertThat(wrongType.headers().firstValue("X-RateLimit-Remaining")).hasValue("0");
		HttpResponse<String> throttled = post(Map.of("merge_updates", List.of(valid(1))));
		assertThat(throttled.statusCode()).isEqualTo(429);
		assertThat(throttled.headers().firstValue("Retry-After")).isPresent();
		// a throttled request is not validated either: it never reaches Braze's workers
		assertThat(post(Map.of("merge_updates", List.of())).statusCode()).isEqualTo(429);
		assertThat(this.emulator.merges()).isEmpty();
		assertThat(this.emulator.throttledCount()).isEqualTo(2);
	}

	@Test
	void concurrentRequestsNeverExceedTheLimit() throws Exception {
		this.emulator.rateLimit(10, HOUR);
		List<CompletableFuture<HttpResponse<String>>> responses = new ArrayList<>();
		for (int i = 0; i < 30; i++) {
			responses.add(this.http.sendAsync(this.http.request(MERGE, KEY, "application/json")
				.POST(EmulatorClient.body(Map.of("merge_updates", List.of(valid(i)))))));
		}
		List<Integer> statuses = new ArrayList<>();
		for (CompletableFuture<HttpResponse<String>> response : responses) {
			statuses.add(response.get().statusCode());
		}
		assertThat(statuses).filteredOn((status) -> status == 202).hasSize(10);
		assertThat(statuses).filteredOn((status) -> status == 429).hasSize(20);
		assertThat(this.emulator.mergesAccepted()).isEqualTo(10);
		assertThat(this.emulator.throttledCount()).isEqualTo(20);
		assertThat(this.emulator.acceptedPerWindow().values()).containsExactly(10);
	}

	@Test
	void rateLimitRejectsNonsense() {
		assertThatIllegalArgumentException().isThrownBy(() -> this.emulator.rateLimit(0, HOUR));
		assertThatIllegalArgumentException().isThrownBy(() -> this.emulator.rateLimit(1, Duration.ZERO));
		assertThatIllegalArgumentException().isThrownBy(() -> this.emulator.rateLimit(1, Duration.ofNanos(10)));
	}

	@Test
	void rejectExternalIdNamesTheIndexAndSideThatMatched() throws Exception {
		this.emulator.reject("blocked");
		HttpResponse<String> keep = post(Map.of("merge_updates",
				List.of(valid(1), valid(2), merge(email("a@example.com", "identified"), externalId("blocked")))));
		assertRejected(keep, "merge_updates[2].identifier_to_keep: user cannot be merged");
		assertThat(keep.headers().firstValue("X-RateLimit-Remaining")).isPresent();
		assertRejected(post(Map.of("merge_updates", List.of(merge(externalId("blocked"), externalId("x"))))),
				"merge_updates[0].identifier_to_merge: user cannot be merged");
		// the halves without the blocked user go through, as a bisecting client would
		// send
		assertThat(post(Map.of("merge_updates", List.of(valid(1), valid(2)))).statusCode()).isEqualTo(202);
		assertThat(this.emulator.mergesAccepted()).isEqualTo(2);
		this.emulator.clearFaults();
		assertThat(post(Map.of("merge_updates", List.of(merge(externalId("blocked"), externalId("x"))))).statusCode())
			.isEqualTo(202);
	}

	@Test
	void failNextWithHttpStatusIsAGatewayOutsideTheRateLimit() throws Exception {
		this.emulator.rateLimit(1, HOUR);
		this.emulator.failNextWithHttpStatus(2, 503, "7");
		Map<String, Object> payload = Map.of("merge_updates", List.of(valid(1)));
		HttpResponse<String> unavailable = post(payload);
		assertThat(unavailable.statusCode()).isEqualTo(503);
		assertThat(unavailable.headers().firstValue("Retry-After")).hasValue("7");
		assertThat(unavailable.headers().firstValue("X-RateLimit-Remaining")).isEmpty();
		assertThat(post(payload).statusCode()).isEqualTo(503);
		HttpResponse<String> next = post(payload);
		assertThat(next.statusCode()).isEqualTo(202);
		assertThat(next.headers().firstValue("X-RateLimit-Remaining")).hasValue("0");
		assertThat(this.emulator.throttledCount()).isZero();
		assertThat(this.emulator.requestCount()).isEqualTo(3);
		assertThat(this.emulator.acceptedRequestCount()).isEqualTo(1);
	}

	@Test
	void faultsAreNotConsumedByUnauthenticatedRequests() throws Exception {
		this.emulator.failNextWithHttpStatus(1, 503, null);
		Map<String, Object> payload = Map.of("merge_updates", List.of(valid(1)));
		assertThat(this.http
			.send(this.http.request(MERGE, "other-key", "application/json").POST(EmulatorClient.body(payload)))
			.statusCode()).isEqualTo(401);
		HttpResponse<String> unavailable = post(payload);
		assertThat(unavailable.statusCode()).isEqualTo(503);
		assertThat(unavailable.headers().firstValue("Retry-After")).isEmpty();
	}

	@Test
	void failAfterMergesFailsPermanentlyUntilCleared() throws Exception {
		this.emulator.failAfterItems(2, 500);
		assertThat(post(Map.of("merge_updates", List.of(valid(1), valid(2)))).statusCode()).isEqualTo(202);
		HttpResponse<String> failed = post(Map.of("merge_updates", List.of(valid(3))));
		assertThat(failed.statusCode()).isEqualTo(500);
		assertThat(EmulatorClient.json(failed).get("message").stringValue()).isEqualTo("sandbox fault");
		assertThat(failed.headers().firstValue("X-RateLimit-Remaining")).hasValue("19998");
		assertThat(post(Map.of("merge_updates", List.of(valid(4)))).statusCode()).isEqualTo(500);
		assertThat(this.emulator.mergesAccepted()).isEqualTo(2);
		this.emulator.clearFaults();
		assertThat(post(Map.of("merge_updates", List.of(valid(3)))).statusCode()).isEqualTo(202);
	}

	@Test
	void stateShowsCountersAndTheRateLimit() throws Exception {
		this.emulator.rateLimit(3, HOUR);
		post(Map.of("merge_updates", List.of(valid(1), valid(2))));
		post(Map.of("merge_updates", List.of()));
		post(Map.of("merge_updates", List.of(valid(3))));
		post(Map.of("merge_updates", List.of(valid(4))));
		HttpResponse<String> response = this.http.send(this.http.request("/state", KEY, null).GET());
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().firstValue("X-RateLimit-Remaining")).isEmpty();
		JsonNode state = EmulatorClient.json(response);
		assertThat(state.get("requests").intValue()).isEqualTo(4);
		assertThat(state.get("acceptedRequests").intValue()).isEqualTo(2);
		assertThat(state.get("throttledRequests").intValue()).isEqualTo(1);
		assertThat(state.get("mergesAccepted").longValue()).isEqualTo(3);
		assertThat(state.get("maxBatchSizeSeen").intValue()).isEqualTo(2);
		assertThat(state.at("/rateLimit/requests").intValue()).isEqualTo(3);
		assertThat(state.at("/rateLimit/windowMillis").longValue()).isEqualTo(HOUR.toMillis());
		assertThat(state.at("/rateLimit/remaining").intValue()).isZero();
		assertThat(this.http.send(this.http.request("/state", null, null).GET()).statusCode()).isEqualTo(401);
		assertThat(this.http.send(this.http.request("/state", "other-key", null).GET()).statusCode()).isEqualTo(401);
	}

	@Test
	void resetForgetsEverythingButKeepsTheRateLimit() throws Exception {
		this.emulator.rateLimit(2, HOUR);
		post(Map.of("merge_updates", List.of(valid(1))));
		post(Map.of("merge_updates", List.of(valid(2))));
		post(Map.of("merge_updates", List.of(valid(3))));
		resetAfterFaults("old-1");
		assertThat(this.emulator.merges()).isEmpty();
		assertThat(this.emulator.mergesAccepted()).isZero();
		assertThat(this.emulator.throttledCount()).isZero();
		assertThat(this.emulator.acceptedPerWindow()).isEmpty();
		assertThat(this.emulator.throttledPerWindow()).isEmpty();
		assertThat(this.emulator.maxBatchSizeSeen()).isZero();
		HttpResponse<String> response = post(Map.of("merge_updates", List.of(valid(1))));
		assertThat(response.statusCode()).isEqualTo(202);
		assertThat(response.headers().firstValue("X-RateLimit-Limit")).hasValue("2");
		assertThat(response.headers().firstValue("X-RateLimit-Remaining")).hasValue("1");
	}

	@Test
	void accessorsReturnSnapshots() throws Exception {
		post(Map.of("merge_updates", List.of(valid(1))));
		List<Map<String, Object>> merges = this.emulator.merges();
		Map<Long, Integer> accepted = this.emulator.acceptedPerWindow();
		post(Map.of("merge_updates", List.of(valid(2))));
		assertThat(merges).hasSize(1);
		assertThat(accepted.values()).containsExactly(1);
		assertThat(this.emulator.merges()).hasSize(2);
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
		assertThat(EmulatorClient.json(response).get("message").stringValue()).isEqualTo(message);
	}

	@Test
	void usersTrackTakesGoodAttributesObjectsAndNamesTheBadByIndex() throws Exception {
		List<Map<String, Object>> objects = new ArrayList<>();
		objects.add(Map.of("external_id", "u-1", "tier", "gold", "pets", List.of(Map.of("name", "Bo"))));
		objects.add(Map.of("external_id", "u-2", "email", "two@example.com", "tier", "gold"));
		objects.add(Map.of("external_id", "u-3", "$tier", "gold"));
		objects.add(Map.of("external_id", "u-4", "bio", "x".repeat(256)));
		objects.add(Map.of("user_alias", Map.of("alias_name", "a-5", "alias_label", "crm"), "tier", "gold"));
		objects.add(Map.of("braze_id", "b-6", "_update_existing_only", false, "tier", "silver"));

		HttpResponse<String> response = track(Map.of("attributes", objects));

		// then the good ones are taken (the alias updates only: Braze does not know it)
		// and the bad ones named by array and index
		assertThat(response.statusCode()).isEqualTo(201);
		JsonNode answer = EmulatorClient.json(response);
		assertThat(answer.get("message").stringValue()).isEqualTo("success");
		assertThat(answer.get("errors")).extracting((error) -> error.get("index").asInt()).containsExactly(1, 2, 3);
		assertThat(answer.get("errors"))
			.allSatisfy((error) -> assertThat(error.get("input_array").stringValue()).isEqualTo("attributes"));
		assertThat(this.emulator.records()).containsOnlyKeys("external_id:u-1", "braze_id:b-6");
		assertThat(this.emulator.records().get("external_id:u-1").properties())
			.isEqualTo(Map.of("tier", "gold", "pets", List.of(Map.of("name", "Bo"))));
		assertThat(this.emulator.itemsAccepted()).isEqualTo(3);
	}

	@Test
	void usersTrackChangesArraysWithAddRemoveAndDollarAddAndRemovesAnAttributeSentAsNull() throws Exception {
		track(Map.of("attributes", List.of(Map.of("external_id", "u-1", "topics", List.of("news", "sale"), "tier",
				"gold", "pets", List.of(Map.of("name", "Bo"))))));

		// when topics gets an add and a remove, pets an $add and a $remove, and tier null
		Map<String, Object> change = new java.util.LinkedHashMap<>();
		change.put("external_id", "u-1");
		change.put("topics", Map.of("add", List.of("vip"), "remove", List.of("news")));
		change.put("pets", Map.of("$add", List.of(Map.of("name", "Ki")), "$remove",
				List.of(Map.of("$identifier_key", "name", "$identifier_value", "Bo"))));
		change.put("tier", null);
		List<Map<String, Object>> objects = new ArrayList<>();
		objects.add(change);
		// and bad changes: objects in add, a value in $add, $update, remove not an array,
		// $remove without its identifier
		objects.add(Map.of("external_id", "u-2", "topics", Map.of("add", List.of(Map.of("a", 1)))));
		objects.add(Map.of("external_id", "u-3", "pets", Map.of("$add", List.of("Bo"))));
		objects.add(Map.of("external_id", "u-4", "pets", Map.of("$update", List.of())));
		objects.add(Map.of("external_id", "u-5", "topics", Map.of("remove", "news")));
		objects.add(Map.of("external_id", "u-6", "pets", Map.of("$remove", List.of(Map.of("name", "Bo")))));
		HttpResponse<String> response = track(Map.of("attributes", objects));

		// then u-1's arrays changed and its tier is gone, and the bad ones are named
		assertThat(response.statusCode()).isEqualTo(201);
		assertThat(EmulatorClient.json(response).get("errors")).extracting((error) -> error.get("index").asInt())
			.containsExactly(1, 2, 3, 4, 5);
		assertThat(this.emulator.records().get("external_id:u-1").properties())
			.isEqualTo(Map.of("topics", List.of("sale", "vip"), "pets", List.of(Map.of("name", "Ki"))));
	}

	@Test
	void usersTrackChecksTheStandardFieldsValues() throws Exception {
		List<Map<String, Object>> objects = new ArrayList<>();
		objects.add(Map.of("external_id", "u-1", "dob", "1990-04-01", "gender", "F", "country", "KR", "language", "ko",
				"email_subscribe", "opted_in"));
		objects.add(Map.of("external_id", "u-2", "dob", "1990-04-01T00:00:00Z"));
		objects.add(Map.of("external_id", "u-3", "gender", "female"));
		objects.add(Map.of("external_id", "u-4", "country", "Korea"));
		objects.add(Map.of("external_id", "u-5", "push_subscribe", "yes"));
		objects.add(Map.of("external_id", "u-6", "x".repeat(256), "long key"));

		HttpResponse<String> response = track(Map.of("attributes", objects));

		// then the good one is taken and each bad one named, with the field
		assertThat(response.statusCode()).isEqualTo(201);
		JsonNode errors = EmulatorClient.json(response).get("errors");
		assertThat(errors).extracting((error) -> error.get("index").asInt()).containsExactly(1, 2, 3, 4, 5);
		assertThat(errors.get(0).get("type").stringValue()).isEqualTo("'dob' is not valid");
		assertThat(this.emulator.records()).containsOnlyKeys("external_id:u-1");
	}

	@Test
	void usersTrackRefusesMoreThanSeventyFiveObjectsAndHasABudgetOfItsOwn() throws Exception {
		List<Map<String, Object>> many = new ArrayList<>();
		for (int i = 0; i < 76; i++) {
			many.add(Map.of("external_id", "u-" + i));
		}
		HttpResponse<String> tooMany = track(Map.of("attributes", many));
		assertThat(tooMany.statusCode()).isEqualTo(400);
		assertThat(EmulatorClient.json(tooMany).get("message").stringValue()).contains("at most 75");
		assertThat(track(Map.of("attributes", List.of())).statusCode()).isEqualTo(400);

		// users/track's budget is apart from the merge's
		this.emulator.rateLimit(1, HOUR);
		this.emulator.trackRateLimit(2, HOUR);
		assertThat(post(Map.of("merge_updates", List.of(merge(externalId("old-1"), externalId("new-1"))))).statusCode())
			.isEqualTo(202);
		assertThat(track(Map.of("attributes", List.of(Map.of("external_id", "u-1")))).statusCode()).isEqualTo(201);
		assertThat(track(Map.of("attributes", List.of(Map.of("external_id", "u-1")))).statusCode()).isEqualTo(201);
		HttpResponse<String> throttled = track(Map.of("attributes", List.of(Map.of("external_id", "u-1"))));
		assertThat(throttled.statusCode()).isEqualTo(429);
		assertThat(throttled.headers().firstValue("X-RateLimit-Remaining")).hasValue("0");
	}

	@Test
	void usersDeleteTakesOneKindOfIdentifierAndSpendsTheMergesBudget() throws Exception {
		track(Map.of("attributes", List.of(Map.of("external_id", "u-1"), Map.of("external_id", "u-2"))));

		HttpResponse<String> deleted = delete(Map.of("external_ids", List.of("u-1", "u-9")));
		assertThat(deleted.statusCode()).isEqualTo(201);
		assertThat(EmulatorClient.json(deleted).get("deleted").asInt()).isEqualTo(1);
		assertThat(this.emulator.records()).containsOnlyKeys("external_id:u-2");
		assertThat(this.emulator.deletions()).containsExactly("external_id:u-1", "external_id:u-9");

		assertThat(delete(Map.of("external_ids", List.of("u-2"), "braze_ids", List.of("b-1"))).statusCode())
			.isEqualTo(400);
		List<String> many = new ArrayList<>();
		for (int i = 0; i < 51; i++) {
			many.add("u-" + i);
		}
		assertThat(delete(Map.of("external_ids", many)).statusCode()).isEqualTo(400);

		this.emulator.rateLimit(1, HOUR);
		assertThat(post(Map.of("merge_updates", List.of(merge(externalId("old-1"), externalId("new-1"))))).statusCode())
			.isEqualTo(202);
		assertThat(delete(Map.of("external_ids", List.of("u-2"))).statusCode()).isEqualTo(429);
	}

	private HttpResponse<String> delete(Object payload) throws Exception {
		return this.http
			.send(this.http.request("/users/delete", KEY, "application/json").POST(EmulatorClient.body(payload)));
	}

	private HttpResponse<String> track(Object payload) throws Exception {
		return this.http
			.send(this.http.request("/users/track", KEY, "application/json").POST(EmulatorClient.body(payload)));
	}

	private HttpResponse<String> post(Object payload) throws Exception {
		return this.http.send(this.http.request(MERGE, KEY, "application/json").POST(EmulatorClient.body(payload)));
	}

	private HttpResponse<String> postRaw(String json) throws Exception {
		return this.http
			.send(this.http.request(MERGE, KEY, "application/json").POST(HttpRequest.BodyPublishers.ofString(json)));
	}

}
