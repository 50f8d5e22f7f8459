package com.audiencesync.destination.marketap.emulator;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.audiencesync.sandbox.EmulatorClient;
import com.audiencesync.sandbox.EmulatorTest;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class MarketapEmulatorTests extends EmulatorTest<MarketapEmulator> {

	MarketapEmulatorTests() {
		super("marketap", MarketapEmulator.class, "Authorization", "Bearer ");
	}

	private static final String PROFILES = "/v1/api/profile/user";

	private static final String EVENTS = "/v1/api/events";

	private static final String DELETION = "/v1/api/profile/user/deletion-job";

	private static final String BULK_DELETION = "/v1/api/profile/user/deletion-job/bulk";

	private static final String DEVICES = "/v1/api/profile/user/device/bulk";

	@Test
	void baseUrlIsMountedUnderMarketap() {
		assertThat(this.sandbox.baseUrl("marketap"))
			.isEqualTo(URI.create("http://127.0.0.1:" + this.sandbox.port() + "/marketap"));
	}

	@Test
	void profilesAreAcceptedAndMerged() throws Exception {
		HttpResponse<String> response = post(PROFILES, Map.of("profiles", List
			.of(profile("u1", Map.of("grade", "gold", "points", 10)), profile("u2", Map.of("grade", "silver")))));
		assertThat(response.statusCode()).isEqualTo(202);
		assertThat(EmulatorClient.json(response).get("code").intValue()).isZero();
		post(PROFILES, Map.of("profiles", List.of(profile("u1", Map.of("points", 20, "city", "Seoul")))));
		assertThat(this.emulator.profiles()).containsOnlyKeys("u1", "u2");
		assertThat(this.emulator.profiles().get("u1"))
			.isEqualTo(Map.of("grade", "gold", "points", 20, "city", "Seoul"));
		assertThat(this.emulator.profileUpdates("u1")).isEqualTo(2);
		assertThat(this.emulator.profileUpdates("u2")).isEqualTo(1);
		assertThat(this.emulator.profileUpdates("nobody")).isZero();
		assertThat(this.emulator.acceptedRequestCount()).isEqualTo(2);
		assertThat(this.emulator.itemsAccepted()).isEqualTo(3);
		assertThat(this.emulator.maxBatchSizeSeen()).isEqualTo(2);
		assertThat(this.emulator.requestPaths()).containsExactly(PROFILES, PROFILES);
	}

	@Test
	void profileWithoutPropertiesOrWithBlankUserIdIsRejected() throws Exception {
		Map<String, Object> noProperties = new LinkedHashMap<>();
		noProperties.put("user_id", "u2");
		assertRejected(post(PROFILES, Map.of("profiles", List.of(profile("u1", Map.of()), noProperties))),
				"[1].properties: must be an object");
		assertRejected(post(PROFILES, Map.of("profiles", List.of(profile(" ", Map.of())))),
				"[0].user_id: must be a non-blank string");
		assertRejected(post(PROFILES, Map.of("profiles", List.of("u1"))), "[0]: must be an object");
		assertRejected(post(PROFILES, Map.of("profiles", List.of())), "profiles: must not be empty");
		assertRejected(post(PROFILES, Map.of("users", List.of(profile("u1", Map.of())))), "profiles: must be an array");
		assertThat(this.emulator.profiles()).isEmpty();
		assertThat(this.emulator.acceptedRequestCount()).isZero();
		assertThat(this.emulator.requestCount()).isEqualTo(5);
	}

	@Test
	void rejectionNamesIndexAndFieldButNotTheValue() throws Exception {
		List<Map<String, Object>> events = new ArrayList<>();
		events.add(event("u1", "purchase", "e1", "2025-01-17T05:39:22Z"));
		events.add(event("kim.minsu@example.com", "purchase", "e2", "2025-01-17 14:39:22"));
		HttpResponse<String> response = post(EVENTS, Map.of("events", events));
		assertRejected(response, "[1].timestamp: must be an ISO 8601 date-time with an offset or Z");
		assertThat(response.body()).doesNotContain("kim.minsu").doesNotContain("2025-01-17 14:39:22");
		assertThat(this.emulator.events()).isEmpty();
	}

	@Test
	void eventsAreStoredInArrivalOrderAndCountedById() throws Exception {
		HttpResponse<String> response = post(EVENTS,
				Map.of("events", List.of(event("u1", "purchase", "e1", "2025-01-17T05:39:22Z"),
						event("u2", "view", "e2", "2025-01-17T05:39:22.123+09:00"))));
		assertThat(response.statusCode()).isEqualTo(202);
		post(EVENTS, Map.of("events",
				List.of(event("u1", "purchase", "e1", null), Map.of("user_id", "u3", "event_name", "login"))));
		assertThat(this.emulator.events()).extracting((event) -> event.get("event_name"))
			.containsExactly("purchase", "view", "purchase", "login");
		assertThat(this.emulator.events().get(1)).isEqualTo(event("u2", "view", "e2", "2025-01-17T05:39:22.123+09:00"));
		assertThat(this.emulator.eventCountsById()).containsExactly(Map.entry("e1", 2), Map.entry("e2", 1));
	}

	@Test
	void eventTimestampNeedsAnOffset() throws Exception {
		for (String timestamp : List.of("2025-01-17T05:39:22", "2025-01-17", "1737092362",
				"2025-01-17T05:39:22+0900")) {
			assertRejected(post(EVENTS, Map.of("events", List.of(event("u1", "purchase", "e1", timestamp)))),
					"[0].timestamp: must be an ISO 8601 date-time with an offset or Z");
		}
		assertRejected(post(EVENTS, Map.of("events", List.of(Map.of("user_id", "u1")))),
				"[0].event_name: must be a non-blank string");
		assertRejected(
				post(EVENTS,
						Map.of("events", List.of(Map.of("user_id", "u1", "event_name", "x", "properties", List.of())))),
				"[0].properties: must be an object");
		assertThat(this.emulator.events()).isEmpty();
	}

	@Test
	void deletionJobsAreRecordedInOrderAndRemoveTheProfile() throws Exception {
		post(PROFILES, Map.of("profiles", List.of(profile("u1", Map.of("grade", "gold")))));
		assertThat(post(DELETION, Map.of("user_id", "u1")).statusCode()).isEqualTo(202);
		assertThat(post(BULK_DELETION, Map.of("user_ids", List.of("u2", "u3"))).statusCode()).isEqualTo(202);
		assertThat(this.emulator.deletedUserIds()).containsExactly("u1", "u2", "u3");
		assertThat(this.emulator.profiles()).isEmpty();
		assertThat(this.emulator.requestPaths()).containsExactly(PROFILES, DELETION, BULK_DELETION);
		assertThat(this.emulator.maxBatchSizeSeen()).isEqualTo(2);
	}

	@Test
	void invalidDeletionsAreRejected() throws Exception {
		assertRejected(post(DELETION, Map.of("user_id", "")), "user_id: must be a non-blank string");
		assertRejected(post(DELETION, Map.of("user_ids", List.of("u1"))), "user_id: must be a non-blank string");
		assertRejected(post(BULK_DELETION, Map.of("user_ids", List.of())), "user_ids: must not be empty");
		assertRejected(post(BULK_DELETION, Map.of("user_ids", List.of("u1", " "))),
				"[1].user_id: must be a non-blank string");
		assertRejected(post(BULK_DELETION, Map.of("user_id", "u1")), "user_ids: must be an array");
		assertThat(this.emulator.deletedUserIds()).isEmpty();
	}

	@Test
	void devicesAreStoredByToken() throws Exception {
		HttpResponse<String> response = post(DEVICES,
				Map.of("profiles",
						List.of(device("t1", "IOS", "u1"), device("t2", "WEB", null),
								Map.of("device", Map.of("token", "t1", "platform", "ANDROID", "opt_in", false),
										"timestamp", "2025-01-17T05:39:22+09:00"))));
		assertThat(response.statusCode()).isEqualTo(202);
		assertThat(this.emulator.devices()).containsOnlyKeys("t1", "t2");
		assertThat(this.emulator.devices().get("t1"))
			.isEqualTo(Map.of("device", Map.of("token", "t1", "platform", "ANDROID", "opt_in", false), "timestamp",
					"2025-01-17T05:39:22+09:00"));
		assertThat(this.emulator.devices().get("t2")).containsEntry("device", Map.of("token", "t2", "platform", "WEB"));
	}

	@Test
	void deviceWithLowercaseOrUnknownPlatformIsRejected() throws Exception {
		assertRejected(post(DEVICES, Map.of("profiles", List.of(device("t1", "IOS", "u1"), device("t2", "ios", "u2")))),
				"[1].device.platform: must be one of IOS, ANDROID, WEB");
		assertRejected(post(DEVICES, Map.of("profiles", List.of(device("t1", "WINDOWS", "u1")))),
				"[0].device.platform: must be one of IOS, ANDROID, WEB");
		assertRejected(post(DEVICES, Map.of("profiles", List.of(device("", "IOS", "u1")))),
				"[0].device.token: must be a non-blank string");
		assertRejected(post(DEVICES, Map.of("profiles", List.of(Map.of("user_id", "u1")))),
				"[0].device: must be an object");
		assertRejected(
				post(DEVICES,
						Map.of("profiles",
								List.of(Map.of("device", Map.of("token", "t1", "platform", "IOS", "opt_in", "yes"))))),
				"[0].device.opt_in: must be a boolean");
		assertRejected(
				post(DEVICES,
						Map.of("profiles",
								List.of(Map.of("device", Map.of("token", "t1", "platform", "IOS"), "timestamp",
										"2025-01-17T05:39:22")))),
				"[0].timestamp: must be an ISO 8601 date-time with an offset or Z");
		assertThat(this.emulator.devices()).isEmpty();
	}

	@Test
	void missingBearerKeyIs401() throws Exception {
		HttpResponse<String> response = this.http
			.send(request(PROFILES, null, MarketapEmulator.PROJECT_ID, "application/json")
				.POST(EmulatorClient.body(Map.of("profiles", List.of(profile("u1", Map.of()))))));
		assertThat(response.statusCode()).isEqualTo(401);
		assertThat(response.headers().firstValue("WWW-Authenticate")).hasValue("Bearer");
		assertThat(EmulatorClient.json(response).get("code").intValue()).isEqualTo(4010);
		assertThat(EmulatorClient.json(response).get("message").stringValue()).contains("Bearer");
		HttpResponse<String> basic = this.http
			.send(request(PROFILES, null, MarketapEmulator.PROJECT_ID, "application/json")
				.header("Authorization", "Basic " + KEY)
				.POST(EmulatorClient.body(Map.of("profiles", List.of(profile("u1", Map.of()))))));
		assertThat(basic.statusCode()).isEqualTo(401);
		assertThat(this.emulator.profiles()).isEmpty();
		assertThat(this.emulator.requestCount()).isEqualTo(2);
	}

	@Test
	void wrongKeyIs401AndBearerSchemeIsCaseInsensitive() throws Exception {
		HttpResponse<String> response = this.http
			.send(request(PROFILES, "other-key", MarketapEmulator.PROJECT_ID, "application/json")
				.POST(EmulatorClient.body(Map.of("profiles", List.of(profile("u1", Map.of()))))));
		assertThat(response.statusCode()).isEqualTo(401);
		assertThat(EmulatorClient.json(response).get("message").stringValue())
			.isEqualTo("Authorization: invalid api key");
		assertThat(response.body()).doesNotContain("other-key");
		HttpResponse<String> lowercase = this.http
			.send(request(PROFILES, null, MarketapEmulator.PROJECT_ID, "application/json")
				.header("Authorization", "bearer " + KEY)
				.POST(EmulatorClient.body(Map.of("profiles", List.of(profile("u1", Map.of()))))));
		assertThat(lowercase.statusCode()).isEqualTo(202);
	}

	@Test
	void missingOrWrongProjectIdIs400() throws Exception {
		Map<String, Object> payload = Map.of("profiles", List.of(profile("u1", Map.of())));
		HttpResponse<String> missing = this.http
			.send(request(PROFILES, KEY, null, "application/json").POST(EmulatorClient.body(payload)));
		assertRejected(missing, "project_id: missing or unknown project");
		HttpResponse<String> wrong = this.http
			.send(request(PROFILES, KEY, "other-project", "application/json").POST(EmulatorClient.body(payload)));
		assertRejected(wrong, "project_id: missing or unknown project");
		assertThat(this.emulator.profiles()).isEmpty();
	}

	@Test
	void moreThanAThousandItemsIsRejectedAndNothingStored() throws Exception {
		List<Map<String, Object>> profiles = new ArrayList<>();
		List<String> userIds = new ArrayList<>();
		for (int i = 0; i < 1001; i++) {
			profiles.add(profile("u" + i, Map.of("n", i)));
			userIds.add("u" + i);
		}
		assertRejected(post(PROFILES, Map.of("profiles", profiles)),
				"profiles: at most 1000 items per request, got 1001");
		assertRejected(post(BULK_DELETION, Map.of("user_ids", userIds)),
				"user_ids: at most 1000 items per request, got 1001");
		assertThat(this.emulator.profiles()).isEmpty();
		assertThat(this.emulator.deletedUserIds()).isEmpty();
		assertThat(this.emulator.maxBatchSizeSeen()).isEqualTo(1001);
		assertThat(post(PROFILES, Map.of("profiles", profiles.subList(0, 1000))).statusCode()).isEqualTo(202);
		assertThat(this.emulator.profiles()).hasSize(1000);
	}

	@Test
	void bodyMustBeJsonObjectWithJsonContentType() throws Exception {
		HttpResponse<String> text = this.http.send(request(PROFILES, KEY, MarketapEmulator.PROJECT_ID, "text/plain")
			.POST(EmulatorClient.body(Map.of("profiles", List.of(profile("u1", Map.of()))))));
		assertRejected(text, "Content-Type: must be application/json");
		assertRejected(postRaw(PROFILES, "{not json"), "body: must be a JSON object");
		assertRejected(postRaw(PROFILES, "[]"), "body: must be a JSON object");
		assertRejected(postRaw(PROFILES, ""), "body: must be a JSON object");
		HttpResponse<String> charset = this.http
			.send(request(PROFILES, KEY, MarketapEmulator.PROJECT_ID, "application/json; charset=UTF-8")
				.POST(EmulatorClient.body(Map.of("profiles", List.of(profile("u1", Map.of()))))));
		assertThat(charset.statusCode()).isEqualTo(202);
	}

	@Test
	void unknownPathIs404AndWrongMethodIs405() throws Exception {
		HttpResponse<String> unknown = this.http
			.send(request("/v1/api/profiles", KEY, MarketapEmulator.PROJECT_ID, "application/json")
				.POST(EmulatorClient.body(Map.of())));
		assertThat(unknown.statusCode()).isEqualTo(404);
		assertThat(EmulatorClient.json(unknown).get("code").intValue()).isEqualTo(4040);
		assertThat(this.http.send(request("", KEY, null, null).GET()).statusCode()).isEqualTo(404);
		HttpResponse<String> get = this.http.send(request(EVENTS, KEY, MarketapEmulator.PROJECT_ID, null).GET());
		assertThat(get.statusCode()).isEqualTo(405);
		assertThat(get.headers().firstValue("Allow")).hasValue("POST");
		assertThat(this.emulator.requestCount()).isZero();
	}

	@Test
	void stateShowsWhatWasReceived() throws Exception {
		post(PROFILES, Map.of("profiles", List.of(profile("u1", Map.of("grade", "gold")))));
		post(PROFILES, Map.of("profiles", List.of(profile("u1", Map.of("points", 3)))));
		post(EVENTS, Map.of("events", List.of(event("u1", "purchase", "e1", null))));
		post(BULK_DELETION, Map.of("user_ids", List.of("u9")));
		post(DEVICES, Map.of("profiles", List.of(device("t1", "ANDROID", "u1"))));
		post(DEVICES, Map.of("profiles", List.of(device("t1", "android", "u1"))));
		HttpResponse<String> response = this.http.send(request("/state", KEY, null, null).GET());
		assertThat(response.statusCode()).isEqualTo(200);
		JsonNode state = EmulatorClient.json(response);
		assertThat(state.get("requests").intValue()).isEqualTo(6);
		assertThat(state.get("acceptedRequests").intValue()).isEqualTo(5);
		assertThat(state.at("/profiles/u1/properties/grade").stringValue()).isEqualTo("gold");
		assertThat(state.at("/profiles/u1/properties/points").intValue()).isEqualTo(3);
		assertThat(state.at("/profiles/u1/updates").intValue()).isEqualTo(2);
		assertThat(state.get("events").intValue()).isEqualTo(1);
		assertThat(state.at("/deletedUserIds/0").stringValue()).isEqualTo("u9");
		assertThat(state.at("/devices/t1/device/platform").stringValue()).isEqualTo("ANDROID");
	}

	@Test
	void stateNeedsTheKey() throws Exception {
		assertThat(this.http.send(request("/state", null, null, null).GET()).statusCode()).isEqualTo(401);
		assertThat(this.http.send(request("/state", "other-key", null, null).GET()).statusCode()).isEqualTo(401);
	}

	@Test
	void rejectUserIdBlocksEveryRequestCarryingIt() throws Exception {
		this.emulator.reject("u2");
		HttpResponse<String> profiles = post(PROFILES,
				Map.of("profiles", List.of(profile("u1", Map.of()), profile("u2", Map.of()))));
		assertThat(profiles.statusCode()).isEqualTo(400);
		assertThat(EmulatorClient.json(profiles).get("code").intValue()).isEqualTo(4001);
		assertThat(EmulatorClient.json(profiles).get("message").stringValue())
			.isEqualTo("[1].user_id: user is blocked");
		assertThat(post(EVENTS, Map.of("events", List.of(event("u2", "view", "e1", null)))).statusCode())
			.isEqualTo(400);
		assertThat(post(DEVICES, Map.of("profiles", List.of(device("t1", "IOS", "u2")))).statusCode()).isEqualTo(400);
		assertThat(post(DELETION, Map.of("user_id", "u2")).statusCode()).isEqualTo(400);
		assertThat(EmulatorClient.json(post(BULK_DELETION, Map.of("user_ids", List.of("u1", "u3", "u2"))))
			.get("message")
			.stringValue()).isEqualTo("[2].user_id: user is blocked");
		assertThat(this.emulator.profiles()).isEmpty();
		assertThat(this.emulator.deletedUserIds()).isEmpty();
		// the half without the blocked user goes through, as a bisecting client would
		// send it
		assertThat(post(PROFILES, Map.of("profiles", List.of(profile("u1", Map.of())))).statusCode()).isEqualTo(202);
		this.emulator.clearFaults();
		assertThat(post(PROFILES, Map.of("profiles", List.of(profile("u2", Map.of())))).statusCode()).isEqualTo(202);
		assertThat(this.emulator.profiles()).containsOnlyKeys("u1", "u2");
	}

	@Test
	void failNextWithHttpStatusSendsRetryAfterThenRecovers() throws Exception {
		this.emulator.failNextWithHttpStatus(2, 429, "3");
		Map<String, Object> payload = Map.of("events", List.of(event("u1", "view", "e1", null)));
		HttpResponse<String> throttled = post(EVENTS, payload);
		assertThat(throttled.statusCode()).isEqualTo(429);
		assertThat(throttled.headers().firstValue("Retry-After")).hasValue("3");
		assertThat(post(EVENTS, payload).statusCode()).isEqualTo(429);
		assertThat(this.emulator.events()).isEmpty();
		HttpResponse<String> next = post(EVENTS, payload);
		assertThat(next.statusCode()).isEqualTo(202);
		assertThat(next.headers().firstValue("Retry-After")).isEmpty();
		assertThat(this.emulator.eventCountsById()).containsExactly(Map.entry("e1", 1));
		assertThat(this.emulator.requestCount()).isEqualTo(3);
		assertThat(this.emulator.acceptedRequestCount()).isEqualTo(1);
	}

	@Test
	void failNextWithHttpStatus503HasNoRetryAfterWhenNoneGiven() throws Exception {
		this.emulator.failNextWithHttpStatus(1, 503, null);
		HttpResponse<String> unavailable = post(DELETION, Map.of("user_id", "u1"));
		assertThat(unavailable.statusCode()).isEqualTo(503);
		assertThat(unavailable.headers().firstValue("Retry-After")).isEmpty();
		assertThat(this.emulator.deletedUserIds()).isEmpty();
	}

	@Test
	void faultsAreNotConsumedByUnauthenticatedOrMisconfiguredRequests() throws Exception {
		this.emulator.failNextWithHttpStatus(1, 503, null);
		Map<String, Object> payload = Map.of("profiles", List.of(profile("u1", Map.of())));
		assertThat(this.http
			.send(request(PROFILES, "other-key", MarketapEmulator.PROJECT_ID, "application/json")
				.POST(EmulatorClient.body(payload)))
			.statusCode()).isEqualTo(401);
		assertThat(this.http
			.send(request(PROFILES, KEY, "other-project", "application/json").POST(EmulatorClient.body(payload)))
			.statusCode()).isEqualTo(400);
		assertThat(post(PROFILES, payload).statusCode()).isEqualTo(503);
	}

	@Test
	void failAfterItemsFailsPermanentlyUntilCleared() throws Exception {
		this.emulator.failAfterItems(2, 500);
		assertThat(post(PROFILES, Map.of("profiles", List.of(profile("u1", Map.of()), profile("u2", Map.of()))))
			.statusCode()).isEqualTo(202);
		HttpResponse<String> failed = post(PROFILES, Map.of("profiles", List.of(profile("u3", Map.of()))));
		assertThat(failed.statusCode()).isEqualTo(500);
		assertThat(EmulatorClient.json(failed).get("code").intValue()).isEqualTo(500);
		assertThat(post(DELETION, Map.of("user_id", "u1")).statusCode()).isEqualTo(500);
		assertThat(this.emulator.profiles()).containsOnlyKeys("u1", "u2");
		this.emulator.clearFaults();
		assertThat(post(PROFILES, Map.of("profiles", List.of(profile("u3", Map.of())))).statusCode()).isEqualTo(202);
	}

	/** The emulators' base refuses these for every vendor but Groobee (any status). */
	@Test
	void faultsRejectNonErrorStatuses() {
		assertThatIllegalArgumentException().isThrownBy(() -> this.emulator.failNextWithHttpStatus(1, 202, null));
		assertThatIllegalArgumentException().isThrownBy(() -> this.emulator.failNextWithHttpStatus(0, 503, null));
		assertThatIllegalArgumentException().isThrownBy(() -> this.emulator.failAfterItems(-1, 503));
		assertThatIllegalArgumentException().isThrownBy(() -> this.emulator.failAfterItems(0, 200));
	}

	@Test
	void resetForgetsEverything() throws Exception {
		post(PROFILES, Map.of("profiles", List.of(profile("u1", Map.of()))));
		post(EVENTS, Map.of("events", List.of(event("u1", "view", "e1", null))));
		post(DELETION, Map.of("user_id", "u1"));
		post(DEVICES, Map.of("profiles", List.of(device("t1", "IOS", "u1"))));
		resetAfterFaults("u1");
		assertThat(this.emulator.profiles()).isEmpty();
		assertThat(this.emulator.events()).isEmpty();
		assertThat(this.emulator.eventCountsById()).isEmpty();
		assertThat(this.emulator.deletedUserIds()).isEmpty();
		assertThat(this.emulator.devices()).isEmpty();
		assertThat(this.emulator.requestPaths()).isEmpty();
		assertThat(this.emulator.maxBatchSizeSeen()).isZero();
		assertThat(post(PROFILES, Map.of("profiles", List.of(profile("u1", Map.of())))).statusCode()).isEqualTo(202);
	}

	@Test
	void accessorsReturnSnapshots() throws Exception {
		post(EVENTS, Map.of("events", List.of(event("u1", "view", "e1", null))));
		List<Map<String, Object>> events = this.emulator.events();
		Map<String, Integer> counts = this.emulator.eventCountsById();
		post(EVENTS, Map.of("events", List.of(event("u1", "view", "e1", null))));
		assertThat(events).hasSize(1);
		assertThat(counts).containsExactly(Map.entry("e1", 1));
		assertThat(this.emulator.eventCountsById()).containsExactly(Map.entry("e1", 2));
	}

	private static Map<String, Object> profile(String userId, Map<String, Object> properties) {
		Map<String, Object> profile = new LinkedHashMap<>();
		profile.put("user_id", userId);
		profile.put("properties", properties);
		return profile;
	}

	private static Map<String, Object> event(String userId, String eventName, String eventId, String timestamp) {
		Map<String, Object> event = new LinkedHashMap<>();
		event.put("user_id", userId);
		event.put("event_name", eventName);
		event.put("properties", Map.of("event_id", eventId));
		if (timestamp != null) {
			event.put("timestamp", timestamp);
		}
		return event;
	}

	private static Map<String, Object> device(String token, String platform, String userId) {
		Map<String, Object> device = new LinkedHashMap<>();
		device.put("device", Map.of("token", token, "platform", platform));
		if (userId != null) {
			device.put("user_id", userId);
		}
		return device;
	}

	private void assertRejected(HttpResponse<String> response, String message) {
		assertThat(response.statusCode()).isEqualTo(400);
		JsonNode body = EmulatorClient.json(response);
		assertThat(body.get("code").intValue()).isEqualTo(4000);
		assertThat(body.get("message").stringValue()).isEqualTo(message);
	}

	private HttpRequest.Builder request(String path, String apiKey, String projectId, String contentType) {
		return this.http.request(path + ((projectId != null) ? "?project_id=" + projectId : ""), apiKey, contentType);
	}

	private HttpResponse<String> post(String path, Object payload) throws Exception {
		return this.http.send(
				request(path, KEY, MarketapEmulator.PROJECT_ID, "application/json").POST(EmulatorClient.body(payload)));
	}

	private HttpResponse<String> postRaw(String path, String json) throws Exception {
		return this.http.send(request(path, KEY, MarketapEmulator.PROJECT_ID, "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(json)));
	}

}
