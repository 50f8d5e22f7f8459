package com.audiencesync.destination.marketap;

import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.function.IntPredicate;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import com.audiencesync.JobTest;
import com.audiencesync.TestExtracts;
import com.audiencesync.batch.launch.RunOutcome;
import com.audiencesync.batch.launch.RunOutcome.Kind;
import com.audiencesync.batch.reports.RunReport;
import com.audiencesync.destination.marketap.emulator.MarketapEmulator;
import com.audiencesync.spec.JobSpec;
import com.audiencesync.spec.SpecLoader;
import org.junit.jupiter.api.Test;

import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code mode: mirror}: keys the vendor was sent that a complete read no longer has are
 * deleted through the vendor's deletion endpoint, after the sync and only then, within
 * the spec's limit. Here with the per-key table
 * ({@code audience-sync.state.snapshots=false});
 * {@link PlannedMarketapMirrorIntegrationTests} runs the same on planned nights, the
 * default.
 */
@TestPropertySource(properties = "audience-sync.state.snapshots=false")
class MarketapMirrorIntegrationTests extends JobTest {

	@Override
	protected String vendor() {
		return "marketap";
	}

	MarketapEmulator marketap() {
		return sandbox.emulator("marketap", MarketapEmulator.class);
	}

	Path users(IntPredicate kept) {
		String lines = IntStream.range(0, 20)
			.filter(kept)
			.mapToObj((i) -> "{\"user_id\":\"u-" + i + "\",\"tier\":\"GOLD\"}")
			.collect(Collectors.joining("\n", "", "\n"));
		return TestExtracts.write(this.dir.resolve("data/users.jsonl"), lines);
	}

	JobSpec profiles(String extra) {
		String name = "mirror-" + UUID.randomUUID().toString().substring(0, 8);
		return new SpecLoader().load(TestExtracts.write(this.dir.resolve(name + ".yml"), """
				name: %s
				source: { type: file, path: %s, format: jsonl }
				mapping:
				  fields: { userId: user_id }
				  properties: { columns: [tier] }
				destination: { vendor: marketap, endpoint: profiles, mode: mirror }
				chunk: 4
				%s""".formatted(name, this.dir.resolve("data/users.jsonl"), extra)));
	}

	/** The keys the sync state holds for the spec's target. */
	long known(JobSpec spec) {
		return this.jdbc.queryForObject(
				"SELECT COUNT(*) FROM AS_SYNC_KEY k JOIN AS_SYNC_TARGET t ON t.TARGET_ID = k.TARGET_ID WHERE t.JOB_NAME = ?",
				Long.class, spec.name());
	}

	@Test
	void threeUsersGoneFromTheSourceAreExactlyThreeDeletions() {
		// given 20 users delivered
		users((i) -> true);
		JobSpec spec = profiles("");
		assertThat(this.launcher.run(spec, DATE, this.options).report().delivered()).isEqualTo(20);
		assertThat(marketap().deletedUserIds()).isEmpty();

		// when the next extract no longer has three of them
		users((i) -> i != 3 && i != 5 && i != 17);
		RunOutcome next = this.launcher.run(spec, DATE.plusDays(1), this.options);

		// then exactly those three are deleted, and forgotten
		assertThat(next.kind()).isEqualTo(Kind.COMPLETED);
		assertThat(marketap().deletedUserIds()).containsExactlyInAnyOrder("u-3", "u-5", "u-17");
		assertThat(next.report().unchanged()).isEqualTo(17);
		assertThat(next.report().mirrors()).singleElement().satisfies((mirror) -> {
			assertThat(mirror.destination()).isEqualTo("marketap/profiles");
			assertThat(mirror.deleted()).isEqualTo(3);
			assertThat(mirror.refused()).isZero();
		});
		assertThat(known(spec)).isEqualTo(17);

		// and the night after deletes nothing more and sends nothing
		int requests = marketap().requestCount();
		RunOutcome third = this.launcher.run(spec, DATE.plusDays(2), this.options);
		assertThat(third.report().mirrors()).singleElement().extracting(RunReport.MirrorCount::deleted).isEqualTo(0L);
		assertThat(marketap().requestCount()).isEqualTo(requests);
		assertThat(marketap().deletedUserIds()).hasSize(3);

		// and a user back in the source is sent again
		users((i) -> i != 5 && i != 17);
		RunOutcome back = this.launcher.run(spec, DATE.plusDays(3), this.options);
		assertThat(back.report().delivered()).isEqualTo(1);
		assertThat(marketap().profiles()).containsKey("u-3");
	}

	@Test
	void removingSixtyPercentIsRefusedAndNothingIsSentUntilAllowed() {
		// given 20 users delivered
		users((i) -> true);
		JobSpec spec = profiles("");
		this.launcher.run(spec, DATE, this.options);
		int requests = marketap().requestCount();

		// when the next extract has 8 of them (a truncated export, say)
		users((i) -> i < 8);
		RunOutcome refused = this.launcher.run(spec, DATE.plusDays(1), this.options);

		// then the run fails saying why, and no deletion is sent
		assertThat(refused.kind()).isEqualTo(Kind.FAILED);
		assertThat(refused.report().exitMessage()).contains("mirror marketap/profiles")
			.contains("12 of the 20 keys")
			.contains("60%")
			.contains("mirror.max-delete-ratio 20%")
			.contains("nothing was deleted")
			.contains("--allow-mass-delete");
		assertThat(marketap().deletedUserIds()).isEmpty();
		assertThat(marketap().requestCount()).isEqualTo(requests);
		assertThat(known(spec)).isEqualTo(20);

		// when the operator allows it, the failed date resumes with the deletions alone
		RunOutcome allowed = this.launcher.run(spec, DATE.plusDays(1), this.options.allowingMassDelete());
		assertThat(allowed.kind()).isEqualTo(Kind.COMPLETED);
		assertThat(marketap().deletedUserIds()).hasSize(12).doesNotContain("u-0", "u-7");
		assertThat(known(spec)).isEqualTo(8);
	}

	@Test
	void theSpecSetsTheLimit() {
		users((i) -> true);
		JobSpec spec = profiles("mirror: { max-delete-ratio: 0.7 }\n");
		this.launcher.run(spec, DATE, this.options);

		users((i) -> i < 8);
		RunOutcome next = this.launcher.run(spec, DATE.plusDays(1), this.options);

		assertThat(next.kind()).isEqualTo(Kind.COMPLETED);
		assertThat(marketap().deletedUserIds()).hasSize(12);
	}

	@Test
	void aFailedSyncDeletesNothing() {
		users((i) -> true);
		JobSpec spec = profiles("");
		this.launcher.run(spec, DATE, this.options);

		// the next night's sync fails (the vendor refuses the key) on an extract without
		// 19 of
		// them
		TestExtracts.write(this.dir.resolve("data/users.jsonl"), "{\"user_id\":\"u-new\",\"tier\":\"GOLD\"}\n");
		RunOutcome failed = this.launcher.run(spec, DATE.plusDays(1), sandbox.optionsWithKey("marketap", "wrong"));

		assertThat(failed.kind()).isEqualTo(Kind.FAILED);
		assertThat(marketap().deletedUserIds()).isEmpty();
		assertThat(known(spec)).isEqualTo(20);
	}

	@Test
	void theSealedKeysAreNotPlaintext() {
		users((i) -> true);
		JobSpec spec = profiles("");
		this.launcher.run(spec, DATE, this.options);

		List<byte[]> sealed = keptState(spec);
		// the sealed key fields are {"userId":"u-<n>"}: neither the field nor a user id
		// is
		// readable (ciphertext is random: a two-byte "u-" turns up in one run in a
		// hundred)
		assertThat(sealed).isNotEmpty().allSatisfy((bytes) -> {
			assertThat(bytes).isNotNull();
			String text = new String(bytes, java.nio.charset.StandardCharsets.ISO_8859_1);
			assertThat(text).doesNotContain("userId").doesNotContain("\"u-");
		});
	}

	/** What the sync state stores of the spec's keys: each key's sealed fields. */
	List<byte[]> keptState(JobSpec spec) {
		List<byte[]> sealed = this.jdbc.queryForList(
				"SELECT KEY_SEALED FROM AS_SYNC_KEY k JOIN AS_SYNC_TARGET t ON t.TARGET_ID = k.TARGET_ID WHERE t.JOB_NAME = ?",
				byte[].class, spec.name());
		assertThat(sealed).hasSize(20);
		return sealed;
	}

}
