package com.audiencesync.state;

import java.util.Arrays;
import java.util.HexFormat;

/**
 * A keyed hash as a map key: bytes compared by value, ordered as a database orders them.
 */
public final class Hash implements Comparable<Hash> {

	private final byte[] bytes;

	private final int hashCode;

	public Hash(byte[] bytes) {
		this.bytes = bytes.clone();
		this.hashCode = Arrays.hashCode(bytes);
	}

	public byte[] bytes() {
		return this.bytes.clone();
	}

	/**
	 * The first 8 bytes, as a long (a compact stand-in where collisions are harmless).
	 */
	public long prefix() {
		long value = 0;
		for (int i = 0; i < Math.min(8, this.bytes.length); i++) {
			value = (value << 8) | (this.bytes[i] & 0xFF);
		}
		return value;
	}

	/** In the order of the bytes, unsigned: a database's order of the binary keys. */
	@Override
	public int compareTo(Hash other) {
		return Arrays.compareUnsigned(this.bytes, other.bytes);
	}

	@Override
	public boolean equals(Object other) {
		return other instanceof Hash hash && Arrays.equals(this.bytes, hash.bytes);
	}

	@Override
	public int hashCode() {
		return this.hashCode;
	}

	@Override
	public String toString() {
		return HexFormat.of().formatHex(this.bytes);
	}

}
