package com.audiencesync.transform;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.audiencesync.destination.EndpointDescriptor;
import com.audiencesync.destination.Vendors;
import com.audiencesync.source.SourceRow;
import com.audiencesync.spec.FieldSpec;
import com.audiencesync.spec.MappingSpec;
import com.audiencesync.spec.PropertiesSpec;
import com.audiencesync.transform.Transformed.Accepted;
import com.audiencesync.transform.Transformed.Rejected;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RowMapperTests {

	private static final EndpointDescriptor PERSONALIZATIONS = Vendors.endpoint("groobee", "personalizations")
		.orElseThrow();

	private static final Map<String, FieldSpec> KEY_FIELDS = Map.of("memberId", column("member_id"), "phoneNumber",
			typed("phone", "phone"));

	@Test
	void acceptedRowHasDashedPhoneAndTypedProperties() {
		// given
		Map<String, FieldSpec> props = new LinkedHashMap<>();
		props.put("points", typed("points", "integer"));
		props.put("ratio", typed("ratio", "decimal"));
		props.put("optIn", typed("opt_in", "boolean"));
		props.put("vip", typed("vip", "boolean"));
		props.put("city", column("address.city"));
		RowMapper mapper = mapper(new PropertiesSpec(List.of("name", "grade"), props, null, null));
		Map<String, Object> values = new HashMap<>();
		values.put("member_id", "M0001");
		values.put("phone", "010 1234 5678");
		values.put("name", "Kim Minsu");
		values.put("grade", "GOLD");
		values.put("points", "1200");
		values.put("ratio", "0.25");
		values.put("opt_in", "Y");
		values.put("vip", "0");
		values.put("address", Map.of("city", "Seoul"));

		// when
		Transformed result = mapper.map(SourceRow.of("members.csv", 7, values));

		// then
		assertThat(result).isInstanceOf(Accepted.class);
		Accepted accepted = (Accepted) result;
		assertThat(accepted.fields())
			.containsExactlyInAnyOrderEntriesOf(Map.of("memberId", "M0001", "phoneNumber", "010-1234-5678"));
		assertThat(accepted.properties()).containsEntry("name", "Kim Minsu")
			.containsEntry("grade", "GOLD")
			.containsEntry("points", 1200L)
			.containsEntry("ratio", new BigDecimal("0.25"))
			.containsEntry("optIn", true)
			.containsEntry("vip", false)
			.containsEntry("city", "Seoul")
			.hasSize(7);
		assertThat(accepted.origin().where()).isEqualTo("members.csv:7");
	}

	@Test
	void booleansTakeTheUsualSpellings() {
		RowMapper mapper = mapper(new PropertiesSpec(null, Map.of("b", typed("b", "boolean")), null, null));

		for (String yes : List.of("true", "Y", "yes", "1", "TRUE")) {
			assertThat(accepted(mapper.map(member(Map.of("b", yes)))).properties()).as(yes).containsEntry("b", true);
		}
		for (String no : List.of("false", "n", "NO", "0")) {
			assertThat(accepted(mapper.map(member(Map.of("b", no)))).properties()).as(no).containsEntry("b", false);
		}
		assertThat(accepted(mapper.map(member(Map.of("b", true)))).properties()).containsEntry("b", true);
		assertThat(rejected(mapper.map(member(Map.of("b", "maybe")))).reasonCode()).isEqualTo("BAD_TYPE");
	}

	@Test
	void prefixedColumnsBecomePropertiesWithThePrefixStripped() {
		RowMapper mapper = mapper(new PropertiesSpec(null, null, "p_", null));

		Accepted accepted = accepted(mapper.map(member(Map.of("p_grade", "GOLD", "p_city", "Seoul", "other", "x"))));

		assertThat(accepted.properties()).containsOnly(Map.entry("grade", "GOLD"), Map.entry("city", "Seoul"));
	}

	@Test
	void prefixedColumnsKeepThePrefixWhenAsked() {
		RowMapper mapper = mapper(new PropertiesSpec(null, null, "p_", false));

		Accepted accepted = accepted(mapper.map(member(Map.of("p_grade", "GOLD", "other", "x"))));

		assertThat(accepted.properties()).containsOnly(Map.entry("p_grade", "GOLD"));
	}

	@Test
	void constantsAndDefaults() {
		// given
		Map<String, FieldSpec> fields = Map.of("memberId", new FieldSpec(null, "M-FIXED", null, null, null, null, null),
				"phoneNumber", new FieldSpec("phone", null, "phone", null, null, "010-0000-1111", null));
		Map<String, FieldSpec> props = Map.of("source", new FieldSpec(null, "crm", null, null, null, null, null),
				"points", new FieldSpec("points", null, "integer", null, null, "0", null));
		RowMapper mapper = new RowMapper(new MappingSpec(fields, new PropertiesSpec(null, props, null, null)),
				PERSONALIZATIONS);

		// when
		Accepted accepted = accepted(mapper.map(row(Map.of("phone", " ", "points", ""))));

		// then
		assertThat(accepted.fields()).containsEntry("memberId", "M-FIXED")
			.containsEntry("phoneNumber", "010-0000-1111");
		assertThat(accepted.properties()).containsEntry("source", "crm").containsEntry("points", 0L);
	}

	@Test
	void aRowsIdIsTheNameBasedUuidOfItsRunFileAndLineAsEveryVersionMadeIt() {
		// an event's derived id is sent to the vendor: a restart on a newer version must
		// give the same line the same id
		RowMapper mapper = mapper(new PropertiesSpec(null, null, null, null));

		Accepted first = accepted(mapper.map(row(Map.of("member_id", "M1", "phone", "010-1234-5678"))));
		Accepted again = accepted(mapper.map(row(Map.of("member_id", "M2", "phone", "010-1234-5679"))));

		assertThat(first.rowId()).isEqualTo("c9b0008b-adfa-39a7-b1cc-a46c27519578")
			.isEqualTo(again.rowId())
			.isEqualTo(UUID.nameUUIDFromBytes("|members.csv|7".getBytes(StandardCharsets.UTF_8)).toString());
	}

	@Test
	void e164FormatOnTheFieldOverridesTheEndpointsDashedForm() {
		Map<String, FieldSpec> fields = Map.of("memberId", column("member_id"), "phoneNumber",
				new FieldSpec("phone", null, "phone", "e164", null, null, null));
		RowMapper mapper = new RowMapper(new MappingSpec(fields, new PropertiesSpec(null, null, null, null)),
				PERSONALIZATIONS);

		Accepted accepted = accepted(mapper.map(row(Map.of("member_id", "M1", "phone", "010-1234-5678"))));

		assertThat(accepted.fields()).containsEntry("phoneNumber", "+821012345678");
	}

	@Test
	void missingRequiredFieldNamesFieldAndColumn() {
		RowMapper mapper = mapper(new PropertiesSpec(null, null, null, null));

		Rejected rejected = rejected(mapper.map(row(Map.of("member_id", "", "phone", "010-1234-5678"))));

		assertThat(rejected.reasonCode()).isEqualTo("MISSING_FIELD");
		assertThat(rejected.message()).contains("memberId").contains("column 'member_id'").contains("missing or blank");
		assertThat(rejected.origin().where()).isEqualTo("members.csv:7");
	}

	@Test
	void missingRequiredPropertyIsRejected() {
		RowMapper mapper = mapper(new PropertiesSpec(null,
				Map.of("grade", new FieldSpec("grade", null, null, null, true, null, null)), null, null));

		Rejected rejected = rejected(mapper.map(row(Map.of("member_id", "M1", "phone", "010-1234-5678"))));

		assertThat(rejected.reasonCode()).isEqualTo("MISSING_FIELD");
		assertThat(rejected.message()).contains("properties.grade").contains("column 'grade'");
	}

	@Test
	void badPhoneIsRejectedWithThePhoneMasked() {
		RowMapper mapper = mapper(new PropertiesSpec(null, null, null, null));

		Rejected rejected = rejected(mapper.map(row(Map.of("member_id", "M1", "phone", "010-98765"))));

		assertThat(rejected.reasonCode()).isEqualTo("BAD_PHONE");
		assertThat(rejected.message()).contains("phoneNumber")
			.contains("column 'phone'")
			.contains("***-***65")
			.doesNotContain("987")
			.doesNotContain("010");
	}

	@Test
	void badIntegerIsRejectedWithoutEchoingTheValue() {
		RowMapper mapper = mapper(new PropertiesSpec(null, Map.of("points", typed("points", "integer")), null, null));

		Rejected rejected = rejected(
				mapper.map(row(Map.of("member_id", "M1", "phone", "010-1234-5678", "points", "12x34"))));

		assertThat(rejected.reasonCode()).isEqualTo("BAD_TYPE");
		assertThat(rejected.message()).contains("properties.points").contains("not an integer").doesNotContain("12x34");
	}

	@Test
	void fractionalIntegerIsRejected() {
		RowMapper mapper = mapper(new PropertiesSpec(null, Map.of("points", typed("points", "integer")), null, null));

		Rejected rejected = rejected(
				mapper.map(row(Map.of("member_id", "M1", "phone", "010-1234-5678", "points", 12.5))));

		assertThat(rejected.reasonCode()).isEqualTo("BAD_TYPE");
	}

	@Test
	void objectForAStringFieldIsRejected() {
		RowMapper mapper = mapper(new PropertiesSpec(null, null, null, null));

		Rejected rejected = rejected(
				mapper.map(row(Map.of("member_id", Map.of("id", "M1"), "phone", "010-1234-5678"))));

		assertThat(rejected.reasonCode()).isEqualTo("BAD_TYPE");
		assertThat(rejected.message()).contains("memberId").contains("object or array");
	}

	@Test
	void unreadableRowKeepsItsReason() {
		RowMapper mapper = mapper(new PropertiesSpec(null, null, null, null));
		SourceRow unreadable = SourceRow.unreadable("members.csv", 9, "BAD_CSV", "expected 3 columns, found 2");

		Rejected rejected = rejected(mapper.map(unreadable));

		assertThat(rejected.reasonCode()).isEqualTo("BAD_CSV");
		assertThat(rejected.message()).isEqualTo("expected 3 columns, found 2");
		assertThat(rejected.origin().where()).isEqualTo("members.csv:9");
	}

	@Test
	void maskedJsonHoldsNoPhoneAndOnlyPropertyNames() {
		RowMapper mapper = mapper(
				new PropertiesSpec(List.of("name"), Map.of("points", typed("points", "integer")), null, null));

		Accepted accepted = accepted(mapper
			.map(row(Map.of("member_id", "M0001", "phone", "01012345678", "name", "Kim Minsu", "points", "1200"))));

		assertThat(accepted.masked()).contains("\"phoneNumber\":\"***-****-**78\"")
			.contains("\"properties\":[")
			.contains("\"name\"", "\"points\"")
			.doesNotContain("1234")
			.doesNotContain("Kim")
			.doesNotContain("1200")
			.doesNotContain("M0001");
	}

	private static RowMapper mapper(PropertiesSpec properties) {
		return new RowMapper(new MappingSpec(KEY_FIELDS, properties), PERSONALIZATIONS);
	}

	private static SourceRow row(Map<String, Object> values) {
		return SourceRow.of("members.csv", 7, values);
	}

	/** A row with the required key columns and the given others. */
	private static SourceRow member(Map<String, Object> others) {
		Map<String, Object> values = new HashMap<>(others);
		values.put("member_id", "M1");
		values.put("phone", "010-1234-5678");
		return row(values);
	}

	private static Accepted accepted(Transformed result) {
		assertThat(result).isInstanceOf(Accepted.class);
		return (Accepted) result;
	}

	private static Rejected rejected(Transformed result) {
		assertThat(result).isInstanceOf(Rejected.class);
		return (Rejected) result;
	}

	private static FieldSpec column(String column) {
		return new FieldSpec(column, null, null, null, null, null, null);
	}

	private static FieldSpec typed(String column, String type) {
		return new FieldSpec(column, null, type, null, null, null, null);
	}

}
