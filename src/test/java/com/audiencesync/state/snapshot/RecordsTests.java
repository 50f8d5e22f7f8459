package com.audiencesync.state.snapshot;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class RecordsTests {

	@ParameterizedTest(name = "{0} records, {1} in 1000 sharing a first long with another, {2} ordered by place")
	@CsvSource({ "100000, 10, false", "100000, 0, false", "3, 0, false", "2, 1000, false", "50000, 30, false",
			"50000, 0, true", "1, 0, false" })
	void sortsByEveryLongWhateverTheirFirstLongsShare(int count, int sharedPerThousand, boolean places) {
		// given records of 3 longs: random key hashes, some sharing a first long with an
		// earlier one (and some equal to it), or places that share their high bits
		Random random = new Random(count + sharedPerThousand);
		List<long[]> given = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			long[] record;
			if (places) {
				record = new long[] { (3L << 40) | random.nextInt(1 << 20), random.nextLong(), i };
			}
			else if (i > 0 && random.nextInt(1000) < sharedPerThousand) {
				record = given.get(random.nextInt(given.size())).clone();
				if (random.nextBoolean()) {
					record[1] = random.nextLong();
				}
			}
			else {
				record = new long[] { random.nextLong(), random.nextLong(), random.nextLong() };
			}
			given.add(record);
		}
		Records records = new Records(3, 16);
		given.forEach(records::add);

		// when they are sorted
		records.sort();

		// then they are in the order of every long, unsigned, each once
		List<long[]> expected = new ArrayList<>(given);
		expected.sort((a, b) -> Records.compare(a, b, 3));
		assertThat(records.size()).isEqualTo(count);
		long[] record = new long[3];
		for (int i = 0; i < count; i++) {
			records.get(i, record);
			assertThat(record).as("record %d", i).containsExactly(expected.get(i));
		}
	}

}
