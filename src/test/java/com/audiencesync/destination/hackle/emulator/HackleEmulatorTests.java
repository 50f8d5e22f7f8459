package com.audiencesync.destination.hackle.emulator;

import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;

import com.audiencesync.sandbox.EmulatorTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/** The Hackle emulator holds clients to Hackle's documented contract. */
class HackleEmulatorTests extends EmulatorTest<HackleEmulator> {

	HackleEmulatorTests() {
		super("hackle", HackleEmulator.class, "X-HACKLE-API-KEY", "");
	}

	@Test
	void propertiesApplySetSetOnceAndUnset() throws Exception {
		this.emulator.storeProfile("user:u-1", Map.of("signup", "2020-01-01", "tier", "old"));

		HttpResponse<String> response = post("/v1/properties",
				"""
						{"userId":"u-1","operations":{"$set":{"grade":"GOLD","age":42},"$setOnce":{"signup":"2024-01-01","first":"web"},
						 "$unset":{"tier":"-"}}}""");

		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(this.emulator.profiles().get("user:u-1")).containsExactlyInAnyOrderEntriesOf(
				Map.of("grade", "GOLD", "age", 42, "signup", "2020-01-01", "first", "web"));
	}

	@Test
	void aDeviceIdAloneIsEnough() throws Exception {
		assertThat(post("/v1/properties", "{\"deviceId\":\"d-1\",\"operations\":{\"$set\":{\"a\":1}}}").statusCode())
			.isEqualTo(200);
		assertThat(this.emulator.profiles()).containsKey("device:d-1");
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', value = { "/v1/properties|{\"operations\":{\"$set\":{\"a\":1}}}|userId or deviceId",
			"/v1/properties|{\"userId\":\"u\"}|operations",
			"/v1/properties|{\"userId\":\"u\",\"operations\":{\"$add\":{}}}|unknown operation",
			"/v1/properties/phone-numbers|{\"userId\":\"u\",\"phoneNumber\":\"010-1234-5678\"}|E.164",
			"/v1/properties/phone-numbers|{\"phoneNumber\":\"+821012345678\"}|userId",
			"/v1/push-subscriptions|{\"userId\":\"u\",\"marketingSubscriptionStatus\":\"Y\"}|SUBSCRIBED or UNSUBSCRIBED",
			"/v1/kakao-subscriptions|{\"deviceId\":\"d\",\"marketingSubscriptionStatus\":\"SUBSCRIBED\"}|userId is required",
			"/v1/sms-subscriptions|{\"userId\":\"u\"}|no subscription status" })
	void invalidRecordsAreRejectedWithA400NamingTheField(String path, String body, String message) throws Exception {
		HttpResponse<String> response = post(path, body);

		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(response.body()).contains(message);
		assertThat(this.emulator.applied()).isEmpty();
	}

	@Test
	void aMissingOrWrongKeyIs401() throws Exception {
		HttpRequest.Builder request = this.http.request("/v1/properties", null, null)
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString("{\"userId\":\"u\",\"operations\":{\"$set\":{\"a\":1}}}"));

		assertThat(this.http.send(request).statusCode()).isEqualTo(401);
		assertThat(this.http.send(request.header("X-HACKLE-API-KEY", "wrong")).statusCode()).isEqualTo(401);
	}

	@Test
	void phoneNumbersAreSetAndDeleted() throws Exception {
		assertThat(post("/v1/properties/phone-numbers", "{\"userId\":\"u-1\",\"phoneNumber\":\"+821012345678\"}")
			.statusCode()).isEqualTo(200);
		assertThat(this.emulator.phoneNumbers()).containsEntry("u-1", "+821012345678");

		HttpResponse<String> deleted = this.http
			.send(this.http.request("/v1/properties/phone-numbers?userId=u-1", null, null)
				.header("X-HACKLE-API-KEY", KEY)
				.DELETE());

		assertThat(deleted.statusCode()).isEqualTo(200);
		assertThat(this.emulator.phoneNumbers()).isEmpty();
		assertThat(this.http.send(
				this.http.request("/v1/properties/phone-numbers", null, null).header("X-HACKLE-API-KEY", KEY).DELETE())
			.statusCode()).isEqualTo(400);
	}

	@Test
	void consentsAreKeptPerChannel() throws Exception {
		post("/v1/push-subscriptions", "{\"deviceId\":\"d-1\",\"marketingSubscriptionStatus\":\"UNSUBSCRIBED\"}");
		post("/v1/sms-subscriptions",
				"{\"userId\":\"u-1\",\"marketingSubscriptionStatus\":\"SUBSCRIBED\",\"informationSubscriptionStatus\":null}");

		assertThat(this.emulator.subscriptions())
			.containsEntry("push-subscriptions:device:d-1", Map.of("marketingSubscriptionStatus", "UNSUBSCRIBED"))
			.containsEntry("sms-subscriptions:user:u-1", Map.of("marketingSubscriptionStatus", "SUBSCRIBED"));
	}

	@Test
	void aRecordPickedToFailOnceGoesThroughTheSecondTime() throws Exception {
		this.emulator.failOnce(1000);
		String body = "{\"userId\":\"u-1\",\"operations\":{\"$set\":{\"a\":1}}}";

		int first = post("/v1/properties", body).statusCode();
		int second = post("/v1/properties", body).statusCode();

		assertThat(first).isIn(429, 503);
		assertThat(second).isEqualTo(200);
		assertThat(this.emulator.applied()).containsExactlyEntriesOf(Map.of("properties user:u-1", 1));
	}

	@Test
	void unknownPathsAndMethodsAre404AndContentTypeIsChecked() throws Exception {
		assertThat(post("/v1/users", "{}").statusCode()).isEqualTo(404);
		HttpResponse<String> text = this.http.send(this.http.request("/v1/properties", null, null)
			.header("X-HACKLE-API-KEY", KEY)
			.header("Content-Type", "text/plain")
			.POST(HttpRequest.BodyPublishers.ofString("{}")));
		assertThat(text.statusCode()).isEqualTo(400);
		assertThat(text.body()).contains("application/json");
	}

	private HttpResponse<String> post(String path, String body) throws IOException, InterruptedException {
		return this.http.send(this.http.request(path, KEY, null)
			.header("X-HACKLE-API-KEY", KEY)
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(body)));
	}

}
