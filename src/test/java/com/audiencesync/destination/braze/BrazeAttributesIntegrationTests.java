package com.audiencesync.destination.braze;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.audiencesync.JobTest;
import com.audiencesync.TestExtracts;
import com.audiencesync.batch.launch.RunOutcome;
import com.audiencesync.batch.launch.RunOutcome.Kind;
import com.audiencesync.batch.reports.RunReport;
import com.audiencesync.destination.braze.emulator.BrazeEmulator;
import com.audiencesync.destination.emulator.StoredRecord;
import com.audiencesync.spec.JobSpec;
import com.audiencesync.spec.SpecLoader;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * users/track attributes end to end against the emulator: 20,000 users, a tenth of them
 * refused by Braze within requests it otherwise took (its {@code errors} by index) and
 * answers of 503 on the way, end equal to the source once Braze takes them; a next night
 * with 1% changed sends exactly those users; nested values and
 * {@code _update_existing_only} arrive as Braze reads them.
 */
class BrazeAttributesIntegrationTests extends JobTest {

	private static final int USERS = 20_000;

	@Override
	protected String vendor() {
		return "braze";
	}

	static BrazeEmulator braze() {
		return sandbox.emulator("braze", BrazeEmulator.class);
	}

	@Test
	void twentyThousandUsersWithATenthRefusedEndEqualToTheSourceAndANextNightSendsOnlyTheChanged() {
		String[] tiers = new String[USERS];
		java.util.Arrays.fill(tiers, "gold");
		JobSpec spec = spec(write(tiers));
		for (int i = 0; i < USERS; i += 10) {
			braze().reject("u-" + i);
		}
		braze().failNextWithHttpStatus(3, 503, "0");

		// when the first night runs, Braze refusing a tenth of the users by index
		RunOutcome first = this.launcher.run(spec, DATE, this.options);

		// then every other user is delivered in requests of 75 (ten a chunk of 750), the
		// refused recorded with Braze's words, and no request was split to find them
		assertThat(first.kind()).as(first.message()).isEqualTo(Kind.COMPLETED);
		assertThat(first.report().delivered()).isEqualTo(USERS - USERS / 10);
		assertThat(first.report().rejected()).isEqualTo(USERS / 10);
		assertThat(braze().maxBatchSizeSeen()).isEqualTo(75);
		assertThat(first.report().requests()).isEqualTo((USERS + 74) / 75 + 3);
		assertThat(this.jdbc.queryForObject("SELECT MESSAGE FROM AS_REJECTED_ROW WHERE JOB_NAME = ? AND POSITION = 2",
				String.class, spec.name()))
			.isEqualTo("user cannot be updated");
		assertThat(braze().records()).hasSize(USERS - USERS / 10);
		// two attributes a user: its tier and its points
		assertThat(first.report().points()).isEqualTo(new RunReport.DataPoints(2 * (USERS - USERS / 10), 0));

		// when Braze takes them again and the next night runs, then it sends exactly the
		// users it refused, and Braze holds the source
		braze().clearFaults();
		int requests = braze().requestCount();
		RunOutcome second = this.launcher.run(spec, DATE.plusDays(1), this.options);
		assertThat(second.kind()).as(second.message()).isEqualTo(Kind.COMPLETED);
		assertThat(second.report().delivered()).isEqualTo(USERS / 10);
		assertThat(braze().requestCount() - requests).isEqualTo((USERS / 10 + 74) / 75);
		assertThat(second.report().points())
			.isEqualTo(new RunReport.DataPoints(2 * (USERS / 10), 2 * (USERS - USERS / 10)));
		assertHolds(tiers);

		// when 1% of the users change, then the next night sends exactly those
		for (int i = 3; i < USERS; i += 100) {
			tiers[i] = "silver";
		}
		write(tiers);
		RunOutcome third = this.launcher.run(spec, DATE.plusDays(2), this.options);
		assertThat(third.report().delivered()).isEqualTo(USERS / 100);
		assertThat(third.report().unchanged()).isEqualTo(USERS - USERS / 100);
		// what change detection saved, in what Braze bills
		assertThat(third.report().points())
			.isEqualTo(new RunReport.DataPoints(2 * (USERS / 100), 2 * (USERS - USERS / 100)));
		assertHolds(tiers);
		assertThat(braze().records().get("external_id:u-3").deliveries()).isEqualTo(2);
		assertThat(braze().records().get("external_id:u-4").deliveries()).isEqualTo(1);
	}

	@Test
	void nestedValuesAndUpdateExistingOnlyArriveAsBrazeReadsThem() {
		Path data = TestExtracts.write(this.dir.resolve("nested/users.jsonl"),
				"""
						{"id": "u-1", "tier": "gold", "pets": [{"name": "Bo", "kind": "dog"}], "address": {"city": "Seoul"}, "only": false}
						{"id": "u-2", "tier": "gold", "pets": [], "address": {"city": "Busan"}, "only": true}
						""");
		String name = "braze-nested-" + UUID.randomUUID().toString().substring(0, 8);
		JobSpec spec = new SpecLoader().load(TestExtracts.write(this.dir.resolve(name + ".yml"), """
				name: %s
				source: { type: file, path: %s, format: jsonl }
				mapping:
				  fields:
				    externalId: id
				    updateExistingOnly: { column: only, type: boolean }
				  properties:
				    fields:
				      tier: tier
				      pets: { column: pets, type: json }
				      address: { column: address, type: json }
				destination: { vendor: braze, endpoint: attributes }
				""".formatted(name, data.getParent())));

		RunOutcome outcome = this.launcher.run(spec, DATE, this.options);

		// then u-1 is created with its nested attributes, and u-2, unknown to Braze and
		// sent update-only, is not
		assertThat(outcome.kind()).as(outcome.message()).isEqualTo(Kind.COMPLETED);
		assertThat(outcome.report().delivered()).isEqualTo(2);
		// a nested object's keys count one each, an array one: tier, pets, address.city
		assertThat(outcome.report().points().sent()).isEqualTo(6);
		assertThat(braze().records()).containsOnlyKeys("external_id:u-1");
		assertThat(braze().records().get("external_id:u-1").properties()).containsEntry("tier", "gold")
			.containsEntry("pets", List.of(Map.of("name", "Bo", "kind", "dog")))
			.containsEntry("address", Map.of("city", "Seoul"));
	}

	@Test
	void arraysTakeAddsAndRemovesAndARemoveOfObjectsIsRejectedBeforeAnyRequest() {
		Path adds = TestExtracts.write(this.dir.resolve("arrays-add/users.jsonl"), """
				{"id": "u-1", "topics": ["news", "sale"], "pets": [{"name": "Bo"}]}
				{"id": "u-2", "topics": "news", "pets": []}
				""");
		JobSpec adding = arraySpec(adds, "topics: { column: topics, type: json, operation: add }",
				"pets: { column: pets, type: json, operation: add }");

		// when a job that adds to arrays runs
		RunOutcome first = this.launcher.run(adding, DATE, this.options);

		// then u-1's values and objects are added, and u-2's one value
		assertThat(first.kind()).as(first.message()).isEqualTo(Kind.COMPLETED);
		assertThat(first.report().delivered()).isEqualTo(2);
		assertThat(braze().records().get("external_id:u-1").properties())
			.containsEntry("topics", List.of("news", "sale"))
			.containsEntry("pets", List.of(Map.of("name", "Bo")));
		assertThat(braze().records().get("external_id:u-2").properties()).containsEntry("topics", List.of("news"));

		// when u-1 adds another topic the next night, u-2 unchanged, then only u-1 is
		// sent and its array grows
		TestExtracts.write(adds.getParent().resolve("users.jsonl"), """
				{"id": "u-1", "topics": ["vip"], "pets": []}
				{"id": "u-2", "topics": "news", "pets": []}
				""");
		RunOutcome next = this.launcher.run(adding, DATE.plusDays(1), this.options);
		assertThat(next.report().delivered()).isEqualTo(1);
		assertThat(braze().records().get("external_id:u-1").properties()).containsEntry("topics",
				List.of("news", "sale", "vip"));
		assertThat(braze().records().get("external_id:u-2").deliveries()).isEqualTo(1);

		// when a job removes topics, one row naming objects to remove
		Path removes = TestExtracts.write(this.dir.resolve("arrays-remove/users.jsonl"), """
				{"id": "u-1", "gone": ["news"], "gone_pets": [{"name": "Bo"}]}
				{"id": "u-2", "gone": [], "gone_pets": [{"name": "Bo", "kind": "dog"}]}
				""");
		RunOutcome removed = this.launcher
			.run(arraySpec(removes, "topics: { column: gone, type: json, operation: remove }",
					"pets: { column: gone_pets, type: json, operation: remove }"), DATE, this.options);

		// then u-1's topic is removed, and its pet by its name; u-2's row, which names an
		// object by two keys, is rejected before any request, naming the property
		assertThat(removed.report().delivered()).isEqualTo(1);
		assertThat(removed.report().reasons()).singleElement()
			.satisfies((reason) -> assertThat(reason.sample()).contains("'pets' (remove) holds an object of more"));
		assertThat(braze().records().get("external_id:u-1").properties())
			.containsEntry("topics", List.of("sale", "vip"))
			.containsEntry("pets", List.of());
		assertThat(braze().records().get("external_id:u-2").properties()).containsEntry("topics", List.of("news"));

		// and a spec that asks Braze for an operation it lacks fails to load, naming them
		assertThatThrownBy(() -> arraySpec(removes, "topics: { column: gone, operation: set-once }"))
			.hasMessageContaining("'set-once' is not one of [add, remove, set] for braze/attributes");
	}

	private JobSpec arraySpec(Path data, String... properties) {
		String name = "braze-arrays-" + UUID.randomUUID().toString().substring(0, 8);
		return new SpecLoader().load(TestExtracts.write(this.dir.resolve(name + ".yml"), """
				name: %s
				source: { type: file, path: %s, format: jsonl }
				mapping:
				  fields:
				    externalId: id
				  properties:
				    fields:
				%s
				destination: { vendor: braze, endpoint: attributes }
				skip: { limit: 5 }
				""".formatted(name, data.getParent(),
				String.join("\n", java.util.Arrays.stream(properties).map((p) -> "      " + p).toList()))));
	}

	@Test
	void aMirrorDeletesExactlyTheUsersGoneFromTheSourceAndRefusesAboveTheRatio() {
		String[] tiers = new String[200];
		java.util.Arrays.fill(tiers, "gold");
		Path data = write(tiers);
		String name = "braze-mirror-" + UUID.randomUUID().toString().substring(0, 8);
		JobSpec spec = new SpecLoader().load(TestExtracts.write(this.dir.resolve(name + ".yml"), """
				name: %s
				source: { type: file, path: %s, format: csv }
				mapping:
				  fields:
				    externalId: user_id
				  properties:
				    fields:
				      tier: tier
				destination: { vendor: braze, endpoint: attributes, mode: mirror }
				""".formatted(name, data.getParent())));
		assertThat(this.launcher.run(spec, DATE, this.options).kind()).isEqualTo(Kind.COMPLETED);
		assertThat(braze().records()).hasSize(200);

		// when ten users are gone from the next extract
		StringBuilder csv = new StringBuilder("user_id,tier,points\n");
		for (int i = 10; i < 200; i++) {
			csv.append("u-").append(i).append(",gold,").append(i).append('\n');
		}
		TestExtracts.write(data, csv.toString());
		RunOutcome mirrored = this.launcher.run(spec, DATE.plusDays(1), this.options);

		// then users/delete is asked for exactly those, and nothing else is sent
		assertThat(mirrored.kind()).as(mirrored.message()).isEqualTo(Kind.COMPLETED);
		assertThat(braze().deletions()).containsExactlyInAnyOrderElementsOf(
				java.util.stream.IntStream.range(0, 10).mapToObj((i) -> "external_id:u-" + i).toList());
		assertThat(braze().records()).hasSize(190).doesNotContainKey("external_id:u-0");
		assertThat(mirrored.report().delivered()).isZero();

		// when the next extract holds a fifth of them, then the night stops before
		// anything is sent or deleted
		TestExtracts.write(data, csv.substring(0, csv.indexOf("u-50,")));
		int requests = braze().requestCount();
		RunOutcome refused = this.launcher.run(spec, DATE.plusDays(2), this.options);
		assertThat(refused.kind()).isEqualTo(Kind.FAILED);
		assertThat(refused.report().exitMessage()).contains("--allow-mass-delete");
		assertThat(braze().requestCount()).isEqualTo(requests);
		assertThat(braze().records()).hasSize(190);
	}

	@Test
	void eventsResentAfterAFailureAreAtMostAChunkAndCarryTheSameAudienceSyncId() {
		StringBuilder csv = new StringBuilder("user_id,event,at,amount\n");
		for (int i = 0; i < 3_000; i++) {
			csv.append("u-")
				.append(i % 700)
				.append(",purchase_done,2026-11-22 10:")
				.append(String.format("%02d", i % 60))
				.append(":00,")
				.append(i)
				.append('\n');
		}
		Path data = TestExtracts.write(this.dir.resolve("events/orders.csv"), csv.toString());
		String name = "braze-events-" + UUID.randomUUID().toString().substring(0, 8);
		JobSpec spec = new SpecLoader().load(BrazeSpecs.events(this.dir, name, data.getParent(), "chunk: 150"));

		// when Braze fails for good after 1,000 events, and the date runs again
		braze().failAfterItems(1_000, 503);
		assertThat(this.launcher.run(spec, DATE, this.options).kind()).isEqualTo(Kind.FAILED);
		braze().clearFaults();
		RunOutcome again = this.launcher.run(spec, DATE, this.options);

		// then every event arrived, at most a chunk of them twice, each twice with the
		// same _audience_sync_id, in the business zone's time
		assertThat(again.kind()).as(again.message()).isEqualTo(Kind.COMPLETED);
		List<Map<String, Object>> events = braze().events();
		Map<Object, Long> byId = events.stream()
			.collect(java.util.stream.Collectors.groupingBy(
					(event) -> ((Map<?, ?>) event.get("properties")).get("_audience_sync_id"),
					java.util.stream.Collectors.counting()));
		assertThat(byId).hasSize(3_000);
		// an event is a data point, counted once though a chunk of them went twice
		assertThat(again.report().points()).isEqualTo(new RunReport.DataPoints(3_000, 0));
		assertThat(events.size() - 3_000).isBetween(0, 150);
		assertThat(events.get(0)).containsEntry("external_id", "u-0")
			.containsEntry("name", "purchase_done")
			.containsEntry("time", "2026-11-22T10:00:00+09:00");
		assertThat(((Map<?, ?>) events.get(0).get("properties")).get("amount")).isEqualTo(0);
	}

	@Test
	void purchasesArriveWithTheirPriceAsANumberAndABadOneIsRejectedBeforeAnyRequest() {
		Path data = TestExtracts.write(this.dir.resolve("purchases/orders.csv"), """
				user_id,sku,currency,price,qty,at,order
				u-1,SKU-1,krw,15000,2,2026-11-22T10:00:00+09:00,o-1
				u-2,SKU-2,USD,19.99,,2026-11-22T11:00:00+09:00,o-2
				u-3,SKU-3,EURO,5,1,2026-11-22T12:00:00+09:00,o-3
				u-4,SKU-4,USD,5,101,2026-11-22T12:00:00+09:00,o-4
				""");
		String name = "braze-purchases-" + UUID.randomUUID().toString().substring(0, 8);
		JobSpec spec = new SpecLoader().load(TestExtracts.write(this.dir.resolve(name + ".yml"), """
				name: %s
				source: { type: file, path: %s, format: csv }
				mapping:
				  fields:
				    externalId: user_id
				    productId: sku
				    currency: currency
				    price: { column: price, type: decimal }
				    quantity: { column: qty, type: integer, required: false }
				    time: { column: at, type: timestamp }
				    eventId: order
				destination: { vendor: braze, endpoint: purchases }
				skip: { ratio: 0.6 }
				""".formatted(name, data.getParent())));

		RunOutcome outcome = this.launcher.run(spec, DATE, this.options);

		assertThat(outcome.kind()).as(outcome.message()).isEqualTo(Kind.COMPLETED);
		assertThat(outcome.report().delivered()).isEqualTo(2);
		assertThat(outcome.report().rejected()).isEqualTo(2);
		assertThat(braze().purchases()).hasSize(2);
		assertThat(braze().purchases().get(0)).containsEntry("product_id", "SKU-1")
			.containsEntry("currency", "KRW")
			.containsEntry("quantity", 2)
			.containsEntry("time", "2026-11-22T10:00:00+09:00")
			.containsEntry("properties", Map.of("_audience_sync_id", "o-1"));
		assertThat(braze().purchases().get(0).get("price").toString()).isEqualTo("15000");
		assertThat(braze().purchases().get(1).get("price").toString()).isEqualTo("19.99");
		assertThat(braze().purchases().get(1)).doesNotContainKey("quantity");
		assertThat(this.jdbc.queryForList("SELECT MESSAGE FROM AS_REJECTED_ROW WHERE JOB_NAME = ? ORDER BY POSITION",
				String.class, spec.name()))
			.containsExactly("currency is not a three-letter ISO 4217 code",
					"quantity is not a whole number from 1 to 100");
	}

	@Test
	void emailAndPhoneOnlyUsersAreIdentifiedWithTheirPrioritizationAndOneWithoutIsRejected() {
		// given users Braze knows by email or phone only, with attributes
		Path known = TestExtracts.write(this.dir.resolve("identify-known/users.csv"), """
				email,phone,tier
				ann@example.com,,gold
				,010-5555-0001,silver
				""");
		String attributes = "braze-known-" + UUID.randomUUID().toString().substring(0, 8);
		assertThat(this.launcher.run(new SpecLoader().load(TestExtracts.write(this.dir.resolve(attributes + ".yml"), """
				name: %s
				source: { type: file, path: %s, format: csv }
				mapping:
				  fields:
				    email: { column: email, required: false }
				    phone: { column: phone, type: phone, required: false }
				  properties: { fields: { tier: tier } }
				destination: { vendor: braze, endpoint: attributes }
				""".formatted(attributes, known.getParent()))), DATE, this.options).kind()).isEqualTo(Kind.COMPLETED);
		assertThat(braze().records()).containsKeys("email:ann@example.com", "phone:+821055550001");

		// when a job identifies them as members, one row without a prioritization
		Path members = TestExtracts.write(this.dir.resolve("identify/members.csv"), """
				member_id,email,phone,priority
				m-1,ann@example.com,,"unidentified,most_recently_updated"
				m-2,,010-5555-0001,unidentified
				m-3,bob@example.com,,
				""");
		String name = "braze-identify-" + UUID.randomUUID().toString().substring(0, 8);
		RunOutcome outcome = this.launcher
			.run(new SpecLoader().load(TestExtracts.write(this.dir.resolve(name + ".yml"), """
					name: %s
					source: { type: file, path: %s, format: csv }
					mapping:
					  fields:
					    externalId: member_id
					    email: { column: email, required: false }
					    phone: { column: phone, type: phone, required: false }
					    prioritization: { column: priority, required: false }
					destination: { vendor: braze, endpoint: identify }
					skip: { limit: 5, ratio: 0.5 }
					""".formatted(name, members.getParent()))), DATE, this.options);

		// then the two are identified, their attributes moved to the members, in one
		// request; the row without a prioritization is rejected before it
		assertThat(outcome.kind()).as(outcome.message()).isEqualTo(Kind.COMPLETED);
		assertThat(outcome.report().delivered()).isEqualTo(2);
		assertThat(outcome.report().requests()).isEqualTo(1);
		assertThat(outcome.report().reasons()).singleElement()
			.satisfies((reason) -> assertThat(reason.sample()).isEqualTo("email needs prioritization"));
		assertThat(braze().records()).doesNotContainKeys("email:ann@example.com", "phone:+821055550001");
		assertThat(braze().records().get("external_id:m-1").properties()).containsEntry("tier", "gold");
		assertThat(braze().records().get("external_id:m-2").properties()).containsEntry("tier", "silver");
	}

	@Test
	void anAliasIsRenamedAndItsUserKept() {
		Path data = TestExtracts.write(this.dir.resolve("alias-update/aliases.csv"), """
				old,new
				a-1,b-1
				a-2,b-2
				""");
		String name = "braze-alias-update-" + UUID.randomUUID().toString().substring(0, 8);
		JobSpec spec = new SpecLoader().load(TestExtracts.write(this.dir.resolve(name + ".yml"), """
				name: %s
				source: { type: file, path: %s, format: csv }
				destinations:
				  - vendor: braze
				    endpoint: alias-new
				    mapping: { fields: { aliasName: old, aliasLabel: { constant: web } } }
				  - vendor: braze
				    endpoint: alias-update
				    mapping: { fields: { aliasLabel: { constant: web }, oldAliasName: old, newAliasName: new } }
				""".formatted(name, data.getParent())));

		// when a job adds alias-only users, then renames their aliases
		RunOutcome outcome = this.launcher.run(spec, DATE, this.options);

		// then the users are kept under their new aliases, in one request each step
		assertThat(outcome.kind()).as(outcome.message()).isEqualTo(Kind.COMPLETED);
		assertThat(outcome.report().requests()).isEqualTo(2);
		assertThat(braze().records()).containsKeys("user_alias:web:b-1", "user_alias:web:b-2")
			.doesNotContainKeys("user_alias:web:a-1", "user_alias:web:a-2");
		assertThat(braze().identitySteps()).contains("alias-update user_alias:web:a-1 to user_alias:web:b-1");
	}

	@Test
	void aliasThenIdentifyThenMergeGoInTheJobsOrder() {
		StringBuilder csv = new StringBuilder("anonymous_id,member_id,kept_id\n");
		for (int i = 0; i < 120; i++) {
			csv.append("a-").append(i).append(",m-").append(i).append(",k-").append(i).append('\n');
		}
		Path data = TestExtracts.write(this.dir.resolve("identities/users.csv"), csv.toString());
		String name = "braze-identities-" + UUID.randomUUID().toString().substring(0, 8);
		JobSpec spec = new SpecLoader().load(TestExtracts.write(this.dir.resolve(name + ".yml"), """
				name: %s
				source: { type: file, path: %s, format: csv }
				destinations:
				  - vendor: braze
				    endpoint: alias-new
				    mapping:
				      fields: { aliasName: anonymous_id, aliasLabel: { constant: web } }
				  - vendor: braze
				    endpoint: identify
				    mapping:
				      fields: { externalId: member_id, aliasName: anonymous_id, aliasLabel: { constant: web } }
				  - vendor: braze
				    endpoint: users-merge
				    mapping:
				      fields: { mergeExternalId: member_id, keepExternalId: kept_id }
				chunk: 50
				""".formatted(name, data.getParent())));

		RunOutcome outcome = this.launcher.run(spec, DATE, this.options);

		// then each user's alias was added before it was identified, and identified
		// before it was merged away
		assertThat(outcome.kind()).as(outcome.message()).isEqualTo(Kind.COMPLETED);
		List<String> steps = braze().identitySteps();
		assertThat(steps).hasSize(360);
		for (int i = 0; i < 120; i++) {
			int added = steps.indexOf("alias-new user_alias:web:a-" + i);
			int identified = steps.indexOf("identify user_alias:web:a-" + i + " external_id:m-" + i);
			int merged = steps
				.indexOf("merge {\"external_id\":\"m-" + i + "\"} into {\"external_id\":\"k-" + i + "\"}");
			assertThat(added).as("user %d", i).isNotNegative().isLessThan(identified);
			assertThat(identified).as("user %d", i).isLessThan(merged);
		}
	}

	@Test
	void subscriptionStatesAreSetOncePerGroupAndANextNightSendsOnlyTheChanged() {
		String[] states = new String[300];
		for (int i = 0; i < states.length; i++) {
			states[i] = (i % 3 == 0) ? "opted_out" : "subscribed";
		}
		Path data = subscriptions(states);
		String name = "braze-subscriptions-" + UUID.randomUUID().toString().substring(0, 8);
		JobSpec spec = new SpecLoader().load(TestExtracts.write(this.dir.resolve(name + ".yml"), """
				name: %s
				source: { type: file, path: %s, format: csv }
				mapping:
				  fields:
				    externalId: user_id
				    subscriptionGroupId: { constant: sms-marketing }
				    subscriptionState: state
				destination: { vendor: braze, endpoint: subscription-status }
				""".formatted(name, data.getParent())));

		// when the first night runs, then each state is set, one request per state a
		// batch
		RunOutcome first = this.launcher.run(spec, DATE, this.options);
		assertThat(first.kind()).as(first.message()).isEqualTo(Kind.COMPLETED);
		assertThat(braze().subscriptions()).hasSize(300)
			.containsEntry("sms-marketing|external_id:u-0", "unsubscribed")
			.containsEntry("sms-marketing|external_id:u-1", "subscribed");

		// when three users change, then the next night sets exactly theirs
		states[1] = "unsubscribed";
		states[3] = "subscribed";
		states[200] = "opted_out";
		subscriptions(states);
		RunOutcome next = this.launcher.run(spec, DATE.plusDays(1), this.options);
		assertThat(next.report().delivered()).isEqualTo(3);
		assertThat(braze().subscriptions()).containsEntry("sms-marketing|external_id:u-1", "unsubscribed")
			.containsEntry("sms-marketing|external_id:u-3", "subscribed")
			.containsEntry("sms-marketing|external_id:u-200", "unsubscribed");
		assertThat(braze().subscriptionUpdates().get("sms-marketing|external_id:u-2")).isEqualTo(1);
		assertThat(braze().subscriptionUpdates().get("sms-marketing|external_id:u-200")).isEqualTo(2);
	}

	private Path subscriptions(String[] states) {
		StringBuilder csv = new StringBuilder("user_id,state\n");
		for (int i = 0; i < states.length; i++) {
			csv.append("u-").append(i).append(',').append(states[i]).append('\n');
		}
		return TestExtracts.write(this.dir.resolve("subscriptions/states.csv"), csv.toString());
	}

	private void assertHolds(String[] tiers) {
		Map<String, StoredRecord> users = braze().records();
		assertThat(users).hasSize(USERS);
		for (int i = 0; i < USERS; i++) {
			assertThat(users.get("external_id:u-" + i).properties()).as("user %d", i)
				.containsEntry("tier", tiers[i])
				.containsEntry("points", i);
		}
	}

	private Path write(String[] tiers) {
		StringBuilder csv = new StringBuilder("user_id,tier,points\n");
		for (int i = 0; i < tiers.length; i++) {
			csv.append("u-").append(i).append(',').append(tiers[i]).append(',').append(i).append('\n');
		}
		return TestExtracts.write(this.dir.resolve("users/users.csv"), csv.toString());
	}

	private JobSpec spec(Path data) {
		return new SpecLoader()
			.load(BrazeSpecs.attributes(this.dir, data.getParent(), "chunk: 750\nskip: { ratio: 0.2, limit: 5000 }"));
	}

}
