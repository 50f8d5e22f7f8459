package com.audiencesync.state.snapshot;

import java.util.Arrays;

/**
 * Fixed-width records of {@code width} longs in one array, with no object per record:
 * what a sort of tens of millions of keyed hashes needs to stay inside a bounded heap.
 * Records order by their longs compared unsigned, first to last: a key hash's 16 bytes as
 * two big-endian longs order as the database orders the bytes.
 */
final class Records {

	private final int width;

	private long[] longs;

	private int size;

	/** The pivot of the partition being sorted (one at a time). */
	private final long[] pivot;

	/** Records it may grow to hold at once. */
	private final int most;

	/**
	 * @param width longs per record
	 * @param capacity records it holds before it grows
	 */
	Records(int width, int capacity) {
		this(width, capacity, Integer.MAX_VALUE / width - 1);
	}

	/**
	 * @param width longs per record
	 * @param capacity records it holds before it grows
	 * @param most records it grows to hold at most (its memory bound)
	 */
	Records(int width, int capacity, int most) {
		if (width < 1) {
			throw new IllegalArgumentException("a record has at least one long");
		}
		this.width = width;
		this.longs = new long[Math.max(1, capacity) * width];
		this.pivot = new long[width];
		this.most = Math.max(most, capacity);
	}

	int width() {
		return this.width;
	}

	/** Records held. */
	int size() {
		return this.size;
	}

	/** Adds a record: the first {@code width} longs of {@code record}. */
	void add(long[] record) {
		if ((this.size + 1) * this.width > this.longs.length) {
			long grown = Math.max((long) this.longs.length * 2, (long) (this.size + 1) * this.width);
			this.longs = Arrays.copyOf(this.longs, (int) Math.min(grown,
					Math.max((long) this.most * this.width, (long) (this.size + 1) * this.width)));
		}
		System.arraycopy(record, 0, this.longs, this.size * this.width, this.width);
		this.size++;
	}

	/** Copies record {@code index} into {@code into}. */
	void get(int index, long[] into) {
		System.arraycopy(this.longs, index * this.width, into, 0, this.width);
	}

	/** Long {@code lane} of record {@code index}. */
	long lane(int index, int lane) {
		return this.longs[index * this.width + lane];
	}

	void clear() {
		this.size = 0;
	}

	/**
	 * Sorts the records in their order (every long, unsigned, first to last).
	 * <p>
	 * Where their first longs differ (key hashes do), the sort is of one long a record:
	 * the first long's high bits with the record's index in its low bits, sorted as
	 * primitives, then the records moved into that order in place. Records whose first
	 * longs agree above the index's bits are then put in order by every long. Where many
	 * agree (records ordered by place share their partition's bits), the records are
	 * sorted by every long from the start. The index array is a long a record, held only
	 * while sorting.
	 */
	void sort() {
		int n = this.size;
		if (n < 2) {
			return;
		}
		int bits = 64 - Long.numberOfLeadingZeros(n - 1);
		long low = (bits == 64) ? -1L : (1L << bits) - 1;
		if (manyShare(Math.min(n, 1024), low)) {
			// records by place: not worth an index array
			quicksort(0, n - 1);
			return;
		}
		long[] order = new long[n];
		for (int i = 0; i < n; i++) {
			// unsigned order of the high bits, as a signed sort
			order[i] = ((this.longs[i * this.width] & ~low) | i) ^ Long.MIN_VALUE;
		}
		Arrays.sort(order);
		long tied = 0;
		for (int i = 1; i < n; i++) {
			if (((order[i] ^ order[i - 1]) & ~low) == 0) {
				tied++;
			}
		}
		if (tied > n / 16) {
			quicksort(0, n - 1);
			return;
		}
		for (int i = 0; i < n; i++) {
			order[i] = (order[i] ^ Long.MIN_VALUE) & low;
		}
		permute(order);
		if (tied > 0) {
			// the few records whose high bits agree: in order by every long
			int start = 0;
			for (int i = 1; i <= n; i++) {
				if (i == n || Long.compareUnsigned(this.longs[i * this.width] & ~low,
						this.longs[start * this.width] & ~low) != 0) {
					if (i - start > 1) {
						quicksort(start, i - 1);
					}
					start = i;
				}
			}
		}
	}

	/**
	 * Whether more than one in 16 of the first records share their first long's high bits
	 * with another of them.
	 */
	private boolean manyShare(int first, long low) {
		long[] high = new long[first];
		for (int i = 0; i < first; i++) {
			high[i] = this.longs[i * this.width] & ~low;
		}
		Arrays.sort(high);
		int shared = 0;
		for (int i = 1; i < first; i++) {
			if (high[i] == high[i - 1]) {
				shared++;
			}
		}
		return shared > first / 16;
	}

	/**
	 * Moves the records so that position {@code p} holds the record that was at
	 * {@code order[p]}, cycle by cycle; {@code order} is used up.
	 */
	private void permute(long[] order) {
		long[] held = this.pivot;
		for (int start = 0; start < order.length; start++) {
			if (order[start] < 0 || order[start] == start) {
				continue;
			}
			get(start, held);
			int to = start;
			while (true) {
				int from = (int) order[to];
				order[to] = -1;
				if (from == start) {
					System.arraycopy(held, 0, this.longs, to * this.width, this.width);
					break;
				}
				System.arraycopy(this.longs, from * this.width, this.longs, to * this.width, this.width);
				to = from;
			}
		}
	}

	/** Compares record {@code a} with record {@code b}. */
	int compare(int a, int b) {
		int i = a * this.width;
		int j = b * this.width;
		for (int lane = 0; lane < this.width; lane++) {
			int order = Long.compareUnsigned(this.longs[i + lane], this.longs[j + lane]);
			if (order != 0) {
				return order;
			}
		}
		return 0;
	}

	/** Compares two records held in arrays, as {@link #compare(int, int)} does. */
	static int compare(long[] a, long[] b, int width) {
		for (int lane = 0; lane < width; lane++) {
			int order = Long.compareUnsigned(a[lane], b[lane]);
			if (order != 0) {
				return order;
			}
		}
		return 0;
	}

	private void quicksort(int low, int high) {
		while (high - low > 16) {
			int middle = (low + high) >>> 1;
			// median of three to the middle, then Hoare's partition around it
			if (compare(middle, low) < 0) {
				swap(middle, low);
			}
			if (compare(high, low) < 0) {
				swap(high, low);
			}
			if (compare(high, middle) < 0) {
				swap(high, middle);
			}
			long[] pivot = this.pivot;
			get(middle, pivot);
			int i = low;
			int j = high;
			while (i <= j) {
				while (compareWith(i, pivot) < 0) {
					i++;
				}
				while (compareWith(j, pivot) > 0) {
					j--;
				}
				if (i <= j) {
					swap(i, j);
					i++;
					j--;
				}
			}
			// the smaller side by recursion, the larger by the loop: a bounded stack
			if (j - low < high - i) {
				quicksort(low, j);
				low = i;
			}
			else {
				quicksort(i, high);
				high = j;
			}
		}
		for (int i = low + 1; i <= high; i++) {
			for (int j = i; j > low && compare(j, j - 1) < 0; j--) {
				swap(j, j - 1);
			}
		}
	}

	private int compareWith(int index, long[] record) {
		int i = index * this.width;
		for (int lane = 0; lane < this.width; lane++) {
			int order = Long.compareUnsigned(this.longs[i + lane], record[lane]);
			if (order != 0) {
				return order;
			}
		}
		return 0;
	}

	private void swap(int a, int b) {
		int i = a * this.width;
		int j = b * this.width;
		for (int lane = 0; lane < this.width; lane++) {
			long held = this.longs[i + lane];
			this.longs[i + lane] = this.longs[j + lane];
			this.longs[j + lane] = held;
		}
	}

}
