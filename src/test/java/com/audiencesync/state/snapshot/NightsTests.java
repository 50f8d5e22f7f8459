package com.audiencesync.state.snapshot;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.core.io.FileSystemResource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.jdbc.datasource.init.ResourceDatabasePopulator;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Nights of one target through the repository: partitions plan and store their rows, the
 * merge decides each key once and hands each partition its rows to send, refusals keep
 * the entries of before, and the result becomes current only when the night completes; a
 * merge or a completion done twice (a restart) comes to the same.
 */
class NightsTests {

	@TempDir
	Path work;

	final JdbcTemplate jdbc;

	final TransactionTemplate transactions;

	final int target = 1000 + new Random().nextInt(1_000_000);

	NightsTests() {
		DataSource dataSource = dataSource();
		this.jdbc = new JdbcTemplate(dataSource);
		this.transactions = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
	}

	DataSource dataSource() {
		DriverManagerDataSource dataSource = new DriverManagerDataSource(
				"jdbc:h2:mem:nights-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", "");
		new ResourceDatabasePopulator(new FileSystemResource("sql/schema-h2.sql")).execute(dataSource);
		return dataSource;
	}

	Nights nights() {
		// a small sort: runs spill even here
		return new Nights(this.jdbc, this.transactions, this.work, 64 * 1024);
	}

	static byte[] key(int key) {
		return ByteBuffer.allocate(16).putLong(Long.reverse(key)).putLong(key).array();
	}

	static byte[] print(int payload) {
		return ByteBuffer.allocate(16).putLong(payload).putLong(payload * 31L + 1).array();
	}

	static byte[] identity(int identity) {
		return ByteBuffer.allocate(16).putLong(identity).array();
	}

	/** A night: each partition's rows as {key, payload, identity} by place (1-based). */
	static void plan(Nights nights, int target, String runKey, List<String> parts, List<int[][]> rows) {
		for (int p = 0; p < parts.size(); p++) {
			try (PartitionPlan plan = nights.partition(target, runKey, parts.get(p), false)) {
				int[][] ofPart = rows.get(p);
				for (int i = 0; i < ofPart.length; i++) {
					plan.add(key(ofPart[i][0]), i + 1, print(ofPart[i][1]), identity(ofPart[i][2]), null);
				}
				plan.store();
			}
		}
	}

	static List<Long> sent(Nights nights, int target, String runKey, String part) {
		List<Long> places = new ArrayList<>();
		RecordCursor sends = nights.sends(target, runKey, part);
		long[] send = new long[PlanPages.SEND_WIDTH];
		while (sends.next(send)) {
			places.add(send[0]);
		}
		return places;
	}

	List<long[]> current() {
		Snapshots snapshots = nights().snapshots();
		List<long[]> entries = new ArrayList<>();
		snapshots.current(this.target).ifPresent((generation) -> {
			try (GenerationCursor cursor = snapshots.read(generation)) {
				long[] entry = new long[Snapshots.WIDTH];
				while (cursor.next(entry)) {
					entries.add(entry.clone());
				}
			}
		});
		return entries;
	}

	@Test
	void aNightIsPlannedSentAndMadeCurrentOnlyOnceItCompletes() {
		Nights nights = nights();
		List<String> parts = List.of("a.csv", "b.csv");
		// given a first night: key 1 in both files (two identities), the rest once each,
		// 3,000 keys in all so that pages and sort runs are several
		int[][] a = new int[2000][];
		int[][] b = new int[1001][];
		for (int i = 0; i < 2000; i++) {
			a[i] = new int[] { i + 1, 1, 7 };
		}
		for (int i = 0; i < 1000; i++) {
			b[i] = new int[] { 2001 + i, 1, 7 };
		}
		b[1000] = new int[] { 1, 2, 8 };
		plan(nights, this.target, "2026-12-01", parts, List.of(a, b));

		// when it merges
		NightMerge.Counts counts = nights.merge(this.target, "2026-12-01", parts, false, false, false, 1L);

		// then every key is new, key 1 is sent once (its later row, in b.csv) and is a
		// conflict, and nothing is current yet
		assertThat(counts).usingRecursiveComparison()
			.ignoringFields("pointsUnchanged")
			.isEqualTo(new NightMerge.Counts(0, 3000, 0, 0, 1, 1, 0, 0, 0, 0));
		assertThat(sent(nights, this.target, "2026-12-01", "a.csv")).hasSize(1999).doesNotContain(1L);
		assertThat(sent(nights, this.target, "2026-12-01", "b.csv")).hasSize(1001).contains(1001L);
		assertThat(current()).isEmpty();

		// when the merge runs again (a restart), the vendor refuses key 5, and it
		// completes
		assertThat(nights.merge(this.target, "2026-12-01", parts, false, false, false, 2L)).isEqualTo(counts);
		nights.refused(this.target, "2026-12-01", List.of(key(5)));
		nights.complete(this.target, "2026-12-01", 2L);

		// then the state holds every key but the refused one, key 1 as b.csv had it
		List<long[]> state = current();
		assertThat(state).hasSize(2999);
		assertThat(state).noneSatisfy((entry) -> assertThat(entry[1]).isEqualTo(5));
		assertThat(state).anySatisfy((entry) -> {
			assertThat(entry[1]).isEqualTo(1);
			assertThat(entry[2]).isEqualTo(2);
		});
		// and the plan is gone; completing again changes nothing
		assertThat(this.jdbc.queryForObject("SELECT COUNT(*) FROM AS_PLAN_PAGE WHERE TARGET_ID = ?", Integer.class,
				this.target))
			.isZero();
		nights.complete(this.target, "2026-12-01", 3L);
		assertThat(current()).hasSize(2999);

		// when the next night changes key 2, keeps key 1 in both files, and key 5 comes
		// back
		a[1] = new int[] { 2, 9, 7 };
		plan(nights, this.target, "2026-12-02", parts, List.of(a, b));
		NightMerge.Counts next = nights.merge(this.target, "2026-12-02", parts, false, false, false, 4L);

		// then only key 2 and the refused key 5 are sent; the shared key costs nothing
		assertThat(next).usingRecursiveComparison()
			.ignoringFields("pointsUnchanged")
			.isEqualTo(new NightMerge.Counts(2999, 1, 1, 2998, 1, 1, 0, 0, 0, 0));
		assertThat(sent(nights, this.target, "2026-12-02", "a.csv")).containsExactly(2L, 5L);
		assertThat(sent(nights, this.target, "2026-12-02", "b.csv")).isEmpty();

		// when the vendor refuses key 2 this time
		nights.refused(this.target, "2026-12-02", List.of(key(2)));
		nights.complete(this.target, "2026-12-02", 4L);

		// then key 2 keeps its payload of the night before
		assertThat(current()).hasSize(3000).anySatisfy((entry) -> {
			assertThat(entry[1]).isEqualTo(2);
			assertThat(entry[2]).isEqualTo(1);
		});
		assertThat(this.jdbc.queryForObject("SELECT COUNT(*) FROM AS_SNAPSHOT WHERE TARGET_ID = ?", Integer.class,
				this.target))
			.as("one generation left")
			.isEqualTo(1);
	}

}
