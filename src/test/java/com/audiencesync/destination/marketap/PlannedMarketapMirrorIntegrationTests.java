package com.audiencesync.destination.marketap;

import java.util.List;

import com.audiencesync.batch.launch.RunOutcome;
import com.audiencesync.batch.launch.RunOutcome.Kind;
import com.audiencesync.batch.reports.RunReport;
import com.audiencesync.spec.JobSpec;
import org.junit.jupiter.api.Test;

import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link MarketapMirrorIntegrationTests} on planned nights (sorted snapshots): the keys a
 * mirror deletes are decided by the night's merge, and its limit is checked there, before
 * anything is sent; the snapshot keeps each key's fields sealed.
 */
@TestPropertySource(properties = "audience-sync.state.snapshots=true")
class PlannedMarketapMirrorIntegrationTests extends MarketapMirrorIntegrationTests {

	/** The keys of the target's current snapshot (and none left in the per-key table). */
	@Override
	long known(JobSpec spec) {
		Long perKey = this.jdbc.queryForObject(
				"SELECT COUNT(*) FROM AS_SYNC_KEY k JOIN AS_SYNC_TARGET t ON t.TARGET_ID = k.TARGET_ID WHERE t.JOB_NAME = ?",
				Long.class, spec.name());
		assertThat(perKey).as("keys in the per-key table").isZero();
		return this.jdbc.queryForObject(
				"SELECT COALESCE(SUM(s.ENTRIES), 0) FROM AS_SNAPSHOT s JOIN AS_SYNC_TARGET t ON t.TARGET_ID = "
						+ "s.TARGET_ID WHERE t.JOB_NAME = ? AND s.STATE = 'CURRENT'",
				Long.class, spec.name());
	}

	/** The pages of the target's current snapshot: a sealed generation of 20 keys. */
	@Override
	List<byte[]> keptState(JobSpec spec) {
		assertThat(known(spec)).isEqualTo(20);
		assertThat(this.jdbc.queryForObject(
				"SELECT s.SEALED FROM AS_SNAPSHOT s JOIN AS_SYNC_TARGET t ON t.TARGET_ID = s.TARGET_ID WHERE "
						+ "t.JOB_NAME = ? AND s.STATE = 'CURRENT'",
				String.class, spec.name()))
			.isEqualTo("Y");
		return this.jdbc.queryForList(
				"SELECT p.DATA FROM AS_SNAPSHOT_PAGE p JOIN AS_SYNC_TARGET t ON t.TARGET_ID = p.TARGET_ID WHERE "
						+ "t.JOB_NAME = ?",
				byte[].class, spec.name());
	}

	@Test
	void aTruncatedExtractIsRefusedBeforeItsChangedRowsAreSent() {
		// given 20 users delivered
		users((i) -> true);
		JobSpec spec = profiles("");
		this.launcher.run(spec, DATE, this.options);
		int requests = marketap().requestCount();

		// when the next extract has 8 of them, one of which changed
		users((i) -> i < 8);
		String changed = "{\"user_id\":\"u-0\",\"tier\":\"SILVER\"}\n";
		java.nio.file.Path extract = this.dir.resolve("data/users.jsonl");
		com.audiencesync.TestExtracts.write(extract, changed + readLinesAfterFirst(extract));
		RunOutcome refused = this.launcher.run(spec, DATE.plusDays(1), this.options);

		// then the run fails at its plan: not even the changed row went out
		assertThat(refused.kind()).isEqualTo(Kind.FAILED);
		assertThat(refused.report().exitMessage()).contains("12 of the 20 keys").contains("--allow-mass-delete");
		assertThat(marketap().requestCount()).isEqualTo(requests);
		assertThat(marketap().profiles().get("u-0")).containsEntry("tier", "GOLD");
	}

	private static String readLinesAfterFirst(java.nio.file.Path file) {
		try {
			String all = java.nio.file.Files.readString(file);
			return all.substring(all.indexOf('\n') + 1);
		}
		catch (java.io.IOException ex) {
			throw new java.io.UncheckedIOException(ex);
		}
	}

	@Test
	void aDeletionTheVendorRefusesIsKeptAndSentAgainTheNextNight() {
		// given 20 users delivered, then a vendor that refuses anything about u-5
		users((i) -> true);
		JobSpec spec = profiles("");
		this.launcher.run(spec, DATE, this.options);
		marketap().reject("u-5");

		// when u-3 and u-5 leave the source
		users((i) -> i != 3 && i != 5);
		RunOutcome next = this.launcher.run(spec, DATE.plusDays(1), this.options);

		// then u-3 is deleted, and u-5's deletion is refused and kept
		assertThat(next.kind()).isEqualTo(Kind.COMPLETED);
		assertThat(marketap().deletedUserIds()).containsExactly("u-3");
		assertThat(next.report().mirrors()).singleElement().satisfies((mirror) -> {
			assertThat(mirror.deleted()).isEqualTo(1);
			assertThat(mirror.refused()).isEqualTo(1);
		});
		assertThat(known(spec)).isEqualTo(19);

		// and once the vendor takes it, the next night deletes u-5 and nothing else
		marketap().clearFaults();
		RunOutcome after = this.launcher.run(spec, DATE.plusDays(2), this.options);
		assertThat(after.report().mirrors()).singleElement().extracting(RunReport.MirrorCount::deleted).isEqualTo(1L);
		assertThat(marketap().deletedUserIds()).containsExactlyInAnyOrder("u-3", "u-5");
		assertThat(known(spec)).isEqualTo(18);
	}

}
