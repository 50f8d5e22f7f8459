package com.audiencesync.state.snapshot;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;

import javax.sql.DataSource;

import com.audiencesync.state.BinaryWrites;
import org.junit.jupiter.api.Test;

import org.springframework.core.io.FileSystemResource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.jdbc.datasource.init.ResourceDatabasePopulator;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * A snapshot generation reads back as written, page after page; it becomes a target's
 * state only whole, and only by {@link Snapshots#makeCurrent}; a generation a killed
 * writer left is never read and is cleared by the next writer.
 */
class SnapshotsTests {

	final JdbcTemplate jdbc;

	final Snapshots snapshots;

	final int target = 1000 + new Random().nextInt(1_000_000);

	SnapshotsTests() {
		DataSource dataSource = dataSource();
		this.jdbc = new JdbcTemplate(dataSource);
		// small pages: several per test
		this.snapshots = new Snapshots(this.jdbc, new TransactionTemplate(new DataSourceTransactionManager(dataSource)),
				4096, new BinaryWrites(this.jdbc));
	}

	/** A database with the schema applied. */
	DataSource dataSource() {
		DriverManagerDataSource dataSource = new DriverManagerDataSource(
				"jdbc:h2:mem:snapshots-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", "");
		new ResourceDatabasePopulator(new FileSystemResource("sql/schema-h2.sql")).execute(dataSource);
		return dataSource;
	}

	static List<long[]> entries(int count, long seed) {
		Random random = new Random(seed);
		Records records = new Records(Snapshots.WIDTH, count);
		for (int i = 0; i < count; i++) {
			records.add(new long[] { random.nextLong(), random.nextLong(), random.nextLong(), random.nextLong(),
					(i % 3 == 0) ? 0 : random.nextLong() });
		}
		records.sort();
		List<long[]> sorted = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			long[] entry = new long[Snapshots.WIDTH];
			records.get(i, entry);
			sorted.add(entry);
		}
		return sorted;
	}

	static List<long[]> read(Snapshots snapshots, Snapshots.Generation generation, List<byte[]> sealed) {
		List<long[]> read = new ArrayList<>();
		try (GenerationCursor cursor = snapshots.read(generation)) {
			long[] entry = new long[Snapshots.WIDTH];
			while (cursor.next(entry)) {
				read.add(entry.clone());
				if (sealed != null) {
					sealed.add(cursor.sealed());
				}
			}
		}
		return read;
	}

	@Test
	void aGenerationReadsBackAsWrittenAndBecomesTheStateOnlyWhenMadeCurrent() {
		// given a target with no snapshot
		assertThat(this.snapshots.current(this.target)).isEmpty();
		List<long[]> first = entries(1000, 1);

		// when a generation is written (ten pages of about 100 entries)
		GenerationWriter writer = this.snapshots.writer(this.target, 7L, false, null);
		first.forEach((entry) -> writer.add(entry, null));
		Snapshots.Generation written = writer.finish();

		// then it is whole but not yet the state
		assertThat(written.entries()).isEqualTo(1000);
		assertThat(written.pages()).isEqualTo(10);
		assertThat(this.snapshots.current(this.target)).isEmpty();
		assertThat(read(this.snapshots, written, null)).containsExactlyElementsOf(first);

		// when it is made current, then a second one
		this.snapshots.makeCurrent(written);
		assertThat(this.snapshots.current(this.target)).contains(written);
		List<long[]> second = entries(250, 2);
		GenerationWriter next = this.snapshots.writer(this.target, 8L, false, null);
		second.forEach((entry) -> next.add(entry, null));
		Snapshots.Generation newer = next.finish();
		this.snapshots.makeCurrent(newer);

		// then the second is the state, and the first is retired, then gone
		assertThat(this.snapshots.current(this.target)).contains(newer);
		assertThat(read(this.snapshots, this.snapshots.current(this.target).orElseThrow(), null))
			.containsExactlyElementsOf(second);
		assertThat(this.snapshots.deleteRetired(this.target)).isEqualTo(1);
		assertThat(
				this.jdbc.queryForObject("SELECT COUNT(*) FROM AS_SNAPSHOT_PAGE WHERE TARGET_ID = ? AND GENERATION = ?",
						Integer.class, this.target, written.generation()))
			.isZero();
		assertThat(read(this.snapshots, newer, null)).hasSize(250);
	}

	@Test
	void aSealedGenerationKeepsEachEntrysKeyFields() {
		List<long[]> given = entries(300, 3);
		List<byte[]> keys = new ArrayList<>();
		GenerationWriter writer = this.snapshots.writer(this.target, null, true, null);
		for (int i = 0; i < given.size(); i++) {
			// some never sealed, some empty, some long
			byte[] key = (i % 7 == 0) ? null : new byte[(i % 11 == 0) ? 0 : 20 + i];
			if (key != null) {
				new Random(i).nextBytes(key);
			}
			keys.add(key);
			writer.add(given.get(i), key);
		}
		Snapshots.Generation written = writer.finish();

		List<byte[]> sealed = new ArrayList<>();
		assertThat(read(this.snapshots, written, sealed)).containsExactlyElementsOf(given);
		assertThat(sealed).hasSize(300);
		for (int i = 0; i < keys.size(); i++) {
			assertThat(sealed.get(i)).as("sealed key %d", i).isEqualTo(keys.get(i));
		}
	}

	@Test
	void entriesOutOfOrderOrAKeyTwiceAreRefused() {
		List<long[]> given = entries(3, 4);
		GenerationWriter writer = this.snapshots.writer(this.target, null, false, null);
		writer.add(given.get(1), null);
		assertThatIllegalArgumentException().isThrownBy(() -> writer.add(given.get(0), null));
		assertThatIllegalArgumentException().isThrownBy(() -> writer.add(given.get(1), null));
	}

	@Test
	void aGenerationAKilledWriterLeftNeverBecomesTheStateAndTheNextWriterClearsIt() {
		// given a current generation, and a writer killed halfway through the next
		GenerationWriter writer = this.snapshots.writer(this.target, 1L, false, null);
		List<long[]> kept = entries(150, 5);
		kept.forEach((entry) -> writer.add(entry, null));
		Snapshots.Generation current = writer.finish();
		this.snapshots.makeCurrent(current);
		GenerationWriter killed = this.snapshots.writer(this.target, 2L, false, null);
		entries(500, 6).forEach((entry) -> killed.add(entry, null));
		Snapshots.Generation unfinished = new Snapshots.Generation(this.target, current.generation() + 1, 500, 5, false,
				null);

		// then it cannot be made current, and the state is the one before
		assertThatIllegalStateException().isThrownBy(() -> this.snapshots.makeCurrent(unfinished))
			.withMessageContaining("not whole");
		assertThat(this.snapshots.current(this.target)).contains(current);

		// when the next run writes
		GenerationWriter next = this.snapshots.writer(this.target, 3L, false, null);

		// then what the killed writer left is gone
		assertThat(
				this.jdbc.queryForObject("SELECT COUNT(*) FROM AS_SNAPSHOT_PAGE WHERE TARGET_ID = ? AND GENERATION = ?",
						Integer.class, this.target, unfinished.generation()))
			.isZero();
		next.add(entries(1, 7).get(0), null);
		assertThat(next.finish().generation()).isGreaterThan(current.generation());
		assertThat(read(this.snapshots, current, null)).containsExactlyElementsOf(kept);
	}

}
