package com.audiencesync.crypto;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;

import com.google.crypto.tink.Aead;

/**
 * Seals what is kept at rest with the AEAD keyset (AES-256-GCM through Tink): the key id
 * travels with each ciphertext, so a new primary key seals while the old ones still open,
 * and the associated data (what the ciphertext belongs to) must match to open it.
 * Thread-safe.
 */
public final class Sealer {

	private final Aead aead;

	Sealer(Aead aead) {
		this.aead = aead;
	}

	/** The ciphertext of these bytes, bound to that context (a job and destination). */
	public byte[] seal(byte[] plaintext, String context) {
		try {
			return this.aead.encrypt(plaintext, context.getBytes(StandardCharsets.UTF_8));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("cannot seal: " + ex.getClass().getSimpleName(), ex);
		}
	}

	/** The plaintext of a ciphertext sealed in that context. */
	public byte[] open(byte[] ciphertext, String context) {
		try {
			return this.aead.decrypt(ciphertext, context.getBytes(StandardCharsets.UTF_8));
		}
		catch (GeneralSecurityException ex) {
			// a wrong keyset or context: never say more than that
			throw new IllegalStateException("cannot open a sealed value with the configured aead keyset "
					+ "(another keyset, or a value of another job or destination)", ex);
		}
	}

}
