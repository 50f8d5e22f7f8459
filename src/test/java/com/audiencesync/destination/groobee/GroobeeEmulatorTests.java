package com.audiencesync.destination.groobee;

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

import com.audiencesync.destination.emulator.StoredRecord;
import com.audiencesync.sandbox.SandboxServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class GroobeeEmulatorTests {

	private static final String KEY = "test-key";

	private final JsonMapper mapper = JsonMapper.shared();

	private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private SandboxServer sandbox;

	private URI personalizations;

	@BeforeEach
	void start() {
		this.sandbox = SandboxServer.start("127.0.0.1", 0, KEY);
		this.personalizations = URI.create(this.sandbox.baseUrl("groobee") + "/personalizations");
	}

	@AfterEach
	void stop() {
		this.sandbox.close();
	}

	@Test
	void baseUrlIsLoopbackWithTheBoundPort() {
		assertThat(this.sandbox.baseUrl("groobee"))
			.isEqualTo(URI.create("http://127.0.0.1:" + this.sandbox.port() + "/groobee"));
		assertThatIllegalArgumentException().isThrownBy(() -> this.sandbox.baseUrl("klaviyo"));
	}

	@Test
	void refusesNonLoopbackHost() {
		assertThatIllegalArgumentException().isThrownBy(() -> SandboxServer.start("0.0.0.0", 0, KEY));
	}

	@Test
	void successStoresProfiles() throws Exception {
		JsonNode response = post(List.of(row("m1", "010-0000-1111", Map.of("grade", "gold")),
				row("m2", "1588-1234", Map.of("points", 10))));
		assertThat(response.get("processCode").stringValue()).isEqualTo("0");
		assertThat(response.get("processValue").booleanValue()).isTrue();
		assertThat(response.at("/httpStatus/code").stringValue()).isEqualTo("200");
		GroobeeEmulator groobee = this.sandbox.emulator("groobee", GroobeeEmulator.class);
		assertThat(groobee.profiles()).containsOnlyKeys("010-0000-1111", "1588-1234");
		assertThat(groobee.profiles().get("010-0000-1111"))
			.isEqualTo(new StoredRecord("m1", Map.of("grade", "gold"), 1));
		assertThat(groobee.itemsAccepted()).isEqualTo(2);
		assertThat(groobee.acceptedRequestCount()).isEqualTo(1);
		assertThat(groobee.maxBatchSizeSeen()).isEqualTo(2);
	}

	@Test
	void upsertReplacesMemberIdAndWholeProperties() throws Exception {
		post(List.of(row("m1", "010-0000-2222", Map.of("grade", "gold", "points", 10))));
		JsonNode response = post(List.of(row("m9", "010-0000-2222", Map.of("grade", "silver"))));
		assertThat(response.get("processCode").stringValue()).isEqualTo("0");
		StoredRecord profile = this.sandbox.emulator("groobee", GroobeeEmulator.class).profiles().get("010-0000-2222");
		assertThat(profile.identity()).isEqualTo("m9");
		assertThat(profile.properties()).containsExactly(Map.entry("grade", "silver"));
		assertThat(profile.deliveries()).isEqualTo(2);
		assertThat(this.sandbox.emulator("groobee", GroobeeEmulator.class).deliveries("010-0000-2222")).isEqualTo(2);
		assertThat(this.sandbox.emulator("groobee", GroobeeEmulator.class).profiles()).hasSize(1);
	}

	@Test
	void missingApiKeyIsRejected() throws Exception {
		HttpResponse<String> response = send(request(null, "application/json").POST(body(List.of(validRow()))));
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(processCode(response)).isEqualTo("-1000");
		assertThat(this.sandbox.emulator("groobee", GroobeeEmulator.class).profiles()).isEmpty();
		assertThat(this.sandbox.emulator("groobee", GroobeeEmulator.class).requestCount()).isEqualTo(1);
	}

	@Test
	void wrongApiKeyIsRejected() throws Exception {
		HttpResponse<String> response = send(request("other-key", "application/json").POST(body(List.of(validRow()))));
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(processCode(response)).isEqualTo("-1001");
		assertThat(this.sandbox.emulator("groobee", GroobeeEmulator.class).profiles()).isEmpty();
	}

	@Test
	void moreThanAThousandRowsIsRejectedAndNothingStored() throws Exception {
		List<Map<String, Object>> rows = new ArrayList<>();
		for (int i = 0; i < 1001; i++) {
			rows.add(row("m" + i, String.format("010-%04d-%04d", i / 10000, i % 10000), Map.of()));
		}
		assertThat(post(rows).get("processCode").stringValue()).isEqualTo("-1004");
		assertThat(this.sandbox.emulator("groobee", GroobeeEmulator.class).profiles()).isEmpty();
		assertThat(this.sandbox.emulator("groobee", GroobeeEmulator.class).maxBatchSizeSeen()).isEqualTo(1001);
		assertThat(post(rows.subList(0, 1000)).get("processCode").stringValue()).isEqualTo("0");
		assertThat(this.sandbox.emulator("groobee", GroobeeEmulator.class).profiles()).hasSize(1000);
	}

	@Test
	void badPhoneNumberIsRejectedWithoutEchoingIt() throws Exception {
		List<Map<String, Object>> rows = new ArrayList<>();
		for (int i = 0; i < 12; i++) {
			rows.add(row("m" + i, "010-1234-00" + (10 + i), Map.of()));
		}
		rows.add(row("m12", "01098765432", Map.of("secret", "s3cr3t-value")));
		JsonNode response = post(rows);
		assertThat(response.get("processCode").stringValue()).isEqualTo("-1007");
		assertThat(errors(response)).singleElement().asString().startsWith("[12].phoneNumber");
		assertThat(response.toString()).doesNotContain("98765432").doesNotContain("s3cr3t-value");
		assertThat(this.sandbox.emulator("groobee", GroobeeEmulator.class).profiles()).isEmpty();
	}

	@Test
	void phoneNumberWithOtherSeparatorIsRejected() throws Exception {
		assertThat(post(List.of(row("m1", "010.0000.2222", Map.of()))).get("processCode").stringValue())
			.isEqualTo("-1007");
		assertThat(post(List.of(row("m1", "010 0000 2222", Map.of()))).get("processCode").stringValue())
			.isEqualTo("-1007");
	}

	@Test
	void memberIdWithSpaceIsRejected() throws Exception {
		JsonNode response = post(List.of(validRow(), row("member 1", "010-0000-3333", Map.of())));
		assertThat(response.get("processCode").stringValue()).isEqualTo("-1006");
		assertThat(errors(response)).containsExactly("[1].memberId: 회원 ID가 올바르지 않습니다.");
		assertThat(this.sandbox.emulator("groobee", GroobeeEmulator.class).profiles()).isEmpty();
	}

	@Test
	void memberIdLongerThan64CharactersIsRejected() throws Exception {
		JsonNode response = post(List.of(row("m".repeat(65), "010-0000-3333", Map.of())));
		assertThat(response.get("processCode").stringValue()).isEqualTo("-1006");
	}

	@Test
	void nullPropertiesIsBadData() throws Exception {
		Map<String, Object> row = new LinkedHashMap<>(validRow());
		row.put("properties", null);
		JsonNode response = post(List.of(row));
		assertThat(response.get("processCode").stringValue()).isEqualTo("-9997");
		assertThat(response.at("/httpStatus/code").stringValue()).isEqualTo("400");
		assertThat(response.at("/processValue/message").stringValue()).isEqualTo("전송데이터에 오류가 있습니다");
		assertThat(errors(response)).containsExactly("[0].properties: 널이어서는 안됩니다");
		assertThat(this.sandbox.emulator("groobee", GroobeeEmulator.class).profiles()).isEmpty();
	}

	@Test
	void bodyThatIsNotANonEmptyArrayIsBadData() throws Exception {
		assertThat(processCode(postRaw("{\"memberId\":\"m1\"}"))).isEqualTo("-9997");
		assertThat(processCode(postRaw("[]"))).isEqualTo("-9997");
		assertThat(processCode(postRaw("[not json"))).isEqualTo("-9997");
		assertThat(processCode(postRaw("[1]"))).isEqualTo("-9997");
	}

	@Test
	void wrongContentTypeIsHttpError() throws Exception {
		HttpResponse<String> response = send(request(KEY, "text/plain").POST(body(List.of(validRow()))));
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(processCode(response)).isEqualTo("-9998");
		assertThat(this.sandbox.emulator("groobee", GroobeeEmulator.class).profiles()).isEmpty();
	}

	@Test
	void contentTypeWithCharsetIsAccepted() throws Exception {
		HttpResponse<String> response = send(
				request(KEY, "application/json; charset=UTF-8").POST(body(List.of(validRow()))));
		assertThat(processCode(response)).isEqualTo("0");
	}

	@Test
	void wrongMethodIsHttpError() throws Exception {
		HttpResponse<String> response = send(request(KEY, "application/json").PUT(body(List.of(validRow()))));
		assertThat(processCode(response)).isEqualTo("-9998");
	}

	@Test
	void getShowsState() throws Exception {
		post(List.of(row("m1", "010-0000-1111", Map.of("grade", "gold"))));
		post(List.of(row("m2", "010-0000-1111", Map.of("grade", "vip"))));
		post(List.of(row("bad id", "010-0000-1111", Map.of())));
		HttpResponse<String> response = send(request(KEY, null).GET());
		assertThat(response.statusCode()).isEqualTo(200);
		JsonNode state = this.mapper.readTree(response.body());
		assertThat(state.get("requests").intValue()).isEqualTo(3);
		assertThat(state.get("rowsReceived").intValue()).isEqualTo(2);
		assertThat(state.at("/profiles/010-0000-1111/memberId").stringValue()).isEqualTo("m2");
		assertThat(state.at("/profiles/010-0000-1111/properties/grade").stringValue()).isEqualTo("vip");
		assertThat(state.at("/profiles/010-0000-1111/deliveries").intValue()).isEqualTo(2);
	}

	@Test
	void getNeedsApiKey() throws Exception {
		assertThat(processCode(send(request(null, null).GET()))).isEqualTo("-1000");
	}

	@Test
	void failNextAnswersProcessCodeThenRecovers() throws Exception {
		this.sandbox.emulator("groobee", GroobeeEmulator.class).failNext(2, -9999);
		assertThat(post(List.of(validRow())).get("processCode").stringValue()).isEqualTo("-9999");
		assertThat(post(List.of(validRow())).get("processCode").stringValue()).isEqualTo("-9999");
		assertThat(this.sandbox.emulator("groobee", GroobeeEmulator.class).profiles()).isEmpty();
		assertThat(post(List.of(validRow())).get("processCode").stringValue()).isEqualTo("0");
		assertThat(this.sandbox.emulator("groobee", GroobeeEmulator.class).requestCount()).isEqualTo(3);
		assertThat(this.sandbox.emulator("groobee", GroobeeEmulator.class).acceptedRequestCount()).isEqualTo(1);
	}

	@Test
	void failNextDoesNotConsumeOnAuthFailure() throws Exception {
		this.sandbox.emulator("groobee", GroobeeEmulator.class).failNext(1, -9999);
		assertThat(processCode(send(request("other-key", "application/json").POST(body(List.of(validRow()))))))
			.isEqualTo("-1001");
		assertThat(post(List.of(validRow())).get("processCode").stringValue()).isEqualTo("-9999");
	}

	@Test
	void failNextRejectsUnknownProcessCode() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> this.sandbox.emulator("groobee", GroobeeEmulator.class).failNext(1, -4242));
	}

	@Test
	void failNextWithHttpStatusSendsRetryAfter() throws Exception {
		this.sandbox.emulator("groobee", GroobeeEmulator.class).failNextWithHttpStatus(1, 429, "1");
		HttpResponse<String> throttled = send(request(KEY, "application/json").POST(body(List.of(validRow()))));
		assertThat(throttled.statusCode()).isEqualTo(429);
		assertThat(throttled.headers().firstValue("Retry-After")).hasValue("1");
		assertThat(this.sandbox.emulator("groobee", GroobeeEmulator.class).profiles()).isEmpty();
		HttpResponse<String> next = send(request(KEY, "application/json").POST(body(List.of(validRow()))));
		assertThat(next.statusCode()).isEqualTo(200);
		assertThat(next.headers().firstValue("Retry-After")).isEmpty();
		assertThat(processCode(next)).isEqualTo("0");
	}

	@Test
	void failAfterRowsFailsPermanentlyUntilCleared() throws Exception {
		GroobeeEmulator groobee = this.sandbox.emulator("groobee", GroobeeEmulator.class);
		groobee.failAfterRows(2, -9999);
		assertThat(post(List.of(row("m1", "010-0000-0001", Map.of()), row("m2", "010-0000-0002", Map.of())))
			.get("processCode")
			.stringValue()).isEqualTo("0");
		assertThat(post(List.of(row("m3", "010-0000-0003", Map.of()))).get("processCode").stringValue())
			.isEqualTo("-9999");
		assertThat(post(List.of(row("m3", "010-0000-0003", Map.of()))).get("processCode").stringValue())
			.isEqualTo("-9999");
		assertThat(groobee.profiles()).containsOnlyKeys("010-0000-0001", "010-0000-0002");
		groobee.clearFaults();
		assertThat(post(List.of(row("m3", "010-0000-0003", Map.of()))).get("processCode").stringValue()).isEqualTo("0");
	}

	@Test
	void resetForgetsEverything() throws Exception {
		GroobeeEmulator groobee = this.sandbox.emulator("groobee", GroobeeEmulator.class);
		post(List.of(validRow()));
		groobee.failNext(1, -9999);
		groobee.reset();
		assertThat(groobee.profiles()).isEmpty();
		assertThat(groobee.requestCount()).isZero();
		assertThat(groobee.itemsAccepted()).isZero();
		assertThat(post(List.of(validRow())).get("processCode").stringValue()).isEqualTo("0");
	}

	@Test
	void profilesIsASnapshot() throws Exception {
		post(List.of(row("m1", "010-0000-1111", Map.of("tags", List.of("a")))));
		Map<String, StoredRecord> before = this.sandbox.emulator("groobee", GroobeeEmulator.class).profiles();
		post(List.of(row("m2", "010-0000-1111", Map.of())));
		assertThat(before.get("010-0000-1111").identity()).isEqualTo("m1");
		assertThat(before.get("010-0000-1111").properties()).containsEntry("tags", List.of("a"));
	}

	@Test
	void closeStopsTheServer() {
		this.sandbox.close();
		assertThatExceptionOfType(IOException.class)
			.isThrownBy(() -> send(request(KEY, "application/json").POST(body(List.of(validRow())))));
	}

	private static Map<String, Object> validRow() {
		return row("m1", "010-0000-2222", Map.of("grade", "gold"));
	}

	private static Map<String, Object> row(String memberId, String phoneNumber, Map<String, Object> properties) {
		Map<String, Object> row = new LinkedHashMap<>();
		row.put("memberId", memberId);
		row.put("phoneNumber", phoneNumber);
		row.put("properties", properties);
		return row;
	}

	private JsonNode post(List<Map<String, Object>> rows) throws Exception {
		HttpResponse<String> response = send(request(KEY, "application/json").POST(body(rows)));
		assertThat(response.statusCode()).isEqualTo(200);
		return this.mapper.readTree(response.body());
	}

	private HttpResponse<String> postRaw(String json) throws Exception {
		return send(request(KEY, "application/json").POST(HttpRequest.BodyPublishers.ofString(json)));
	}

	private HttpRequest.BodyPublisher body(Object value) {
		return HttpRequest.BodyPublishers.ofByteArray(this.mapper.writeValueAsBytes(value));
	}

	private HttpRequest.Builder request(String apiKey, String contentType) {
		HttpRequest.Builder builder = HttpRequest.newBuilder(this.personalizations).timeout(Duration.ofSeconds(10));
		if (apiKey != null) {
			builder.header("x-api-key", apiKey);
		}
		if (contentType != null) {
			builder.header("Content-Type", contentType);
		}
		return builder;
	}

	private HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
		return this.client.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
	}

	private String processCode(HttpResponse<String> response) {
		return this.mapper.readTree(response.body()).get("processCode").stringValue();
	}

	private static List<String> errors(JsonNode response) {
		List<String> errors = new ArrayList<>();
		response.at("/processValue/errors").forEach((error) -> errors.add(error.stringValue()));
		return errors;
	}

}
