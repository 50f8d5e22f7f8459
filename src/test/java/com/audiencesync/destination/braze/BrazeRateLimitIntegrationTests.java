package com.audiencesync.destination.braze;

import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.audiencesync.IntegrationTest;
import com.audiencesync.TestExtracts;
import com.audiencesync.batch.launch.RunOutcome;
import com.audiencesync.batch.launch.RunOutcome.Kind;
import com.audiencesync.batch.launch.SyncLauncher;
import com.audiencesync.batch.run.RunOptions;
import com.audiencesync.destination.braze.emulator.BrazeEmulator;
import com.audiencesync.sandbox.SandboxServer;
import com.audiencesync.spec.JobSpec;
import com.audiencesync.spec.SpecLoader;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Four partitions share one key's budget: 50 requests per 5 s window (600 a minute) in
 * the client and in the emulator, which answers 429 over it, for users/merge, for
 * users/alias/new (which spends the same budget) and for users/track (its own budget).
 * The test prints what the emulator measured.
 */
@IntegrationTest
@TestPropertySource(properties = { "audience-sync.destinations.braze.rate-limit.requests=50",
		"audience-sync.destinations.braze.rate-limit.window=5s",
		"audience-sync.destinations.braze.track-rate-limit.requests=50",
		"audience-sync.destinations.braze.track-rate-limit.window=5s" })
class BrazeRateLimitIntegrationTests {

	static final String KEY = "braze-rate-key";

	static final int LIMIT = 50;

	static final Duration WINDOW = Duration.ofSeconds(5);

	@Autowired
	SyncLauncher launcher;

	@TempDir
	Path dir;

	@Tag("slow")
	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|', textBlock = """
			users-merge | mergeExternalId: old_id, keepExternalId: new_id
			alias-new   | aliasName: old_id, aliasLabel: { constant: crm }, externalId: new_id
			attributes  | externalId: old_id }, properties: { fields: { tier: new_id }
			""")
	void fourPartitionsStayUnderTheSharedLimitAndUseAlmostAllOfIt(String endpoint, String mapping) {
		// given four files of single-merge requests, enough for about four windows
		for (int f = 0; f < 4; f++) {
			StringBuilder csv = new StringBuilder("old_id,new_id\n");
			for (int i = 0; i < 60; i++) {
				csv.append("old-")
					.append(f)
					.append('-')
					.append(i)
					.append(",new-")
					.append(f)
					.append('-')
					.append(i)
					.append('\n');
			}
			TestExtracts.write(this.dir.resolve("data/part-" + f + ".csv"), csv.toString());
		}
		JobSpec spec = new SpecLoader().load(TestExtracts.write(this.dir.resolve("rate.yml"), """
				name: braze-rate-limit-%s
				source: { type: file, path: data, format: csv }
				mapping: { fields: { %s } }
				destination: { vendor: braze, endpoint: %s, batch-size: 1 }
				chunk: 5
				concurrency: 4
				""".formatted(endpoint, mapping, endpoint)));
		try (SandboxServer sandbox = SandboxServer.start("127.0.0.1", 0, KEY)) {
			BrazeEmulator braze = sandbox.emulator("braze", BrazeEmulator.class);
			braze.rateLimit(LIMIT, WINDOW);
			braze.trackRateLimit(LIMIT, WINDOW);

			// when the job runs
			long started = System.nanoTime();
			RunOutcome outcome = this.launcher.run(spec, LocalDate.of(2026, 11, 22),
					new RunOptions(sandbox.clientProperties("braze")));
			double seconds = (System.nanoTime() - started) / 1e9;

			// then every merge arrived, and no window after the first saw a 429
			assertThat(outcome.kind()).as(outcome.message()).isEqualTo(Kind.COMPLETED);
			assertThat(braze.requestCount() - braze.throttledCount()).isEqualTo(240);
			Map<Long, Integer> accepted = braze.acceptedPerWindow();
			Map<Long, Integer> throttled = braze.throttledPerWindow();
			List<Long> windows = new ArrayList<>(accepted.keySet());
			System.out.printf(
					"braze %s rate limit %d per %ds, 4 partitions: %d requests in %.1f s, accepted per window %s, "
							+ "429s per window %s%n",
					endpoint, LIMIT, WINDOW.toSeconds(), braze.requestCount(), seconds, accepted.values(), throttled);
			Long first = windows.get(0);
			assertThat(throttled).allSatisfy((window, count) -> assertThat(window).isEqualTo(first));
			// full windows (not the first, which starts mid-window, nor the last, which
			// runs out of rows)
			// carry at least 95% of the limit: the budget is shared, not split four ways
			List<Long> full = windows.subList(1, windows.size() - 1);
			assertThat(full).isNotEmpty();
			for (Long window : full) {
				assertThat(accepted.get(window)).as("requests in window %d", window)
					.isBetween((int) Math.ceil(LIMIT * 0.95), LIMIT);
			}
		}
	}

}
