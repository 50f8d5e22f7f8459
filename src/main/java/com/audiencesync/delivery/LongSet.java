package com.audiencesync.delivery;

/**
 * A set of longs (the first 8 bytes of keyed hashes), open addressing: 16 bytes a key at
 * most, no boxing.
 */
final class LongSet {

	private long[] slots = new long[1024];

	private boolean zero;

	private int size;

	void add(long value) {
		if (value == 0) {
			if (!this.zero) {
				this.zero = true;
				this.size++;
			}
			return;
		}
		if ((this.size + 1) * 2 > this.slots.length) {
			grow();
		}
		if (insert(this.slots, value)) {
			this.size++;
		}
	}

	int size() {
		return this.size;
	}

	private static boolean insert(long[] slots, long value) {
		int mask = slots.length - 1;
		int i = (int) (mix(value) & mask);
		while (slots[i] != 0) {
			if (slots[i] == value) {
				return false;
			}
			i = (i + 1) & mask;
		}
		slots[i] = value;
		return true;
	}

	private void grow() {
		long[] bigger = new long[this.slots.length * 2];
		for (long value : this.slots) {
			if (value != 0) {
				insert(bigger, value);
			}
		}
		this.slots = bigger;
	}

	private static long mix(long value) {
		long h = value * 0x9E3779B97F4A7C15L;
		return h ^ (h >>> 32);
	}

}
