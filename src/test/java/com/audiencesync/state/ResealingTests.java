package com.audiencesync.state;

import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import org.springframework.core.io.FileSystemResource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.jdbc.datasource.init.ResourceDatabasePopulator;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Sealing everything again pages through the whole table (several jobs, destinations and
 * pages), passes each value's own context, and leaves what is already under the primary.
 */
class ResealingTests {

	private final JdbcTemplate jdbc;

	private final Targets targets;

	ResealingTests() {
		DriverManagerDataSource dataSource = new DriverManagerDataSource(
				"jdbc:h2:mem:resealing-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", "");
		new ResourceDatabasePopulator(new FileSystemResource("sql/schema-h2.sql")).execute(dataSource);
		this.jdbc = new JdbcTemplate(dataSource);
		this.targets = new Targets(dataSource);
	}

	@Test
	void everyMirroredKeyIsSealedAgainWithItsJobAndDestinationOnce() {
		// given 1,300 sealed keys over two jobs and two destinations, and 20 never sealed
		int keys = 0;
		for (String job : List.of("a", "b")) {
			for (String destination : List.of("marketap/profiles", "hackle/properties")) {
				for (int i = 0; i < 325; i++) {
					insert(job, destination, keys++, ("old:" + job + "\u0000" + destination).getBytes());
				}
				for (int i = 0; i < 5; i++) {
					insert(job, destination, keys++, null);
				}
			}
		}
		Resealing resealing = new Resealing(this.jdbc);
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
		Resealing.Count first = resealing.mirroredKeys(resealer);
		Resealing.Count second = resealing.mirroredKeys(resealer);

		// then each was rewritten once, with its own context
		assertThat(first).isEqualTo(new Resealing.Count(1300, 1300));
		assertThat(second).isEqualTo(new Resealing.Count(1300, 0));
		assertThat(wrongContext).hasValue(0);
		assertThat(
				this.jdbc.queryForList("SELECT KEY_SEALED FROM AS_SYNC_KEY WHERE KEY_SEALED IS NOT NULL", byte[].class))
			.hasSize(1300)
			.allSatisfy((sealed) -> assertThat(new String(sealed, StandardCharsets.UTF_8)).startsWith("new:"));
	}

	@Test
	void keysStillInTheStateTableOfBeforeDecember2026AreMovedAndSealedAgain() {
		// given a sealed key as a repository made before 2026-12 keeps it
		this.jdbc.execute(SyncStateTableTests.EARLIER_TABLE);
		this.jdbc.update(
				"INSERT INTO AS_SYNC_STATE VALUES ('a', 'marketap/profiles', ?, ?, NULL, ?, '2026-11-22', 1, "
						+ "NULL, CURRENT_TIMESTAMP(6))",
				new byte[16], new byte[16], "old:a\u0000marketap/profiles".getBytes(StandardCharsets.UTF_8));

		// when everything is sealed again
		Resealing.Count count = new Resealing(this.jdbc)
			.mirroredKeys((ciphertext, context) -> ("new:" + context).getBytes(StandardCharsets.UTF_8));

		// then it was moved and sealed again with its job and destination
		assertThat(count).isEqualTo(new Resealing.Count(1, 1));
		assertThat(this.jdbc.queryForObject("SELECT KEY_SEALED FROM AS_SYNC_KEY", byte[].class))
			.asString(StandardCharsets.UTF_8)
			.isEqualTo("new:a\u0000marketap/profiles");
	}

	private void insert(String job, String destination, int key, byte[] sealed) {
		byte[] hash = Arrays.copyOf(Integer.toString(key * 7919 % 10007).getBytes(), 16);
		this.jdbc.update(
				"INSERT INTO AS_SYNC_KEY (TARGET_ID, KEY_HASH, FINGERPRINT, KEY_SEALED, RUN_KEY, UPDATED_AT) "
						+ "VALUES (?, ?, ?, ?, '2026-11-22', ?)",
				this.targets.of(new Target(job, destination, Target.LEGACY)), hash, new byte[16], sealed,
				Timestamp.from(Instant.now()));
	}

}
