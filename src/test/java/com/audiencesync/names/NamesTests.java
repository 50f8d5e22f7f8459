package com.audiencesync.names;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class NamesTests {

	/**
	 * Runs already in a job repository are restarted by these names: a rename fails here
	 * before it breaks a restart.
	 */
	@Test
	void persistedNamesKeepTheirSpellings() {
		assertThat(List.of(Names.RUN_DATE, Names.RUN, Names.BACKFILL, Names.BACKFILL_WINDOW, Names.FROM, Names.TO,
				Names.SPEC, Names.SANDBOX, Names.ACCOUNT))
			.containsExactly("runDate", "run", "backfill", "backfill-window", "from", "to", "spec", "sandbox",
					"account");
		assertThat(List.of(Names.MANAGER_STEP, Names.WORKER_STEP, Names.READER, Names.WRITER,
				Names.writer("hackle/properties"), Names.workerStep("part:a.csv"), Names.MIRROR_STEP,
				Names.mirrorStep("marketap/profiles")))
			.containsExactly("sync", "deliver", "reader", "writer", "writer[hackle/properties]", "deliver:part:a.csv",
					"mirror", "mirror:marketap/profiles");
		assertThat(Names.WRITER_COUNTERS).containsExactly("seen", "delivered", "rejected", "requests", "conflicts",
				"chains", "skipped", "unchanged", "points", "pointsUnchanged", "deferred");
		assertThat(List.of(Names.SOURCE_FILES, Names.SOURCE_FILE, Names.SOURCE_DISPLAY, Names.JDBC_PLAN,
				Names.JDBC_FROM, Names.JDBC_TO, Names.JDBC_UPPERS, Names.JDBC_LOWER, Names.JDBC_UPPER, Names.PAGE_SIZE,
				Names.JDBC_SIZES, Names.SOURCE_ROWS, Names.PLAN_MEMO_LINES))
			.containsExactly("source.files", "source.file", "source.display", "source.jdbc.plan", "source.jdbc.from",
					"source.jdbc.to", "source.jdbc.uppers", "source.jdbc.lower", "source.jdbc.upper", "page.size",
					"source.jdbc.sizes", "source.rows", "plan.memo-lines");
		assertThat(List.of(Names.REPLAY, Names.REPLAY_OF, Names.REPLAY_AT, Names.REPLAY_STEP,
				Names.replayStep("groobee/personalizations"), Names.REPLAY_AFTER, Names.REPLAY_MAX_RUNS))
			.containsExactly("replay", "of", "at", "replay", "replay:groobee/personalizations", "replay.after",
					"replay.max-runs");
		assertThat(List.of(Names.IMPORT, Names.IMPORT_DIGEST, Names.IMPORT_FILE, Names.IMPORT_STEP,
				Names.importStep("groobee/personalizations"), Names.IMPORT_READ))
			.containsExactly("import", "digest", "file", "import", "import:groobee/personalizations", "import.read");
		assertThat(Names.MAX_PARTITION).isEqualTo(90);
		assertThat(Names.rateLimitBucket("braze", "key", 50, java.time.Duration.ofSeconds(5)))
			.isEqualTo("braze:2c70e12b7a0646f92279f427c7b38e7334d8e5389cff167a1dc30e73f826b683:50/PT5S");
	}

	@Test
	void shortNamesAreReadableAndStable() {
		assertThat(Names.partition("2024/members.csv")).isEqualTo("part:2024/members.csv")
			.isEqualTo(Names.partition("2024/members.csv"));
	}

	@Test
	void longNamesFitAndKeepAHashSuffix() {
		// given
		String prefix = "exports/2024-01-15/".repeat(6);

		// when
		String one = Names.partition(prefix + "members-part-0001.csv.gz");
		String two = Names.partition(prefix + "members-part-0002.csv.gz");

		// then
		assertThat(one).hasSizeLessThanOrEqualTo(90).startsWith("part:exports/").matches(".*~[0-9a-f]{12}");
		assertThat(two).hasSizeLessThanOrEqualTo(90);
		assertThat(one).isNotEqualTo(two).isEqualTo(Names.partition(prefix + "members-part-0001.csv.gz"));
	}

	@Test
	void keyRangesArePaddedAlikeSoTheySortInKeyOrder() {
		assertThat(Names.partition(Names.keyRange(3, 8))).isEqualTo("part:keys-03-of-08");
		assertThat(Names.keyRange(7, 120)).isEqualTo("keys-007-of-120");
	}

	@Test
	void nameAtTheLimitIsKeptWhole() {
		String part = "x".repeat(90 - "part:".length());

		assertThat(Names.partition(part)).isEqualTo("part:" + part);
		assertThat(Names.partition(part + "y")).hasSize(90).contains("~");
	}

}
