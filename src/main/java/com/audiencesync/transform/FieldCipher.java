package com.audiencesync.transform;

/**
 * Deterministic encryption of a field's value ({@code encrypt: deterministic}): the same
 * value gives the same text, so a destination can match on it without seeing it.
 */
@FunctionalInterface
public interface FieldCipher {

	/** Used where nothing is sent (a preview): the value is never shown anyway. */
	FieldCipher PREVIEW = (plaintext) -> "(encrypted)";

	/** The encrypted value, as text (base64). */
	String encrypt(String plaintext);

}
