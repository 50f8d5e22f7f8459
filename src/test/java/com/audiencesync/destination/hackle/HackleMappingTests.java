package com.audiencesync.destination.hackle;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.audiencesync.destination.EndpointDescriptor;
import com.audiencesync.destination.PropertyOperation;
import com.audiencesync.destination.hackle.HackleRequests.PropertiesRequest;
import com.audiencesync.destination.hackle.HackleRequests.SubscriptionRequest;
import com.audiencesync.source.SourceRow;
import com.audiencesync.spec.DestinationSpec;
import com.audiencesync.spec.JobSpec;
import com.audiencesync.spec.SpecError;
import com.audiencesync.spec.SpecException;
import com.audiencesync.spec.SpecLoader;
import com.audiencesync.transform.RowMapper;
import com.audiencesync.transform.Transformed;
import com.audiencesync.transform.Transformed.Accepted;
import com.audiencesync.transform.Transformed.Rejected;
import com.audiencesync.transform.Transformed.Skipped;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Hackle specs as a data team writes them: property operations, consent values, phone
 * numbers, and the errors a spec gets.
 */
class HackleMappingTests {

	@TempDir
	Path dir;

	@Test
	void propertiesAreSetSetOnceOrUnsetAsTheSpecSays() throws IOException {
		RowMapper mapper = mapper("""
				destination: { vendor: hackle, endpoint: properties }
				mapping:
				  fields: { userId: user_id }
				  properties:
				    fields:
				      grade: grade
				      points: { column: points, type: integer }
				      signupDate: { column: signup_date, operation: set-once }
				      nickname: { column: nickname, on-blank: unset }
				      legacyTier: { operation: unset }
				""");

		Accepted row = accepted(mapper.map(
				row("user_id", "u-1", "grade", "GOLD", "points", "1200", "signup_date", "2024-03-01", "nickname", "")));

		assertThat(row.properties()).containsExactlyInAnyOrderEntriesOf(Map.of("grade", "GOLD", "points", 1200L));
		assertThat(row.row().properties(PropertyOperation.SET_ONCE))
			.containsExactlyEntriesOf(Map.of("signupDate", "2024-03-01"));
		assertThat(row.row().properties(PropertyOperation.UNSET).keySet()).containsExactlyInAnyOrder("nickname",
				"legacyTier");
		// and the request Hackle gets
		String json = JsonMapper.builder().build().writeValueAsString(HackleVendor.properties(row.row()));
		assertThat(json).isEqualTo("{\"userId\":\"u-1\",\"operations\":{\"$set\":{\"grade\":\"GOLD\",\"points\":1200},"
				+ "\"$setOnce\":{\"signupDate\":\"2024-03-01\"},\"$unset\":{\"nickname\":\"-\",\"legacyTier\":\"-\"}}}");
	}

	@Test
	void aBlankValueLeavesHacklesValueAloneUnlessTheSpecSaysUnset() throws IOException {
		// nulls overwriting good values is what a reverse-ETL user fears most
		RowMapper mapper = mapper("""
				destination: { vendor: hackle, endpoint: properties }
				mapping:
				  fields: { userId: user_id }
				  properties:
				    columns: [city]
				    fields:
				      grade: grade
				""");

		Accepted row = accepted(mapper.map(row("user_id", "u-1", "grade", "", "city", "Seoul")));

		assertThat(row.properties()).containsExactlyEntriesOf(Map.of("city", "Seoul"));
		assertThat(row.row().properties(PropertyOperation.UNSET).keySet()).isEmpty();
		PropertiesRequest request = HackleVendor.properties(row.row());
		assertThat(JsonMapper.builder().build().writeValueAsString(request))
			.isEqualTo("{\"userId\":\"u-1\",\"operations\":{\"$set\":{\"city\":\"Seoul\"}}}");
	}

	@Test
	void aRowThatChangesNothingIsSkippedNotSent() throws IOException {
		RowMapper mapper = mapper("""
				destination: { vendor: hackle, endpoint: properties }
				mapping:
				  fields: { userId: user_id }
				  properties:
				    fields:
				      grade: grade
				""");

		assertThat(mapper.map(row("user_id", "u-1", "grade", " "))).isInstanceOf(Skipped.class);
	}

	@Test
	void propertiesNeedAUserOrADevice() throws IOException {
		RowMapper mapper = mapper("""
				destination: { vendor: hackle, endpoint: properties }
				mapping:
				  fields: { userId: user_id, deviceId: device_id }
				  properties: { columns: [grade] }
				""");

		assertThat(mapper.map(row("user_id", "", "device_id", "d-1", "grade", "GOLD"))).isInstanceOf(Accepted.class);
		Transformed neither = mapper.map(row("user_id", "", "device_id", "", "grade", "GOLD"));
		assertThat(neither).isInstanceOfSatisfying(Rejected.class, (rejected) -> {
			assertThat(rejected.reasonCode()).isEqualTo("MISSING_FIELD");
			assertThat(rejected.message()).contains("userId or deviceId");
		});
	}

	@ParameterizedTest
	@CsvSource({ "Y, SUBSCRIBED", "n, UNSUBSCRIBED", "true, SUBSCRIBED", "FALSE, UNSUBSCRIBED", "1, SUBSCRIBED",
			"0, UNSUBSCRIBED", "subscribed, SUBSCRIBED", "Unsubscribed, UNSUBSCRIBED" })
	void usualConsentSpellingsBecomeHacklesStatuses(String source, String sent) throws IOException {
		RowMapper mapper = mapper("""
				destination: { vendor: hackle, endpoint: sms-subscriptions }
				mapping:
				  fields: { userId: user_id, marketingSubscriptionStatus: sms_yn }
				""");

		Accepted row = accepted(mapper.map(row("user_id", "u-1", "sms_yn", source)));

		assertThat(HackleVendor.subscription(row.row())).isEqualTo(new SubscriptionRequest("u-1", null, sent, null));
	}

	@Test
	void anyOtherConsentValueIsRejectedNamingTheField() throws IOException {
		RowMapper mapper = mapper("""
				destination: { vendor: hackle, endpoint: push-subscriptions }
				mapping:
				  fields: { userId: user_id, marketingSubscriptionStatus: push_yn }
				""");

		assertThat(mapper.map(row("user_id", "u-1", "push_yn", "maybe"))).isInstanceOfSatisfying(Rejected.class,
				(rejected) -> {
					assertThat(rejected.reasonCode()).isEqualTo("BAD_VALUE");
					assertThat(rejected.message()).contains("marketingSubscriptionStatus")
						.contains("push_yn")
						.contains("[SUBSCRIBED, UNSUBSCRIBED]");
				});
	}

	@Test
	void theSpecCanSayWhichSourceValuesMeanWhat() throws IOException {
		RowMapper mapper = mapper(
				"""
						destination: { vendor: hackle, endpoint: kakao-subscriptions }
						mapping:
						  fields:
						    userId: user_id
						    informationSubscriptionStatus: { column: kakao, values: { agree: SUBSCRIBED, refuse: UNSUBSCRIBED } }
						""");

		assertThat(HackleVendor.subscription(accepted(mapper.map(row("user_id", "u-1", "kakao", "Agree"))).row()))
			.isEqualTo(new SubscriptionRequest("u-1", null, null, "SUBSCRIBED"));
		// the usual spellings no longer apply: the spec's list is the whole list
		assertThat(mapper.map(row("user_id", "u-1", "kakao", "Y"))).isInstanceOfSatisfying(Rejected.class,
				(rejected) -> assertThat(rejected.message()).contains("[agree, refuse]"));
	}

	@Test
	void aConsentWithoutAnyStatusIsRejected() throws IOException {
		RowMapper mapper = mapper("""
				destination: { vendor: hackle, endpoint: kakao-subscriptions }
				mapping:
				  fields: { userId: user_id, marketingSubscriptionStatus: kakao }
				""");

		assertThat(mapper.map(row("user_id", "u-1", "kakao", ""))).isInstanceOfSatisfying(Rejected.class,
				(rejected) -> assertThat(rejected.message()).contains("marketingSubscriptionStatus or"));
	}

	@Test
	void phoneNumbersGoInE164() throws IOException {
		RowMapper mapper = mapper("""
				destination: { vendor: hackle, endpoint: phone-numbers }
				mapping:
				  fields: { userId: user_id, phoneNumber: { column: phone, type: phone } }
				""");

		Accepted row = accepted(mapper.map(row("user_id", "u-1", "phone", "010-1234-5678")));

		assertThat(row.fields()).containsEntry("phoneNumber", "+821012345678");
		assertThat(row.masked()).doesNotContain("1234-5678").doesNotContain("12345678");
	}

	@Test
	void whenChoosesTheRowsOfADestination() throws IOException {
		JobSpec spec = load("""
				destinations:
				  - vendor: hackle
				    endpoint: phone-numbers
				    when: { column: phone, present: true }
				    mapping:
				      fields: { userId: user_id, phoneNumber: { column: phone, type: phone } }
				  - vendor: hackle
				    endpoint: phone-number-deletions
				    when: { column: phone, present: false }
				    mapping:
				      fields: { userId: user_id }
				""");
		RowMapper set = mapper(spec.targets().get(0));
		RowMapper delete = mapper(spec.targets().get(1));

		SourceRow withPhone = row("user_id", "u-1", "phone", "010-1234-5678");
		SourceRow without = row("user_id", "u-2", "phone", "");

		assertThat(set.map(withPhone)).isInstanceOf(Accepted.class);
		assertThat(delete.map(withPhone)).isInstanceOf(Skipped.class);
		assertThat(set.map(without)).isInstanceOf(Skipped.class);
		assertThat(delete.map(without)).isInstanceOf(Accepted.class);
	}

	@Test
	void operationsBelongToEndpointsWithPropertyOperations() {
		List<SpecError> errors = errors("""
				destination: { vendor: marketap, endpoint: profiles }
				mapping:
				  fields: { userId: user_id }
				  properties:
				    fields:
				      grade: { column: grade, operation: set-once, on-blank: unset }
				""");

		assertThat(errors).extracting(SpecError::path)
			.containsExactlyInAnyOrder("mapping.properties.fields.grade.operation",
					"mapping.properties.fields.grade.on-blank");
		assertThat(errors.get(0).message()).contains("marketap/profiles");
	}

	@Test
	void valuesMustLeadToStatusesHackleTakes() {
		List<SpecError> errors = errors("""
				destination: { vendor: hackle, endpoint: sms-subscriptions }
				mapping:
				  fields:
				    userId: { column: user_id, values: { a: b } }
				    marketingSubscriptionStatus: { column: sms, values: { Y: OPTED_IN } }
				""");

		assertThat(errors).extracting(SpecError::path)
			.containsExactlyInAnyOrder("mapping.fields.userId.values",
					"mapping.fields.marketingSubscriptionStatus.values.Y");
		assertThat(errors).extracting(SpecError::message)
			.anySatisfy((message) -> assertThat(message).contains("'OPTED_IN'").contains("SUBSCRIBED"));
	}

	@Test
	void destinationsAreOfOneVendorOncePerEndpointAndEachHasAMapping() {
		List<SpecError> errors = errors("""
				destinations:
				  - vendor: hackle
				    endpoint: sms-subscriptions
				    mapping: { fields: { userId: user_id, marketingSubscriptionStatus: sms } }
				  - vendor: hackle
				    endpoint: sms-subscriptions
				    mapping: { fields: { userId: user_id, marketingSubscriptionStatus: sms } }
				  - vendor: groobee
				    endpoint: personalizations
				  - vendor: hackle
				    endpoint: properties
				    when: { column: x }
				    mapping: { fields: { userId: user_id }, properties: { columns: [a] } }
				""");

		assertThat(errors).extracting(SpecError::path)
			.containsExactlyInAnyOrder("destinations.1.endpoint", "destinations.2.vendor", "destinations.2.mapping",
					"destinations.3.when");
		assertThat(errors).filteredOn((error) -> error.path().equals("destinations.1.endpoint"))
			.singleElement()
			.satisfies((error) -> assertThat(error.line()).isEqualTo(8));
	}

	@Test
	void theExampleSpecsInJobsAreValid() {
		for (String name : List.of("hackle-properties", "hackle-phone-numbers", "hackle-consents")) {
			JobSpec spec = new SpecLoader().load(Path.of("jobs", name + ".yml"));
			assertThat(spec.vendor()).isEqualTo("hackle");
		}
	}

	private RowMapper mapper(String body) throws IOException {
		return mapper(load(body).primary());
	}

	private static RowMapper mapper(DestinationSpec destination) {
		EndpointDescriptor endpoint = HackleEndpoints.ALL.stream()
			.filter((each) -> each.endpoint().equals(destination.endpoint()))
			.findFirst()
			.orElseThrow();
		return new RowMapper(destination, endpoint, java.time.ZoneId.of("Asia/Seoul"), "test",
				com.audiencesync.transform.FieldCipher.PREVIEW);
	}

	private JobSpec load(String body) {
		return new SpecLoader().load(write(body));
	}

	private List<SpecError> errors(String body) {
		return assertThatExceptionOfType(SpecException.class).isThrownBy(() -> new SpecLoader().load(write(body)))
			.actual()
			.errors();
	}

	private Path write(String body) {
		try {
			Path file = this.dir.resolve("hackle-test.yml");
			Files.writeString(file, "name: hackle-test\nsource: { type: file, path: x.csv, format: csv }\n" + body);
			return file;
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static Accepted accepted(Transformed result) {
		assertThat(result).isInstanceOf(Accepted.class);
		return (Accepted) result;
	}

	private static SourceRow row(String... keysAndValues) {
		Map<String, Object> values = new HashMap<>();
		for (int i = 0; i < keysAndValues.length; i += 2) {
			values.put(keysAndValues[i], keysAndValues[i + 1]);
		}
		return SourceRow.of("users.csv", 2, values);
	}

}
