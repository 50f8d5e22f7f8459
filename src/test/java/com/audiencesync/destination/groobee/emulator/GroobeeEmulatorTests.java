package com.audiencesync.destination.groobee.emulator;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.audiencesync.destination.emulator.StoredRecord;
import com.audiencesync.sandbox.EmulatorClient;
import com.audiencesync.sandbox.EmulatorTest;
import com.audiencesync.sandbox.SandboxServer;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class GroobeeEmulatorTests extends EmulatorTest<GroobeeEmulator> {

	GroobeeEmulatorTests() {
		super("groobee", GroobeeEmulator.class, "x-api-key", "");
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
		GroobeeEmulator groobee = this.emulator;
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
		StoredRecord profile = this.emulator.profiles().get("010-0000-2222");
		assertThat(profile.identity()).isEqualTo("m9");
		assertThat(profile.properties()).containsExactly(Map.entry("grade", "silver"));
		assertThat(profile.deliveries()).isEqualTo(2);
		assertThat(this.emulator.deliveries("010-0000-2222")).isEqualTo(2);
		assertThat(this.emulator.profiles()).hasSize(1);
	}

	@Test
	void missingApiKeyIsRejected() throws Exception {
		HttpResponse<String> response = this.http.send(this.http.request("/personalizations", null, "application/json")
			.POST(EmulatorClient.body(List.of(validRow()))));
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(processCode(response)).isEqualTo("-1000");
		assertThat(this.emulator.profiles()).isEmpty();
		assertThat(this.emulator.requestCount()).isEqualTo(1);
	}

	@Test
	void wrongApiKeyIsRejected() throws Exception {
		HttpResponse<String> response = this.http
			.send(this.http.request("/personalizations", "other-key", "application/json")
				.POST(EmulatorClient.body(List.of(validRow()))));
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(processCode(response)).isEqualTo("-1001");
		assertThat(this.emulator.profiles()).isEmpty();
	}

	@Test
	void moreThanAThousandRowsIsRejectedAndNothingStored() throws Exception {
		List<Map<String, Object>> rows = new ArrayList<>();
		for (int i = 0; i < 1001; i++) {
			rows.add(row("m" + i, String.format("010-%04d-%04d", i / 10000, i % 10000), Map.of()));
		}
		assertThat(post(rows).get("processCode").stringValue()).isEqualTo("-1004");
		assertThat(this.emulator.profiles()).isEmpty();
		assertThat(this.emulator.maxBatchSizeSeen()).isEqualTo(1001);
		assertThat(post(rows.subList(0, 1000)).get("processCode").stringValue()).isEqualTo("0");
		assertThat(this.emulator.profiles()).hasSize(1000);
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
		assertThat(this.emulator.profiles()).isEmpty();
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
		assertThat(this.emulator.profiles()).isEmpty();
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
		assertThat(this.emulator.profiles()).isEmpty();
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
		HttpResponse<String> response = this.http.send(this.http.request("/personalizations", KEY, "text/plain")
			.POST(EmulatorClient.body(List.of(validRow()))));
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(processCode(response)).isEqualTo("-9998");
		assertThat(this.emulator.profiles()).isEmpty();
	}

	@Test
	void contentTypeWithCharsetIsAccepted() throws Exception {
		HttpResponse<String> response = this.http
			.send(this.http.request("/personalizations", KEY, "application/json; charset=UTF-8")
				.POST(EmulatorClient.body(List.of(validRow()))));
		assertThat(processCode(response)).isEqualTo("0");
	}

	@Test
	void wrongMethodIsHttpError() throws Exception {
		HttpResponse<String> response = this.http.send(this.http.request("/personalizations", KEY, "application/json")
			.PUT(EmulatorClient.body(List.of(validRow()))));
		assertThat(processCode(response)).isEqualTo("-9998");
	}

	@Test
	void getShowsState() throws Exception {
		post(List.of(row("m1", "010-0000-1111", Map.of("grade", "gold"))));
		post(List.of(row("m2", "010-0000-1111", Map.of("grade", "vip"))));
		post(List.of(row("bad id", "010-0000-1111", Map.of())));
		HttpResponse<String> response = this.http.send(this.http.request("/personalizations", KEY, null).GET());
		assertThat(response.statusCode()).isEqualTo(200);
		JsonNode state = EmulatorClient.json(response);
		assertThat(state.get("requests").intValue()).isEqualTo(3);
		assertThat(state.get("rowsReceived").intValue()).isEqualTo(2);
		assertThat(state.at("/profiles/010-0000-1111/memberId").stringValue()).isEqualTo("m2");
		assertThat(state.at("/profiles/010-0000-1111/properties/grade").stringValue()).isEqualTo("vip");
		assertThat(state.at("/profiles/010-0000-1111/deliveries").intValue()).isEqualTo(2);
	}

	@Test
	void getNeedsApiKey() throws Exception {
		assertThat(processCode(this.http.send(this.http.request("/personalizations", null, null).GET())))
			.isEqualTo("-1000");
	}

	@Test
	void failNextAnswersProcessCodeThenRecovers() throws Exception {
		this.emulator.failNext(2, -9999);
		assertThat(post(List.of(validRow())).get("processCode").stringValue()).isEqualTo("-9999");
		assertThat(post(List.of(validRow())).get("processCode").stringValue()).isEqualTo("-9999");
		assertThat(this.emulator.profiles()).isEmpty();
		assertThat(post(List.of(validRow())).get("processCode").stringValue()).isEqualTo("0");
		assertThat(this.emulator.requestCount()).isEqualTo(3);
		assertThat(this.emulator.acceptedRequestCount()).isEqualTo(1);
	}

	@Test
	void failNextDoesNotConsumeOnAuthFailure() throws Exception {
		this.emulator.failNext(1, -9999);
		assertThat(processCode(this.http.send(this.http.request("/personalizations", "other-key", "application/json")
			.POST(EmulatorClient.body(List.of(validRow())))))).isEqualTo("-1001");
		assertThat(post(List.of(validRow())).get("processCode").stringValue()).isEqualTo("-9999");
	}

	@Test
	void failNextRejectsUnknownProcessCode() {
		assertThatIllegalArgumentException().isThrownBy(() -> this.emulator.failNext(1, -4242));
	}

	@Test
	void failNextWithHttpStatusSendsRetryAfter() throws Exception {
		this.emulator.failNextWithHttpStatus(1, 429, "1");
		HttpResponse<String> throttled = this.http.send(this.http.request("/personalizations", KEY, "application/json")
			.POST(EmulatorClient.body(List.of(validRow()))));
		assertThat(throttled.statusCode()).isEqualTo(429);
		assertThat(throttled.headers().firstValue("Retry-After")).hasValue("1");
		assertThat(this.emulator.profiles()).isEmpty();
		HttpResponse<String> next = this.http.send(this.http.request("/personalizations", KEY, "application/json")
			.POST(EmulatorClient.body(List.of(validRow()))));
		assertThat(next.statusCode()).isEqualTo(200);
		assertThat(next.headers().firstValue("Retry-After")).isEmpty();
		assertThat(processCode(next)).isEqualTo("0");
	}

	@Test
	void failAfterRowsFailsPermanentlyUntilCleared() throws Exception {
		GroobeeEmulator groobee = this.emulator;
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
		GroobeeEmulator groobee = this.emulator;
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
		Map<String, StoredRecord> before = this.emulator.profiles();
		post(List.of(row("m2", "010-0000-1111", Map.of())));
		assertThat(before.get("010-0000-1111").identity()).isEqualTo("m1");
		assertThat(before.get("010-0000-1111").properties()).containsEntry("tags", List.of("a"));
	}

	@Test
	void closeStopsTheServer() {
		this.sandbox.server().close();
		assertThatExceptionOfType(IOException.class)
			.isThrownBy(() -> this.http.send(this.http.request("/personalizations", KEY, "application/json")
				.POST(EmulatorClient.body(List.of(validRow())))));
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
		HttpResponse<String> response = this.http
			.send(this.http.request("/personalizations", KEY, "application/json").POST(EmulatorClient.body(rows)));
		assertThat(response.statusCode()).isEqualTo(200);
		return EmulatorClient.json(response);
	}

	private HttpResponse<String> postRaw(String json) throws Exception {
		return this.http.send(this.http.request("/personalizations", KEY, "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(json)));
	}

	private String processCode(HttpResponse<String> response) {
		return EmulatorClient.json(response).get("processCode").stringValue();
	}

	private static List<String> errors(JsonNode response) {
		List<String> errors = new ArrayList<>();
		response.at("/processValue/errors").forEach((error) -> errors.add(error.stringValue()));
		return errors;
	}

}
