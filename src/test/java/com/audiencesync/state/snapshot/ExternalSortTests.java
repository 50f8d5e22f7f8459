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

}
