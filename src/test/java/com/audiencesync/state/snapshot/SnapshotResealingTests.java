package com.audiencesync.state.snapshot;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import com.audiencesync.state.Resealing;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code keys re-encrypt} over snapshots: a mirrored target's current generation, a
 * failed night's planned generation and its plan pages are sealed again with their job
 * and destination, once; a target whose job runs now is left for a later pass.
 */
class SnapshotResealingTests extends NightsTests {

	private int target(String job) {
		this.jdbc.update(
				"INSERT INTO AS_SYNC_TARGET (JOB_NAME, DESTINATION, CREATED_AT) VALUES (?, ?, CURRENT_TIMESTAMP)", job,
				"marketap/profiles");
		return this.jdbc.queryForObject("SELECT TARGET_ID FROM AS_SYNC_TARGET WHERE JOB_NAME = ?", Integer.class, job);
	}

	/** A generation of {@code count} keys, each sealed as the old key sealed it. */
	private Snapshots.Generation generation(Nights nights, int target, int from, int count, String runKey) {
		List<long[]> entries = new ArrayList<>();
		for (int i = from; i < from + count; i++) {
			entries.add(Nights.entry(key(i), print(i), null));
		}
		entries.sort(Nights::compareKeys);
		GenerationWriter writer = nights.snapshots().writer(target, null, true, runKey);
		entries.forEach((entry) -> writer.add(entry, old(target)));
		return writer.finish();
	}

	private byte[] old(int target) {
		String job = this.jdbc.queryForObject("SELECT JOB_NAME FROM AS_SYNC_TARGET WHERE TARGET_ID = ?", String.class,
				target);
		return ("old:" + job + "\u0000marketap/profiles").getBytes(StandardCharsets.UTF_8);
	}

	private static List<String> sealed(Nights nights, Snapshots.Generation generation) {
		List<String> sealed = new ArrayList<>();
		try (GenerationCursor cursor = nights.snapshots().read(generation)) {
			long[] entry = new long[Snapshots.WIDTH];
			while (cursor.next(entry)) {
				sealed.add(new String(cursor.sealed(), StandardCharsets.UTF_8));
			}
		}
		return sealed;
	}

	@Test
	void currentAndPlannedGenerationsAndPlanPagesAreSealedAgainOnce() {
		Nights nights = nights();
		// given a mirrored target's current generation of 3,000 keys, and a failed
		// night's planned generation and deletions
		int target = target("mirrored");
		nights.snapshots().makeCurrent(generation(nights, target, 0, 3_000, null));
		generation(nights, target, 0, 2_000, "2026-12-06");
		long[] key = new long[2];
		nights.planPages().write(target, "2026-12-06", PlanPages.DELETIONS, "mirror", new RecordCursor() {
			private int next;

			@Override
			public boolean next(long[] into) {
				if (this.next >= 1_000) {
					return false;
				}
				long[] entry = Nights.entry(key(2_000 + this.next++), print(0), null);
				into[0] = entry[0];
				into[1] = entry[1];
				return true;
			}

			@Override
			public byte[] sealed() {
				return old(target);
			}
		}, 2);
		AtomicInteger wrongContext = new AtomicInteger();
		Resealing.Resealer resealer = (ciphertext, context) -> {
			String text = new String(ciphertext, StandardCharsets.UTF_8);
			if (text.startsWith("new:")) {
				return null;
			}
			if (!text.equals("old:" + context)) {
				wrongContext.incrementAndGet();
			}
			return ("new:" + context).getBytes(StandardCharsets.UTF_8);
		};

		// when sealed again, twice
		List<String> skipped = new ArrayList<>();
		Resealing.Count first = nights.reseal(resealer, skipped);
		Resealing.Count second = nights.reseal(resealer, skipped);

		// then every key was sealed again once, with its job and destination
		assertThat(first).isEqualTo(new Resealing.Count(6_000, 6_000));
		assertThat(second).isEqualTo(new Resealing.Count(6_000, 0));
		assertThat(wrongContext).hasValue(0);
		assertThat(skipped).isEmpty();
		Snapshots.Generation current = nights.snapshots().current(target).orElseThrow();
		assertThat(current.entries()).isEqualTo(3_000);
		assertThat(sealed(nights, current)).hasSize(3_000)
			.allMatch((text) -> text.equals("new:mirrored\u0000marketap/profiles"));
		Snapshots.Generation planned = nights.snapshots().planned(target, "2026-12-06").orElseThrow();
		assertThat(planned.entries()).isEqualTo(2_000);
		assertThat(sealed(nights, planned)).allMatch((text) -> text.startsWith("new:"));
		RecordCursor deletions = nights.deletions(target, "2026-12-06");
		int count = 0;
		while (deletions.next(key)) {
			assertThat(new String(deletions.sealed(), StandardCharsets.UTF_8)).startsWith("new:");
			count++;
		}
		assertThat(count).isEqualTo(1_000);
		// and nothing older is left
		assertThat(this.jdbc.queryForObject("SELECT COUNT(*) FROM AS_SNAPSHOT WHERE TARGET_ID = ?", Long.class, target))
			.isEqualTo(2);
	}

	@Test
	void aTargetWhoseJobRunsNowIsLeftForLater() {
		Nights nights = nights();
		int target = target("running");
		nights.snapshots().makeCurrent(generation(nights, target, 0, 10, null));
		this.jdbc.update("INSERT INTO BATCH_JOB_INSTANCE (JOB_INSTANCE_ID, VERSION, JOB_NAME, JOB_KEY) VALUES "
				+ "(777, 0, 'running', 'k')");
		this.jdbc.update("INSERT INTO BATCH_JOB_EXECUTION (JOB_EXECUTION_ID, VERSION, JOB_INSTANCE_ID, CREATE_TIME, "
				+ "STATUS) VALUES (778, 0, 777, CURRENT_TIMESTAMP, 'STARTED')");

		List<String> skipped = new ArrayList<>();
		Resealing.Count count = nights.reseal((ciphertext, context) -> "new".getBytes(StandardCharsets.UTF_8), skipped);

		assertThat(count).isEqualTo(new Resealing.Count(0, 0));
		assertThat(skipped).containsExactly("running/marketap/profiles");
	}

}
