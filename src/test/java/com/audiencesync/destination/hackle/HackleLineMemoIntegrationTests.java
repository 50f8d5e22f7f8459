package com.audiencesync.destination.hackle;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.IntFunction;

import com.audiencesync.LineMemoJobTest;
import com.audiencesync.TestExtracts;
import com.audiencesync.batch.launch.RunOutcome;
import com.audiencesync.batch.launch.RunOutcome.Kind;
import com.audiencesync.destination.hackle.emulator.HackleEmulator;
import com.audiencesync.spec.JobSpec;
import com.audiencesync.spec.SpecLoader;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A line memo of a spec with two planned destinations (Hackle properties, and phone
 * numbers for the users who have one): a line is planned from the memo only where both
 * took it; a user without a phone (skipped by one destination) is mapped every night.
 * Whatever changes, in either destination's fields, is sent, and nothing else.
 */
class HackleLineMemoIntegrationTests extends LineMemoJobTest {

	private static final int USERS = 600;

	@Override
	protected String vendor() {
		return "hackle";
	}

	private static HackleEmulator emulator() {
		return sandbox.emulator("hackle", HackleEmulator.class);
	}

	@Test
	void aLineIsPlannedFromTheMemoWhereEveryDestinationTookItAndWhatChangedIsSent() {
		// given 600 users, every other one with a phone, delivered to both destinations
		write((i) -> "GOLD", (i) -> (i % 2 == 0) ? phone(i) : null);
		JobSpec spec = spec();
		assertThat(this.launcher.run(spec, DATE, this.options).kind()).isEqualTo(Kind.COMPLETED);
		assertThat(emulator().phoneNumbers()).hasSize(USERS / 2);
		int requests = emulator().requestCount();

		// when nothing changed
		RunOutcome same = this.launcher.run(spec, DATE.plusDays(1), this.options);

		// then the lines with a phone beyond the first chunk came from the memo, the rest
		// were mapped, and nothing was sent
		assertThat(same.kind()).as(same.message()).isEqualTo(Kind.COMPLETED);
		assertThat(memoLines(same)).isEqualTo((USERS - 50) / 2);
		assertThat(emulator().requestCount()).isEqualTo(requests);

		// when 12 users change grade and 12 others their phone
		write((i) -> (i % 50 == 1) ? "SILVER" : "GOLD",
				(i) -> (i % 2 == 0) ? ((i % 50 == 2) ? phone(i + 1) : phone(i)) : null);
		RunOutcome changed = this.launcher.run(spec, DATE.plusDays(2), this.options);

		// then exactly those are sent, each to its destination
		assertThat(changed.kind()).as(changed.message()).isEqualTo(Kind.COMPLETED);
		assertThat(changed.report().destinations()).extracting((d) -> d.destination() + " " + d.delivered())
			.containsExactlyInAnyOrder("hackle/properties 12", "hackle/phone-numbers 12");
		for (int i = 0; i < USERS; i++) {
			assertThat(emulator().profiles().get("user:u-" + i)).as("user %d", i)
				.containsEntry("grade", (i % 50 == 1) ? "SILVER" : "GOLD");
			if (i % 2 == 0) {
				assertThat(emulator().phoneNumbers()).as("user %d", i)
					.containsEntry("u-" + i, "+8210" + ((i % 50 == 2) ? "%08d".formatted(i + 1) : "%08d".formatted(i)));
			}
		}
	}

	private static String phone(int i) {
		return "010" + "%08d".formatted(i);
	}

	private void write(IntFunction<String> grade, IntFunction<String> phone) {
		List<String> lines = new ArrayList<>();
		for (int i = 0; i < USERS; i++) {
			String number = phone.apply(i);
			lines.add("{\"user_id\":\"u-" + i + "\",\"grade\":\"" + grade.apply(i) + "\""
					+ ((number != null) ? ",\"phone\":\"" + number + "\"" : "") + "}");
		}
		TestExtracts.write(this.dir.resolve("memo/users.jsonl"), String.join("\n", lines) + "\n");
	}

	private JobSpec spec() {
		return new SpecLoader().load(TestExtracts.write(this.dir.resolve("memo.yml"), """
				name: hackle-memo-%s
				source: { type: file, path: memo, format: jsonl }
				destinations:
				  - vendor: hackle
				    endpoint: properties
				    mapping:
				      fields: { userId: user_id }
				      properties:
				        fields:
				          grade: grade
				  - vendor: hackle
				    endpoint: phone-numbers
				    when: { column: phone, present: true }
				    mapping:
				      fields: { userId: user_id, phoneNumber: { column: phone, type: phone } }
				chunk: 50
				""".formatted(UUID.randomUUID().toString().substring(0, 8))));
	}

}
