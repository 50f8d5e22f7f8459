package com.audiencesync.state.snapshot;

import java.nio.ByteBuffer;
import java.util.List;

/**
 * A snapshot page's bytes: its entry count (4 bytes), its entries' longs in order
 * ({@link Snapshots#ENTRY_BYTES} each), then, for a sealed generation, each entry's
 * sealed key fields as a length (4 bytes, -1 for none) and the bytes.
 */
final class Page {

	private static final int HEADER = 4;

	private Page() {
	}

	static byte[] encode(Records entries, List<byte[]> sealed) {
		int size = HEADER + entries.size() * Snapshots.ENTRY_BYTES + sealedBytes(sealed);
		ByteBuffer out = ByteBuffer.allocate(size);
		out.putInt(entries.size());
		for (int i = 0; i < entries.size(); i++) {
			for (int lane = 0; lane < Snapshots.WIDTH; lane++) {
				out.putLong(entries.lane(i, lane));
			}
		}
		putSealed(out, sealed);
		return out.array();
	}

	/** The bytes a page's sealed section takes: 0 for none. */
	static int sealedBytes(List<byte[]> sealed) {
		int size = 0;
		if (sealed != null) {
			for (byte[] each : sealed) {
				size += 4 + ((each != null) ? each.length : 0);
			}
		}
		return size;
	}

	/**
	 * Writes a page's sealed section, if any: each record's bytes as a length (4 bytes,
	 * -1 for none) and the bytes.
	 */
	static void putSealed(ByteBuffer out, List<byte[]> sealed) {
		if (sealed != null) {
			for (byte[] each : sealed) {
				out.putInt((each != null) ? each.length : -1);
				if (each != null) {
					out.put(each);
				}
			}
		}
	}

	/** Reads a page's sealed section of {@code count} records from the buffer's place. */
	static byte[][] getSealed(ByteBuffer in, int count) {
		byte[][] sealed = new byte[count][];
		for (int i = 0; i < count; i++) {
			int length = in.getInt();
			if (length >= 0) {
				sealed[i] = new byte[length];
				in.get(sealed[i]);
			}
		}
		return sealed;
	}

	static Decoded decode(byte[] data, boolean sealed) {
		ByteBuffer in = ByteBuffer.wrap(data);
		int count = in.getInt();
		if (count < 0 || HEADER + (long) count * Snapshots.ENTRY_BYTES > data.length) {
			throw new IllegalStateException(
					"a snapshot page that is not whole: " + data.length + " bytes for " + count + " entries");
		}
		byte[][] keys = null;
		if (sealed) {
			in.position(HEADER + count * Snapshots.ENTRY_BYTES);
			keys = getSealed(in, count);
		}
		return new Decoded(in, count, keys);
	}

	/** A decoded page. */
	static final class Decoded {

		private final ByteBuffer data;

		private final int size;

		private final byte[][] sealed;

		Decoded(ByteBuffer data, int size, byte[][] sealed) {
			this.data = data;
			this.size = size;
			this.sealed = sealed;
		}

		int size() {
			return this.size;
		}

		/**
		 * Copies entry {@code index} into {@code into}; its sealed key fields or null.
		 */
		byte[] entry(int index, long[] into) {
			int at = HEADER + index * Snapshots.ENTRY_BYTES;
			for (int lane = 0; lane < Snapshots.WIDTH; lane++) {
				into[lane] = this.data.getLong(at + lane * 8);
			}
			return (this.sealed != null) ? this.sealed[index] : null;
		}

	}

}
