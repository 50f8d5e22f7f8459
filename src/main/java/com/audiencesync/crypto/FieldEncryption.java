package com.audiencesync.crypto;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;

import com.google.crypto.tink.DeterministicAead;

/**
 * Deterministic encryption of a field's value with the {@code daead} keyset (Tink's
 * AES-SIV): the same value always gives the same base64 text, so a destination can join
 * on it without reading it. Thread-safe.
 */
public final class FieldEncryption {

	private static final byte[] NO_CONTEXT = new byte[0];

	private final DeterministicAead daead;

	FieldEncryption(DeterministicAead daead) {
		this.daead = daead;
	}

	/** The value encrypted, in base64. */
	public String encrypt(String plaintext) {
		try {
			return Base64.getEncoder()
				.encodeToString(
						this.daead.encryptDeterministically(plaintext.getBytes(StandardCharsets.UTF_8), NO_CONTEXT));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("cannot encrypt a field: " + ex.getClass().getSimpleName(), ex);
		}
	}

	/**
	 * A value encrypted by {@link #encrypt}, decrypted (for an operator with the keyset).
	 */
	public String decrypt(String ciphertext) {
		try {
			return new String(this.daead.decryptDeterministically(Base64.getDecoder().decode(ciphertext), NO_CONTEXT),
					StandardCharsets.UTF_8);
		}
		catch (GeneralSecurityException | IllegalArgumentException ex) {
			throw new IllegalStateException("cannot decrypt a field with the configured daead keyset", ex);
		}
	}

}
