package com.audiencesync.crypto;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;

import com.google.crypto.tink.prf.PrfSet;

/**
 * A keyed hash (Tink's PRF, HMAC-SHA256 under the primary key) of a value within a
 * domain: the same value gives the same 16 bytes for as long as the keyset's primary key
 * is the same, and nobody without the key can tell which value gave them. Thread-safe.
 */
public final class KeyedHash {

	/** Bytes of every hash: 128 bits. */
	public static final int LENGTH = 16;

	private final PrfSet prf;

	KeyedHash(PrfSet prf) {
		this.prf = prf;
	}

	/** The hash of a text in a domain (e.g. {@code groobee/personalizations}). */
	public byte[] of(String domain, String value) {
		byte[] domainBytes = domain.getBytes(StandardCharsets.UTF_8);
		byte[] valueBytes = value.getBytes(StandardCharsets.UTF_8);
		byte[] input = new byte[domainBytes.length + 1 + valueBytes.length];
		System.arraycopy(domainBytes, 0, input, 0, domainBytes.length);
		System.arraycopy(valueBytes, 0, input, domainBytes.length + 1, valueBytes.length);
		return of(input);
	}

	/** The hash of some bytes. */
	public byte[] of(byte[] input) {
		try {
			return this.prf.computePrimary(input, LENGTH);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("cannot compute a keyed hash: " + ex.getMessage(), ex);
		}
	}

}
