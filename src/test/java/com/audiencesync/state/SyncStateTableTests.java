package com.audiencesync.state;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;

import org.springframework.core.io.FileSystemResource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.jdbc.datasource.init.ResourceDatabasePopulator;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What {@link SyncState} writes is what it reads back, whatever the strings hold and
 * however large a chunk's sealed keys are (on MySQL they go as SQL literals, split into
 * statements of about 512 KB).
 */
class SyncStateTableTests {

	/**
	 * The sync state's table as a repository made before 2026-12 has it: by job and
	 * destination name, the key hash first in the primary key.
	 */
	static final String EARLIER_TABLE = "CREATE TABLE AS_SYNC_STATE (JOB_NAME VARCHAR(100) NOT NULL, DESTINATION VARCHAR(100) "
			+ "NOT NULL, KEY_HASH VARBINARY(32) NOT NULL, FINGERPRINT VARBINARY(32) NOT NULL, IDENTITY_HASH "
			+ "VARBINARY(32), KEY_SEALED VARBINARY(2048), RUN_KEY VARCHAR(100) NOT NULL, JOB_EXECUTION_ID BIGINT "
			+ "NOT NULL, SEEN_RUN VARCHAR(100), UPDATED_AT TIMESTAMP(6) NOT NULL, "
			+ "PRIMARY KEY (KEY_HASH, JOB_NAME, DESTINATION))";

	private final DataSource dataSource;

	final JdbcTemplate jdbc;

	SyncStateTableTests() {
		this.dataSource = dataSource();
		this.jdbc = new JdbcTemplate(this.dataSource);
		this.jdbc.update("DELETE FROM AS_SYNC_KEY WHERE TARGET_ID IN (SELECT TARGET_ID FROM AS_SYNC_TARGET "
				+ "WHERE JOB_NAME LIKE 'state-table-%')");
	}

	/** A database with the schema applied. */
	DataSource dataSource() {
		DriverManagerDataSource dataSource = new DriverManagerDataSource(
				"jdbc:h2:mem:state-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", "");
		new ResourceDatabasePopulator(new FileSystemResource("sql/schema-h2.sql")).execute(dataSource);
		return dataSource;
	}

	@Test
	void stringsThatAreNotPlainAndBinaryValuesAreStoredAsTheyWere() {
		SyncState state = new SyncState(this.jdbc, this.dataSource);
		String job = "state-table-" + UUID.randomUUID().toString().substring(0, 8);
		String runKey = "2026-12-02 o'clock \\ \"ü\" ; DROP TABLE AS_SYNC_KEY; --";
		SyncState.Entry plain = new SyncState.Entry(hash(1), hash(2), hash(3), new byte[] { 0, '\'', '\\', -1 },
				"2026-12-02");
		SyncState.Entry odd = new SyncState.Entry(hash(4), hash(5), null, null, runKey);

		state.save(target(job, "marketap/profiles"), List.of(plain, odd), "seen 'ü'");

		Map<Hash, SyncState.Stored> found = state.find(target(job, "marketap/profiles"),
				List.of(hash(1), hash(4), hash(9)));
		assertThat(found).containsOnlyKeys(hash(1), hash(4));
		assertThat(found.get(hash(1))).isEqualTo(new SyncState.Stored(hash(2), hash(3), "2026-12-02", true));
		assertThat(found.get(hash(4))).isEqualTo(new SyncState.Stored(hash(5), null, runKey, false));
		assertThat(this.jdbc.queryForObject(
				"SELECT KEY_SEALED FROM AS_SYNC_KEY k JOIN AS_SYNC_TARGET t ON t.TARGET_ID = k.TARGET_ID WHERE t.JOB_NAME = ? AND RUN_KEY = ?",
				byte[].class, job, "2026-12-02"))
			.containsExactly(0, '\'', '\\', -1);
		assertThat(this.jdbc.queryForList(
				"SELECT SEEN_RUN FROM AS_SYNC_KEY k JOIN AS_SYNC_TARGET t ON t.TARGET_ID = k.TARGET_ID WHERE t.JOB_NAME = ?",
				String.class, job))
			.containsOnly("seen 'ü'");
		assertThat(state.count(target(job, "marketap/profiles"))).isEqualTo(2);
		// and a run key like it marks keys seen and finds the others
		state.markSeen(target(job, "marketap/profiles"), List.of(hash(1)), runKey);
		assertThat(state.countUnseen(target(job, "marketap/profiles"), runKey)).isEqualTo(1);
		assertThat(state.unseen(target(job, "marketap/profiles"), runKey, null, 10))
			.extracting(SyncState.Unseen::keyHash)
			.containsExactly(hash(4));
	}

	@Test
	void aKeyGivenTwiceInAChunkKeepsTheLaterWhateverTheKeysOrder() {
		// a chunk's keys are written in key order: the later of a key's two rows still
		// wins
		SyncState state = new SyncState(this.jdbc, this.dataSource);
		String job = "state-table-" + UUID.randomUUID().toString().substring(0, 8);
		Hash high = new Hash(new byte[] { (byte) 0xFF, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15 });

		state.save(target(job, "groobee/personalizations"),
				List.of(new SyncState.Entry(hash(5), hash(50), hash(500), null, "2026-12-02"),
						new SyncState.Entry(high, hash(60), null, null, "2026-12-02"),
						new SyncState.Entry(hash(1), hash(10), null, null, "2026-12-02"),
						new SyncState.Entry(hash(5), hash(51), hash(501), null, "2026-12-02")),
				null);

		Map<Hash, SyncState.Stored> found = state.find(target(job, "groobee/personalizations"),
				List.of(hash(1), hash(5), high));
		assertThat(found).hasSize(3);
		assertThat(found.get(hash(5))).isEqualTo(new SyncState.Stored(hash(51), hash(501), "2026-12-02", false));
		assertThat(found.get(high).fingerprint()).isEqualTo(hash(60));
		assertThat(hash(1)).isLessThan(high);
	}

	@Test
	void twoChunksWritingTheSameKeysInOppositeOrdersDoNotDeadlock() throws Exception {
		// given two partitions whose files share keys, one reading them in the other's
		// reverse order, each chunk in its own transaction, 300 new keys a round
		SyncState state = new SyncState(this.jdbc, this.dataSource);
		String job = "state-table-" + UUID.randomUUID().toString().substring(0, 8);
		state.prepare(target(job, "groobee/personalizations"));
		TransactionTemplate chunk = new TransactionTemplate(new DataSourceTransactionManager(this.dataSource));
		java.util.concurrent.ExecutorService partitions = java.util.concurrent.Executors.newFixedThreadPool(2);
		int rounds = 50;
		try {
			// when they commit at the same time, round after round
			for (int round = 0; round < rounds; round++) {
				List<SyncState.Entry> forward = new ArrayList<>();
				for (int i = round * 300; i < (round + 1) * 300; i++) {
					forward.add(new SyncState.Entry(hash(i), hash(i + 1), null, null, "2026-12-02"));
				}
				List<SyncState.Entry> backward = new ArrayList<>(forward);
				java.util.Collections.reverse(backward);
				java.util.concurrent.CyclicBarrier together = new java.util.concurrent.CyclicBarrier(2);
				List<java.util.concurrent.Future<?>> chunks = new ArrayList<>();
				for (List<SyncState.Entry> entries : List.of(forward, backward)) {
					chunks.add(partitions.submit(() -> chunk.executeWithoutResult((status) -> {
						await(together);
						state.save(target(job, "groobee/personalizations"), entries, null);
					})));
				}
				// then neither is a deadlock's victim nor finds the other's new key in
				// its way (H2)
				for (java.util.concurrent.Future<?> each : chunks) {
					each.get(60, java.util.concurrent.TimeUnit.SECONDS);
				}
			}
		}
		finally {
			partitions.shutdownNow();
		}
		assertThat(state.count(target(job, "groobee/personalizations"))).isEqualTo(300L * rounds);
	}

	private static void await(java.util.concurrent.CyclicBarrier barrier) {
		try {
			barrier.await(30, java.util.concurrent.TimeUnit.SECONDS);
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	@Test
	void aChunkLargerThanOneStatementIsWrittenWhole() {
		// given 3,000 keys with 2,000-byte sealed keys: 12 MB of hex in SQL
		SyncState state = new SyncState(this.jdbc, this.dataSource);
		String job = "state-table-" + UUID.randomUUID().toString().substring(0, 8);
		List<SyncState.Entry> entries = new ArrayList<>();
		List<Hash> keys = new ArrayList<>();
		for (int i = 0; i < 3000; i++) {
			byte[] sealed = new byte[2000];
			Arrays.fill(sealed, (byte) i);
			keys.add(hash(i));
			entries.add(new SyncState.Entry(hash(i), hash(i + 1), null, sealed, "2026-12-02"));
		}

		// when saved as one chunk, then again with new fingerprints
		state.save(target(job, "marketap/profiles"), entries, "2026-12-02");
		state.save(target(job, "marketap/profiles"), entries.stream()
			.map((entry) -> new SyncState.Entry(entry.keyHash(), hash(7), null, entry.keySealed(), "2026-12-03"))
			.toList(), "2026-12-03");

		// then each key is there once, as last written
		assertThat(state.count(target(job, "marketap/profiles"))).isEqualTo(3000);
		Map<Hash, SyncState.Stored> found = state.find(target(job, "marketap/profiles"), keys);
		assertThat(found).hasSize(3000);
		assertThat(found.values()).allSatisfy((stored) -> {
			assertThat(stored.fingerprint()).isEqualTo(hash(7));
			assertThat(stored.runKey()).isEqualTo("2026-12-03");
		});
		assertThat(this.jdbc.queryForObject(
				"SELECT KEY_SEALED FROM AS_SYNC_KEY k JOIN AS_SYNC_TARGET t ON t.TARGET_ID = k.TARGET_ID WHERE t.JOB_NAME = ? ORDER BY KEY_HASH LIMIT 1",
				byte[].class, job))
			.hasSize(2000);
	}

	@Test
	void keysNotSeenByARunAreListedInKeyOrderAndDeleted() {
		SyncState state = new SyncState(this.jdbc, this.dataSource);
		String job = "state-table-" + UUID.randomUUID().toString().substring(0, 8);
		List<SyncState.Entry> entries = new ArrayList<>();
		for (int i = 0; i < 10; i++) {
			entries.add(new SyncState.Entry(hash(i), hash(0), null, new byte[] { (byte) i }, "2026-12-01"));
		}
		state.save(target(job, "marketap/profiles"), entries, "2026-12-01");
		state.markSeen(target(job, "marketap/profiles"), List.of(hash(2), hash(5)), "2026-12-02");

		List<SyncState.Unseen> first = state.unseen(target(job, "marketap/profiles"), "2026-12-02", null, 5);
		List<SyncState.Unseen> rest = state.unseen(target(job, "marketap/profiles"), "2026-12-02",
				first.get(4).keyHash(), 5);

		assertThat(first).extracting(SyncState.Unseen::keyHash)
			.containsExactly(hash(0), hash(1), hash(3), hash(4), hash(6));
		assertThat(rest).extracting(SyncState.Unseen::keyHash).containsExactly(hash(7), hash(8), hash(9));
		assertThat(state.countUnseen(target(job, "marketap/profiles"), "2026-12-02")).isEqualTo(8);
		state.delete(target(job, "marketap/profiles"), List.of(hash(0), hash(1)));
		assertThat(state.count(target(job, "marketap/profiles"))).isEqualTo(8);
	}

	@Test
	void readingADestinationNeverWrittenMakesNothingAndPreparingMakesIt() {
		// given a job whose destination the state never held (a dry run's first look)
		SyncState state = new SyncState(this.jdbc, this.dataSource);
		String job = "state-table-" + UUID.randomUUID().toString().substring(0, 8);

		// when it is read
		assertThat(state.find(target(job, "marketap/profiles"), List.of(hash(1)))).isEmpty();
		assertThat(state.count(target(job, "marketap/profiles"))).isZero();
		assertThat(state.countUnseen(target(job, "marketap/profiles"), "2026-12-02")).isZero();
		assertThat(state.unseen(target(job, "marketap/profiles"), "2026-12-02", null, 10)).isEmpty();
		state.delete(target(job, "marketap/profiles"), List.of(hash(1)));

		// then nothing was written
		assertThat(targets(job)).isZero();
		// and a run prepares it before its first chunk, once
		state.prepare(target(job, "marketap/profiles"));
		new SyncState(this.jdbc, this.dataSource).prepare(target(job, "marketap/profiles"));
		assertThat(targets(job)).isEqualTo(1);
		assertThat(state.count(target(job, "marketap/profiles"))).isZero();
	}

	/** A job's destination in the account the tests write to. */
	static Target target(String job, String destination) {
		return new Target(job, destination, "https://api.example.com key 0011223344556677");
	}

	private long targets(String job) {
		return this.jdbc.queryForObject("SELECT COUNT(*) FROM AS_SYNC_TARGET WHERE JOB_NAME = ?", Long.class, job);
	}

	@Test
	void aTargetMadeInAChunkThatRollsBackIsKeptAndKeysWrittenByAnotherProcessAreFound() {
		// given a chunk's transaction that writes a new target's first keys and rolls
		// back
		SyncState state = new SyncState(this.jdbc, this.dataSource);
		String job = "state-table-" + UUID.randomUUID().toString().substring(0, 8);
		TransactionTemplate chunk = new TransactionTemplate(new DataSourceTransactionManager(this.dataSource));
		chunk.executeWithoutResult((status) -> {
			state.save(target(job, "marketap/profiles"),
					List.of(new SyncState.Entry(hash(1), hash(2), null, null, "2026-12-02")), "2026-12-02");
			status.setRollbackOnly();
		});

		// then the keys are gone and the target is not
		assertThat(state.count(target(job, "marketap/profiles"))).isZero();
		assertThat(this.jdbc.queryForObject("SELECT COUNT(*) FROM AS_SYNC_TARGET WHERE JOB_NAME = ?", Long.class, job))
			.isEqualTo(1);
		// and another process (its own SyncState) writes under the same target
		new SyncState(this.jdbc, this.dataSource).save(target(job, "marketap/profiles"),
				List.of(new SyncState.Entry(hash(1), hash(3), null, null, "2026-12-03")), "2026-12-03");
		assertThat(state.find(target(job, "marketap/profiles"), List.of(hash(1))))
			.isEqualTo(Map.of(hash(1), new SyncState.Stored(hash(3), null, "2026-12-03", false)));
	}

	@Test
	void theStateOfARepositoryMadeBeforeDecember2026MovesToTheKeysTableOnce() {
		// given the state as a repository made before 2026-12 kept it: by job and
		// destination name, the key hash first in the primary key, an index on SEEN_RUN
		String job = "state-table-" + UUID.randomUUID().toString().substring(0, 8);
		this.jdbc.execute("DROP TABLE IF EXISTS AS_SYNC_STATE");
		this.jdbc.execute(EARLIER_TABLE);
		this.jdbc.execute("CREATE INDEX AS_SYNC_STATE_SEEN ON AS_SYNC_STATE (JOB_NAME, DESTINATION, SEEN_RUN)");
		String insert = "INSERT INTO AS_SYNC_STATE VALUES (?, ?, ?, ?, ?, ?, ?, 1, ?, CURRENT_TIMESTAMP(6))";
		this.jdbc.update(insert, job, "marketap/profiles", hash(1).bytes(), hash(11).bytes(), null, new byte[] { 7 },
				"2026-11-30", "2026-11-30");
		this.jdbc.update(insert, job, "marketap/profiles", hash(2).bytes(), hash(12).bytes(), hash(22).bytes(), null,
				"2026-11-29", null);
		this.jdbc.update(insert, job, "hackle/properties", hash(1).bytes(), hash(13).bytes(), null, null, "2026-11-30",
				"2026-11-30");

		// when this version starts on it
		SyncState state = new SyncState(this.jdbc, this.dataSource);

		// then each key is the same in the keys' table, under its job and destination
		assertThat(state.find(target(job, "marketap/profiles"), List.of(hash(1), hash(2))))
			.isEqualTo(Map.of(hash(1), new SyncState.Stored(hash(11), null, "2026-11-30", true), hash(2),
					new SyncState.Stored(hash(12), hash(22), "2026-11-29", false)));
		assertThat(state.find(target(job, "hackle/properties"), List.of(hash(1), hash(2))))
			.isEqualTo(Map.of(hash(1), new SyncState.Stored(hash(13), null, "2026-11-30", false)));
		assertThat(state.countUnseen(target(job, "marketap/profiles"), "2026-11-30")).isEqualTo(1);
		// and the old table holds none of them
		assertThat(this.jdbc.queryForObject("SELECT COUNT(*) FROM AS_SYNC_STATE", Long.class)).isZero();
		// and a second start moves nothing and loses nothing
		new SyncState(this.jdbc, this.dataSource);
		assertThat(state.count(target(job, "marketap/profiles"))).isEqualTo(2);
		assertThat(state.count(target(job, "hackle/properties"))).isEqualTo(1);
		this.jdbc.execute("DROP TABLE AS_SYNC_STATE");
	}

	@Test
	void aTargetsTableMadeBeforeAccountsGetsTheColumnAndItsTargetGoesToTheFirstLiveAccount() {
		// given AS_SYNC_TARGET as a repository made before accounts kept it, with a key
		String job = "state-table-" + UUID.randomUUID().toString().substring(0, 8);
		String destination = "groobee/personalizations";
		int legacy = 2_000_000_000;
		replaceTargetsWithEarlier();
		try {
			this.jdbc.update("INSERT INTO AS_SYNC_TARGET (TARGET_ID, JOB_NAME, DESTINATION, CREATED_AT) "
					+ "VALUES (?, ?, ?, CURRENT_TIMESTAMP(6))", legacy, job, destination);
			this.jdbc.update(
					"INSERT INTO AS_SYNC_KEY (TARGET_ID, KEY_HASH, FINGERPRINT, RUN_KEY, UPDATED_AT) "
							+ "VALUES (?, ?, ?, '2026-11-30', CURRENT_TIMESTAMP(6))",
					legacy, hash(1).bytes(), hash(2).bytes());

			// when this version's schema is applied on it, twice
			ResourceDatabasePopulator schema = new ResourceDatabasePopulator(new FileSystemResource(schema()));
			schema.execute(this.dataSource);
			schema.execute(this.dataSource);
			SyncState state = new SyncState(this.jdbc, this.dataSource);

			// then a sandbox's run neither reads nor takes it
			Target sandbox = new Target(job, destination, Target.SANDBOX);
			assertThat(state.find(sandbox, List.of(hash(1)))).isEmpty();
			state.prepare(sandbox);
			// and the first live account reads it, then takes it over when it writes
			Target live = target(job, destination);
			assertThat(state.find(live, List.of(hash(1)))).containsOnlyKeys(hash(1));
			state.prepare(live);
			assertThat(this.jdbc.queryForObject("SELECT ACCOUNT FROM AS_SYNC_TARGET WHERE TARGET_ID = ?", String.class,
					legacy))
				.isEqualTo(live.account());
			// and another account, later, starts from nothing
			Target other = new Target(job, destination, "https://api.example.com key ffeeddccbbaa9988");
			SyncState later = new SyncState(this.jdbc, this.dataSource);
			assertThat(later.find(other, List.of(hash(1)))).isEmpty();
			later.save(other, List.of(new SyncState.Entry(hash(1), hash(3), null, null, "2026-12-01")), null);
			assertThat(later.find(live, List.of(hash(1))).get(hash(1)).fingerprint()).isEqualTo(hash(2));
			assertThat(later.find(other, List.of(hash(1))).get(hash(1)).fingerprint()).isEqualTo(hash(3));
		}
		finally {
			restoreTargets();
			this.jdbc.update("DELETE FROM AS_SYNC_KEY WHERE TARGET_ID = ?", legacy);
		}
	}

	/** This database's schema script. */
	String schema() {
		return "sql/schema-h2.sql";
	}

	/** Puts AS_SYNC_TARGET as it was before accounts in place of today's. */
	void replaceTargetsWithEarlier() {
		// a database of this test's own
		this.jdbc.execute("DROP TABLE AS_SYNC_TARGET");
		this.jdbc.execute("CREATE TABLE AS_SYNC_TARGET (TARGET_ID INT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY, "
				+ "JOB_NAME VARCHAR(100) NOT NULL, DESTINATION VARCHAR(100) NOT NULL, CREATED_AT TIMESTAMP(6) NOT NULL, "
				+ "CONSTRAINT AS_SYNC_TARGET_NAME UNIQUE (JOB_NAME, DESTINATION))");
	}

	/** Puts today's AS_SYNC_TARGET back, for the tests after. */
	void restoreTargets() {
	}

	/** A 16-byte hash that sorts by {@code n} (unsigned bytes, as the databases sort). */
	static Hash hash(int n) {
		byte[] bytes = new byte[16];
		bytes[14] = (byte) (n >> 8);
		bytes[15] = (byte) n;
		bytes[0] = (byte) 0xf0;
		return new Hash(bytes);
	}

}
