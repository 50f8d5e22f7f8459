package com.audiencesync.transform;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.audiencesync.TestExtracts;
import com.audiencesync.source.Columns;
import com.audiencesync.source.SourceRow;
import com.audiencesync.spec.JobSpec;
import com.audiencesync.spec.SpecLoader;
import com.audiencesync.spec.Spelling;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class ColumnCheckTests {

	@TempDir
	Path dir;

	@Test
	void everyMappedColumnIsCheckedWithTheKeysThatMapIt() {
		ColumnCheck check = ColumnCheck.of(spec("""
				mapping:
				  fields:
				    memberId: member_id
				    phoneNumber: { column: phone, type: phone }
				  properties:
				    columns: [name, grdae]
				    prefix: attr_
				    fields:
				      points: { column: points, type: integer, required: false }
				      city: { column: addr.city, default: Seoul }
				      source: { constant: crm }
				"""));

		assertThat(check.columns()).containsExactly("member_id", "phone", "name", "grdae", "points", "addr.city");
		// an optional field is checked too: a typo is a typo
		assertThat(check.against(header("member_id", "phone", "name", "grade", "addr", "point")).orElseThrow().lines())
			.containsExactly(
					"members.csv: column 'grdae' (mapping.properties.columns) is not in its header: did you mean "
							+ "'grade'?",
					"members.csv: column 'points' (mapping.properties.fields.points) is not in its header: did you "
							+ "mean 'point'?");
	}

	@Test
	void eachDestinationAndItsWhenAreChecked(@TempDir Path dir) {
		Path spec = TestExtracts.write(dir.resolve("consents.yml"), """
				name: consents
				source: { type: file, path: users.csv, format: csv }
				destinations:
				  - vendor: hackle
				    endpoint: push-subscriptions
				    mapping:
				      fields:
				        userId: user_id
				        deviceId: device_id
				        marketingSubscriptionStatus: push_marketing
				  - vendor: hackle
				    endpoint: sms-subscriptions
				    when: { column: usr_id, present: true }
				    mapping:
				      fields:
				        userId: user_id
				        marketingSubscriptionStatus: sms_marketing
				""");
		ColumnCheck check = ColumnCheck.of(new SpecLoader().load(spec));

		ColumnCheck.Missing missing = check.against(header("user_id", "device_id", "push_marketing", "sms_marketing"))
			.orElseThrow();

		assertThat(missing.message()).isEqualTo("members.csv: column 'usr_id' (destinations.1.when.column) is not "
				+ "in its header: did you mean 'user_id'?");
	}

	@Test
	void aHeaderIsMatchedExactlyAndATableWithoutRegardToCase() {
		ColumnCheck check = ColumnCheck.of(groobee("[grade]"));

		assertThat(check.against(header("member_id", "phone", "Grade")).orElseThrow().lines())
			.containsExactly("members.csv: column 'grade' (mapping.properties.columns) is not in its header: did "
					+ "you mean 'Grade'?");
		assertThat(check
			.against(new Columns("table members", "among its columns", List.of("MEMBER_ID", "PHONE", "GRADE"), true)))
			.isEmpty();
	}

	@Test
	void aNestedPathNeedsItsFirstSegmentInAHeader() {
		ColumnCheck check = ColumnCheck.of(groobee("[addr.city]"));

		assertThat(check.against(header("member_id", "phone", "addr"))).isEmpty();
		assertThat(check.against(header("member_id", "phone", "adr")).orElseThrow().message()).endsWith(
				"column 'addr.city' (mapping.properties.columns) is not in its header: did you mean " + "'adr.city'?");
	}

	@Test
	void withoutACloseNameTheNamesThereAreListed() {
		ColumnCheck check = ColumnCheck.of(groobee("[loyalty_tier]"));

		assertThat(check.against(header("member_id", "phone", "grade")).orElseThrow().message())
			.isEqualTo("members.csv: column 'loyalty_tier' (mapping.properties.columns) is not in its header (it "
					+ "has member_id, phone, grade)");
	}

	@Test
	void rowsShowAKeyWhenAnyOfThemHasIt() {
		ColumnCheck check = ColumnCheck.of(groobee("[grade, addr.city]"));
		ColumnCheck.Sample sample = check.sample();

		sample.add(row(Map.of("member_id", "m-1", "phone", "010", "addr", Map.of("city", "Seoul"))));
		sample.add(SourceRow.unreadable("members.jsonl", 2, "BAD_JSON", "not valid JSON (column 3)"));
		sample.add(row(Map.of("member_id", "m-2", "phone", "010", "grdae", "GOLD")));

		assertThat(sample.missing().orElseThrow().lines())
			.containsExactly("members.jsonl: column 'grade' (mapping.properties.columns) is not in any of its first "
					+ "3 rows: did you mean 'grdae'?");
		Map<String, Object> nulls = new HashMap<>();
		nulls.put("member_id", "m-3");
		nulls.put("phone", null);
		nulls.put("grade", null);
		nulls.put("addr", null);
		sample.add(row(nulls));
		assertThat(sample.missing()).as("a null value is not a missing key").isEmpty();
	}

	@Test
	void rowsThatCannotBeParsedSayNothing() {
		ColumnCheck.Sample sample = ColumnCheck.of(groobee("[grade]")).sample();

		sample.add(SourceRow.unreadable("members.jsonl", 1, "BAD_JSON", "not valid JSON (column 3)"));

		assertThat(sample.missing()).isEmpty();
	}

	@Test
	void closeNamesAreAFewEditsOrACaseOrSeparatorAway() {
		assertThat(Spelling.distance("grdae", "grade")).isEqualTo(1);
		assertThat(Spelling.distance("member_idd", "member_id")).isEqualTo(1);
		assertThat(Spelling.distance("memberId", "member_id")).isZero();
		assertThat(Spelling.distance("PHONE", "phone")).isZero();
		assertThat(ColumnCheck.hint("nme", List.of("member_id", "phone", "name"))).isEqualTo("name");
		assertThat(ColumnCheck.hint("id", List.of("phone", "name"))).isNull();
		assertThat(ColumnCheck.hint("lastorder", List.of("last_order_at", "last_order"))).isEqualTo("last_order");
	}

	private JobSpec groobee(String columns) {
		return spec("""
				mapping:
				  fields:
				    memberId: member_id
				    phoneNumber: { column: phone, type: phone }
				  properties:
				    columns: %s
				""".formatted(columns));
	}

	private JobSpec spec(String mapping) {
		Path file = TestExtracts.write(this.dir.resolve("members.yml"), """
				name: members
				source: { type: file, path: members.csv, format: csv }
				%sdestination: { vendor: groobee, endpoint: personalizations }
				""".formatted(mapping));
		return new SpecLoader().load(file);
	}

	private static Columns header(String... names) {
		return new Columns("members.csv", "in its header", List.of(names), false);
	}

	private static SourceRow row(Map<String, Object> values) {
		return SourceRow.of("members.jsonl", 1, values);
	}

}
