package com.audiencesync.state.snapshot;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;

import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.RepetitionInfo;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The night's merge against a plain model of what a night must do: per key, the last
 * readable row (by partition, then row) is the one kept, sent once and only if it differs
 * from the snapshot; every other readable row of the key is superseded; two identities
 * among a key's rows are a conflict; keys no row has are absent and kept.
 */
class NightMergeTests {

	/** A row of the night, as the model sees it. */
	record Row(int key, int partition, long position, int payload, int identity, boolean readable) {

		long[] record() {
			return new long[] { key0(this.key), key1(this.key), NightRecord.origin(this.partition, this.position),
					this.readable ? 1000L + this.payload : 0, this.readable ? 7L * this.payload : 0, this.identity };
		}

		long origin() {
			return NightRecord.origin(this.partition, this.position);
		}

		/** Its key fields as a mirror's plan seals them: told apart by row. */
		byte[] sealed() {
			return ("row-" + this.key + "-" + origin()).getBytes(StandardCharsets.US_ASCII);
		}

	}

	/** A key's fields as a snapshot of a mirror holds them. */
	static byte[] heldSealed(int key) {
		return ("held-" + key).getBytes(StandardCharsets.US_ASCII);
	}

	// keys spread over the unsigned order, some with the sign bit set
	static long key0(int key) {
		return Long.reverse(key) ^ 0x5555_0000_0000_0000L;
	}

	static long key1(int key) {
		return key * 31L;
	}

	static long[] entry(int key, int payload, int identity) {
		return new long[] { key0(key), key1(key), 1000L + payload, 7L * payload, identity };
	}

	/** What a merge told its sink. */
	static final class Recorded implements NightMerge.Sink {

		final Map<Long, Boolean> sent = new TreeMap<>();

		final Set<Long> superseded = new LinkedHashSet<>();

		final List<List<Long>> conflicts = new ArrayList<>();

		final List<long[]> entries = new ArrayList<>();

		final List<long[]> absent = new ArrayList<>();

		/** The sealed key fields of each entry, by its key's first long. */
		final Map<Long, String> entrySealed = new HashMap<>();

		/** The keys deleted, by their first long, with their sealed key fields. */
		final Map<Long, String> deleted = new HashMap<>();

		@Override
		public void send(long origin, long fingerprint0, long fingerprint1, boolean created) {
			assertThat(this.sent.put(origin, created)).as("row %d sent once", origin).isNull();
		}

		@Override
		public void superseded(long origin, long by) {
			assertThat(by).isGreaterThan(origin);
			this.superseded.add(origin);
		}

		@Override
		public void conflict(long[] origins, int count) {
			List<Long> rows = new ArrayList<>();
			for (int i = 0; i < count; i++) {
				rows.add(origins[i]);
			}
			this.conflicts.add(rows);
		}

		@Override
		public void entry(long[] entry, byte[] sealed) {
			this.entries.add(entry.clone());
			if (sealed != null) {
				this.entrySealed.put(entry[0], new String(sealed, StandardCharsets.US_ASCII));
			}
		}

		@Override
		public void absent(long[] entry, byte[] sealed) {
			this.absent.add(entry.clone());
		}

		@Override
		public void delete(long[] entry, byte[] sealed) {
			assertThat(sealed).as("a deleted key's fields").isNotNull();
			this.deleted.put(entry[0], new String(sealed, StandardCharsets.US_ASCII));
		}

	}

	static EntryCursor cursor(List<long[]> entries, Map<Long, byte[]> sealed) {
		List<long[]> sorted = new ArrayList<>(entries);
		sorted.sort((a, b) -> Records.compare(a, b, 2));
		return new EntryCursor() {
			private int next;

			private byte[] last;

			@Override
			public boolean next(long[] into) {
				if (this.next >= sorted.size()) {
					return false;
				}
				System.arraycopy(sorted.get(this.next++), 0, into, 0, Snapshots.WIDTH);
				this.last = sealed.get(into[0]);
				return true;
			}

			@Override
			public byte[] sealed() {
				return this.last;
			}
		};
	}

	static Recorded merge(List<Row> rows, List<long[]> snapshot, boolean resync, NightMerge.Counts[] counts) {
		return merge(rows, snapshot, Map.of(), resync, false, counts);
	}

	/**
	 * A merge; a mirror's rows carry their sealed key fields, and its snapshot those of
	 * the keys in {@code sealed} (by their first long).
	 */
	static Recorded merge(List<Row> rows, List<long[]> snapshot, Map<Long, byte[]> sealed, boolean resync,
			boolean mirror, NightMerge.Counts[] counts) {
		Records night = new Records(NightRecord.WIDTH, rows.size());
		rows.forEach((row) -> night.add(row.record()));
		night.sort();
		Map<Long, byte[]> rowSealed = new HashMap<>();
		rows.forEach((row) -> rowSealed.put(row.origin(), row.sealed()));
		Recorded recorded = new Recorded();
		counts[0] = NightMerge.merge(new RecordCursor() {
			private int next;

			private byte[] last;

			@Override
			public boolean next(long[] into) {
				if (this.next >= night.size()) {
					return false;
				}
				night.get(this.next++, into);
				this.last = mirror ? rowSealed.get(into[NightRecord.ORIGIN]) : null;
				return true;
			}

			@Override
			public byte[] sealed() {
				return this.last;
			}
		}, (snapshot != null) ? cursor(snapshot, sealed) : null, resync, mirror, recorded);
		return recorded;
	}

	@Test
	void aKeyInTwoFilesIsSentOnceAsItsLastRowAndNotAtAllWhenThatRowIsHeld() {
		// given one phone number in two files (two member ids), the later file's row held
		List<Row> rows = List.of(new Row(1, 0, 5, 10, 100, true), new Row(1, 1, 2, 11, 101, true),
				new Row(2, 0, 6, 20, 200, true));
		List<long[]> snapshot = List.of(entry(1, 11, 101), entry(2, 19, 200), entry(3, 30, 300));
		NightMerge.Counts[] counts = new NightMerge.Counts[1];

		// when the night merges
		Recorded recorded = merge(rows, snapshot, false, counts);

		// then the shared key costs nothing, its earlier row is superseded, its two
		// identities are a conflict, key 2 is updated and key 3 absent but kept
		assertThat(recorded.sent).containsOnlyKeys(NightRecord.origin(0, 6));
		assertThat(recorded.superseded).containsExactly(NightRecord.origin(0, 5));
		assertThat(recorded.conflicts).containsExactly(List.of(NightRecord.origin(0, 5), NightRecord.origin(1, 2)));
		assertThat(counts[0]).usingRecursiveComparison()
			.ignoringFields("pointsUnchanged")
			.isEqualTo(new NightMerge.Counts(3, 0, 1, 1, 1, 1, 1, 0, 0, 0));
		assertThat(recorded.entries).hasSize(3);
		assertThat(recorded.entries).anySatisfy((entry) -> assertThat(entry).containsExactly(entry(2, 20, 200)));
		assertThat(counts[0].changeRatio()).isEqualTo(1.0 / 3);
	}

	@RepeatedTest(200)
	void everyNightMatchesTheModel(RepetitionInfo repetition) {
		Random random = new Random(repetition.getCurrentRepetition() * 7919L);
		int keys = 1 + random.nextInt(60);
		List<Row> rows = new ArrayList<>();
		long[] positions = new long[4];
		for (int key = 0; key < keys; key++) {
			int copies = (random.nextInt(4) == 0) ? 0 : 1 + ((random.nextInt(5) == 0) ? random.nextInt(3) : 0);
			for (int c = 0; c < copies; c++) {
				int partition = random.nextInt(positions.length);
				rows.add(new Row(key, partition, positions[partition]++, random.nextInt(3),
						(random.nextInt(3) == 0) ? 0 : 1 + random.nextInt(2), random.nextInt(8) != 0));
			}
		}
		List<long[]> snapshot = new ArrayList<>();
		Map<Integer, long[]> held = new HashMap<>();
		// a mirror's snapshot holds most keys' fields (not those sent before it mirrored)
		boolean mirror = random.nextBoolean();
		Map<Long, byte[]> heldSealed = new HashMap<>();
		for (int key = 0; key < keys; key++) {
			if (random.nextBoolean()) {
				long[] entry = entry(key, random.nextInt(3), 1);
				snapshot.add(entry);
				held.put(key, entry);
				if (random.nextInt(5) != 0) {
					heldSealed.put(key0(key), heldSealed(key));
				}
			}
		}
		boolean resync = random.nextInt(10) == 0;
		NightMerge.Counts[] counts = new NightMerge.Counts[1];

		Recorded recorded = merge(rows, random.nextInt(10) == 0 && snapshot.isEmpty() ? null : snapshot, heldSealed,
				resync, mirror, counts);

		// the model
		Map<Long, Boolean> sent = new TreeMap<>();
		Set<Long> superseded = new LinkedHashSet<>();
		long create = 0;
		long update = 0;
		long unchanged = 0;
		long conflicts = 0;
		long unreadable = 0;
		Set<Integer> seen = new LinkedHashSet<>();
		Map<Long, String> entrySealed = new HashMap<>();
		for (int key = 0; key < keys; key++) {
			int k = key;
			List<Row> ofKey = new ArrayList<>(rows.stream().filter((row) -> row.key() == k).toList());
			if (ofKey.isEmpty()) {
				continue;
			}
			seen.add(key);
			ofKey.sort((a, b) -> Long.compare(a.origin(), b.origin()));
			List<Row> readable = ofKey.stream().filter(Row::readable).toList();
			if (readable.isEmpty()) {
				unreadable++;
				continue;
			}
			Row kept = readable.get(readable.size() - 1);
			// a mirror keeps the fields as sealed tonight; others keep what they held
			byte[] sealed = mirror ? kept.sealed() : heldSealed.get(key0(key));
			if (sealed != null) {
				entrySealed.put(key0(key), new String(sealed, StandardCharsets.US_ASCII));
			}
			readable.subList(0, readable.size() - 1).forEach((row) -> superseded.add(row.origin()));
			if (readable.stream().map(Row::identity).filter((id) -> id != 0).distinct().count() > 1) {
				conflicts++;
			}
			long[] before = held.get(key);
			if (before == null) {
				create++;
				sent.put(kept.origin(), true);
			}
			else if (!Arrays.equals(Arrays.copyOfRange(before, 2, 4),
					Arrays.copyOfRange(kept.record(), NightRecord.FINGERPRINT_0, NightRecord.FINGERPRINT_1 + 1))) {
				update++;
				sent.put(kept.origin(), false);
			}
			else {
				unchanged++;
				if (resync) {
					sent.put(kept.origin(), false);
				}
			}
		}
		long absent = held.keySet().stream().filter((key) -> !seen.contains(key)).count();
		// a mirror deletes the absent keys whose fields it holds, and keeps the others
		Map<Long, String> deleted = new HashMap<>();
		for (int key : held.keySet()) {
			byte[] sealed = heldSealed.get(key0(key));
			boolean gone = !seen.contains(key);
			if (gone && mirror && sealed != null) {
				deleted.put(key0(key), new String(sealed, StandardCharsets.US_ASCII));
			}
			else if (sealed != null && (gone || !entrySealed.containsKey(key0(key)))) {
				// kept as held: absent, or every row of it unreadable
				entrySealed.put(key0(key), new String(sealed, StandardCharsets.US_ASCII));
			}
		}

		assertThat(recorded.sent).isEqualTo(sent);
		assertThat(recorded.superseded).containsExactlyInAnyOrderElementsOf(superseded);
		assertThat(counts[0]).usingRecursiveComparison()
			.ignoringFields("pointsUnchanged")
			.isEqualTo(new NightMerge.Counts(held.size(), create, update, unchanged, superseded.size(), conflicts,
					absent, unreadable, deleted.size(), 0));
		assertThat(recorded.absent).hasSize((int) absent);
		assertThat(recorded.deleted).isEqualTo(deleted);
		assertThat(recorded.entrySealed).isEqualTo(entrySealed);
		// the new snapshot: every key held or read, once, in order; none a mirror deletes
		Set<Integer> expectedKeys = new LinkedHashSet<>(held.keySet());
		expectedKeys.removeIf((key) -> deleted.containsKey(key0(key)));
		seen.stream()
			.filter((key) -> held.containsKey(key)
					|| rows.stream().anyMatch((row) -> row.key() == key && row.readable()))
			.forEach(expectedKeys::add);
		assertThat(recorded.entries).hasSize(expectedKeys.size());
		for (int i = 1; i < recorded.entries.size(); i++) {
			assertThat(Records.compare(recorded.entries.get(i - 1), recorded.entries.get(i), 2)).isNegative();
		}
	}

}
