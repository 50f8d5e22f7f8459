package com.audiencesync.destination.braze;

import java.util.LinkedHashMap;
import java.util.Map;

import com.audiencesync.source.SourceRow;
import com.audiencesync.spec.FieldSpec;
import com.audiencesync.spec.MappingSpec;
import com.audiencesync.transform.RowMapper;
import com.audiencesync.transform.Transformed;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Braze identifiers: exactly one a side, prioritization only and always with email or
 * phone.
 */
class BrazeEndpointsTests {

	static final String[] COLUMNS = { "mergeExternalId", "mergeAliasName", "mergeAliasLabel", "mergeEmail",
			"mergePhone", "mergePrioritization", "keepExternalId", "keepAliasName", "keepAliasLabel", "keepEmail",
			"keepPhone", "keepPrioritization" };

	/** Every field mapped from the column of its own name; phones as E.164. */
	static final RowMapper MAPPER = new RowMapper(new MappingSpec(fields(), null), BrazeEndpoints.USERS_MERGE);

	static Map<String, FieldSpec> fields() {
		Map<String, FieldSpec> fields = new LinkedHashMap<>();
		for (String column : COLUMNS) {
			String type = column.endsWith("Phone") ? "phone" : null;
			fields.put(column, new FieldSpec(column, null, type, null, null, null, null));
		}
		return fields;
	}

	static Transformed map(String... pairs) {
		Map<String, Object> values = new LinkedHashMap<>();
		for (int i = 0; i < pairs.length; i += 2) {
			values.put(pairs[i], pairs[i + 1]);
		}
		return MAPPER.map(SourceRow.of("merges.csv", 2, values));
	}

	@Test
	void everyIdentifierKindIsAccepted() {
		assertThat(map("mergeExternalId", "old-1", "keepExternalId", "new-1")).isInstanceOf(Transformed.Accepted.class);
		assertThat(map("mergeAliasName", "a@x.io", "mergeAliasLabel", "email", "keepExternalId", "new-1"))
			.isInstanceOf(Transformed.Accepted.class);
		assertThat(map("mergeEmail", "a@x.io", "mergePrioritization", "unidentified,most_recently_updated", "keepEmail",
				"b@x.io", "keepPrioritization", "identified most_recently_updated"))
			.isInstanceOf(Transformed.Accepted.class);
		Transformed phone = map("mergePhone", "010-1234-5678", "mergePrioritization", "unidentified", "keepExternalId",
				"new-1");
		assertThat(phone).isInstanceOfSatisfying(Transformed.Accepted.class,
				(accepted) -> assertThat(accepted.fields()).containsEntry("mergePhone", "+821012345678"));
	}

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|', value = {
			"two identifiers on one side|mergeExternalId=old,mergeEmail=a@x.io,mergePrioritization=identified,keepExternalId=new|identifier_to_merge: exactly one of external_id, user_alias, email or phone is needed, found external_id and email",
			"no identifier on a side|mergeExternalId=old|identifier_to_keep: exactly one of external_id, user_alias, email or phone is needed, found none",
			"email without prioritization|mergeEmail=a@x.io,keepExternalId=new|identifier_to_merge: email needs mergePrioritization",
			"identified and unidentified|mergeExternalId=old,keepPhone=01012345678,keepPrioritization=identified unidentified|identifier_to_keep: prioritization cannot hold both identified and unidentified",
			"unknown prioritization|mergeExternalId=old,keepEmail=b@x.io,keepPrioritization=newest|identifier_to_keep: prioritization 'newest' is not one of",
			"repeated prioritization|mergeExternalId=old,keepEmail=b@x.io,keepPrioritization=identified identified|identifier_to_keep: prioritization repeats a value",
			"alias without label|mergeAliasName=someone,keepExternalId=new|identifier_to_merge: user_alias needs both mergeAliasName and mergeAliasLabel",
			"not an email|mergeEmail=not-an-email,mergePrioritization=identified,keepExternalId=new|identifier_to_merge: mergeEmail is not an email address" })
	void invalidIdentifiersAreRejectedWithAReason(String why, String values, String message) {
		String[] pairs = values.replace('=', ',').split(",");

		Transformed result = map(pairs);

		assertThat(result).isInstanceOfSatisfying(Transformed.Rejected.class, (rejected) -> {
			assertThat(rejected.reasonCode()).isEqualTo("BAD_IDENTIFIER");
			assertThat(rejected.message()).startsWith(message).doesNotContain("a@x.io").doesNotContain("b@x.io");
		});
	}

	@Test
	void aPrioritizationBesideAnExternalIdIsNotAnError() {
		assertThat(map("mergeExternalId", "old", "mergePrioritization", "identified", "keepExternalId", "new"))
			.isInstanceOf(Transformed.Accepted.class);
	}

	@Test
	void aPhoneThatIsNotAPhoneIsRejectedBeforeTheIdentifierRule() {
		assertThat(map("mergePhone", "12345", "mergePrioritization", "unidentified", "keepExternalId", "new"))
			.isInstanceOfSatisfying(Transformed.Rejected.class,
					(rejected) -> assertThat(rejected.reasonCode()).isEqualTo("BAD_PHONE"));
	}

}
