package com.audiencesync.state.snapshot;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class ExternalSortTests {

	@TempDir
	Path dir;

	@ParameterizedTest(name = "{0} records of {1} longs in {2} bytes of memory")
	@CsvSource({ "0, 5, 1000000", "1, 5, 1000000", "10000, 5, 100000000", "100000, 5, 400000", "100000, 6, 60000",
			"50000, 1, 8192" })
	void everyRecordComesBackOnceInOrderWhetherItFitsInMemoryOrSpills(int count, int width, long memory)
			throws IOException {
		// given random records, a tenth of them equal to another (a key seen twice)
		Random random = new Random(count * 31L + width);
		List<long[]> given = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			long[] record = new long[width];
			if (i > 0 && random.nextInt(10) == 0) {
				record = given.get(random.nextInt(given.size())).clone();
			}
			else {
				for (int lane = 0; lane < width; lane++) {
					// some near the unsigned edges, where a signed order would differ
					record[lane] = switch (random.nextInt(8)) {
						case 0 -> Long.MIN_VALUE + random.nextInt(3);
						case 1 -> -1L - random.nextInt(3);
						case 2 -> random.nextInt(3);
						default -> random.nextLong();
					};
				}
			}
			given.add(record);
		}
		List<long[]> expected = new ArrayList<>(given);
		expected.sort((a, b) -> Records.compare(a, b, width));

		// when they are sorted
		List<long[]> sorted = new ArrayList<>();
		int runs;
		try (ExternalSort sort = new ExternalSort(width, memory, this.dir.resolve("runs"))) {
			given.forEach(sort::add);
			try (RecordCursor cursor = sort.sorted()) {
				long[] record = new long[width];
				while (cursor.next(record)) {
					sorted.add(record.clone());
				}
			}
			runs = sort.runs();
			assertThat(sort.count()).isEqualTo(count);
		}

		// then they come back in order, each once, and no run file is left
		assertThat(sorted).hasSize(count);
		for (int i = 0; i < count; i++) {
			assertThat(sorted.get(i)).as("record %d", i).containsExactly(expected.get(i));
		}
		if ((long) count * width * 8 > Math.max(memory, 1024L * width * 8)) {
			assertThat(runs).as("runs written for more records than the memory holds").isGreaterThan(1);
		}
		if (Files.exists(this.dir.resolve("runs"))) {
			try (Stream<Path> left = Files.list(this.dir.resolve("runs"))) {
				assertThat(left).isEmpty();
			}
		}
	}

	@ParameterizedTest(name = "{0} records carrying bytes in {1} bytes of memory")
	@CsvSource({ "5000, 100000000", "50000, 200000", "20000, 64" })
	void eachRecordComesBackWithTheBytesItCarriesAndEqualRecordsInTheOrderAdded(int count, long memory) {
		// given records of 2 longs (a key hash), a third of them equal to an earlier one,
		// each carrying bytes that name it (some none)
		Random random = new Random(count);
		List<long[]> given = new ArrayList<>();
		List<byte[]> carried = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			long[] record = (i > 0 && random.nextInt(3) == 0) ? given.get(random.nextInt(given.size())).clone()
					: new long[] { random.nextLong(), random.nextLong() };
			given.add(record);
			carried.add((i % 7 == 0) ? null : ("record " + i + " ".repeat(random.nextInt(40))).getBytes());
		}
		Integer[] order = new Integer[count];
		for (int i = 0; i < count; i++) {
			order[i] = i;
		}
		// a stable sort: equal records keep the order they were added in
		java.util.Arrays.sort(order, (a, b) -> Records.compare(given.get(a), given.get(b), 2));

		// when they are sorted
		List<String> came = new ArrayList<>();
		int runs;
		try (ExternalSort sort = new ExternalSort(2, memory, this.dir.resolve("runs"), true)) {
			for (int i = 0; i < count; i++) {
				sort.add(given.get(i), carried.get(i));
			}
			try (RecordCursor cursor = sort.sorted()) {
				long[] record = new long[2];
				while (cursor.next(record)) {
					byte[] bytes = cursor.sealed();
					came.add(record[0] + "/" + record[1] + "/" + ((bytes != null) ? new String(bytes) : "none"));
				}
			}
			runs = sort.runs();
		}

		// then each comes back once, in order, with its own bytes
		List<String> expected = new ArrayList<>();
		for (int i : order) {
			byte[] bytes = carried.get(i);
			expected
				.add(given.get(i)[0] + "/" + given.get(i)[1] + "/" + ((bytes != null) ? new String(bytes) : "none"));
		}
		assertThat(came).containsExactlyElementsOf(expected);
		if (memory < 1_000_000) {
			assertThat(runs).as("runs written once the bytes fill the memory").isGreaterThan(1);
		}
	}

}
