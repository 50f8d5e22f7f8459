package com.audiencesync.crypto;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.LinkedHashMap;
import java.util.Map;

import com.google.crypto.tink.Aead;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.StreamWriteConstraints;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.core.json.JsonReadFeature;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Seals what is kept at rest with the AEAD keyset (AES-256-GCM through Tink): the key id
 * travels with each ciphertext, so a new primary key seals while the old ones still open,
 * and the associated data (what the ciphertext belongs to) must match to open it.
 * Thread-safe.
 */
public final class Sealer {

	/**
	 * Opens rows exactly as they were sealed: whole numbers as Integer, Long or
	 * BigInteger by their size and numbers with a fraction or an exponent as BigDecimal
	 * (their digits kept), NaN and Infinity as read, and no limit on nesting, string or
	 * number length beyond what the readers took: what it opens is authenticated, our own
	 * writing, and a row that a reader took must never be one that cannot be opened.
	 */
	private static final JsonMapper JSON = JsonMapper
		.builder(JsonFactory.builder()
			.streamReadConstraints(StreamReadConstraints.builder()
				.maxNestingDepth(Integer.MAX_VALUE)
				.maxStringLength(Integer.MAX_VALUE)
				.maxNumberLength(Integer.MAX_VALUE)
				.build())
			.streamWriteConstraints(StreamWriteConstraints.builder().maxNestingDepth(Integer.MAX_VALUE).build())
			.enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
			.build())
		.enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
		.build();

	private final Aead aead;

	private final int primaryKeyId;

	Sealer(Aead aead, int primaryKeyId) {
		this.aead = aead;
		this.primaryKeyId = primaryKeyId;
	}

	/** The id of the key that seals (Tink's primary); the others only open. */
	public int primaryKeyId() {
		return this.primaryKeyId;
	}

	/**
	 * The id of the key a ciphertext was sealed with: Tink writes it in the first five
	 * bytes (a version byte, then the id).
	 */
	public static int keyId(byte[] ciphertext) {
		return ByteBuffer.wrap(ciphertext, 1, 4).getInt();
	}

	/**
	 * The ciphertext sealed again under the primary key, or null when it already is (so
	 * rewriting what is sealed can be run again, and resumes where it stopped).
	 */
	public byte[] reseal(byte[] ciphertext, String context) {
		if (keyId(ciphertext) == this.primaryKeyId) {
			return null;
		}
		return seal(open(ciphertext, context), context);
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

	/**
	 * A row's values (column to value, in order) sealed as JSON in that context.
	 */
	public byte[] sealValues(Map<String, Object> values, String context) {
		return seal(JSON.writeValueAsBytes(values), context);
	}

	/**
	 * The values of a row sealed by {@link #sealValues}, in their order, exactly: whole
	 * numbers come back as Integer, Long or {@link java.math.BigInteger} (a 30-digit one
	 * with its 30 digits), numbers with a fraction as {@link java.math.BigDecimal},
	 * nested objects and arrays as maps and lists however deep.
	 */
	public Map<String, Object> openValues(byte[] ciphertext, String context) {
		return JSON.readValue(open(ciphertext, context), new TypeReference<LinkedHashMap<String, Object>>() {
		});
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
