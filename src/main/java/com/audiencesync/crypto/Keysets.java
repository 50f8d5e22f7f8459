package com.audiencesync.crypto;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.DeterministicAead;
import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.Parameters;
import com.google.crypto.tink.RegistryConfiguration;
import com.google.crypto.tink.TinkJsonProtoKeysetFormat;
import com.google.crypto.tink.aead.AeadConfig;
import com.google.crypto.tink.aead.PredefinedAeadParameters;
import com.google.crypto.tink.daead.DeterministicAeadConfig;
import com.google.crypto.tink.daead.PredefinedDeterministicAeadParameters;
import com.google.crypto.tink.prf.PredefinedPrfParameters;
import com.google.crypto.tink.prf.PrfConfig;
import com.google.crypto.tink.prf.PrfSet;

/**
 * The keysets of a process, loaded on first use: from configuration, or, where the job
 * repository is a local H2 database, a throwaway keyset kept beside it (whose file name
 * says so) or in memory. A shared repository without a configured keyset fails the run
 * that needs it, naming the property, before anything is sent.
 */
public final class Keysets {

	private static final Logger log = LoggerFactory.getLogger(Keysets.class);

	static {
		try {
			PrfConfig.register();
			AeadConfig.register();
			DeterministicAeadConfig.register();
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("cannot register Tink's primitives", ex);
		}
	}

	/** Where a throwaway keyset may live: a folder, in memory, or nowhere. */
	public record Throwaway(Path folder, boolean allowed) {

		/** No throwaway keyset: the keysets must be configured. */
		public static final Throwaway NONE = new Throwaway(null, false);

		/** A throwaway keyset in memory (an in-memory repository). */
		public static final Throwaway IN_MEMORY = new Throwaway(null, true);

	}

	private final KeysetProperties properties;

	private final Throwaway throwaway;

	private volatile KeyedHash keyedHash;

	private volatile Sealer sealer;

	private volatile FieldEncryption fieldEncryption;

	public Keysets(KeysetProperties properties, Throwaway throwaway) {
		this.properties = (properties != null) ? properties : new KeysetProperties(null, null, null);
		this.throwaway = throwaway;
	}

	/** The keyed hash of the sync state. */
	public KeyedHash keyedHash() {
		KeyedHash hash = this.keyedHash;
		if (hash == null) {
			synchronized (this) {
				if (this.keyedHash == null) {
					this.keyedHash = new KeyedHash(
							primitive(load("hmac", this.properties.hmac(), PredefinedPrfParameters.HMAC_SHA256_PRF),
									PrfSet.class));
				}
				hash = this.keyedHash;
			}
		}
		return hash;
	}

	/** Seals and opens what is kept encrypted (the AEAD keyset). */
	public Sealer sealer() {
		Sealer primitive = this.sealer;
		if (primitive == null) {
			synchronized (this) {
				if (this.sealer == null) {
					KeysetHandle handle = load("aead", this.properties.aead(), PredefinedAeadParameters.AES256_GCM);
					this.sealer = new Sealer(primitive(handle, Aead.class), handle.getPrimary().getId());
				}
				primitive = this.sealer;
			}
		}
		return primitive;
	}

	/**
	 * Encrypts the fields a spec sends encrypted ({@code encrypt: deterministic}), with
	 * the {@code daead} keyset.
	 */
	public FieldEncryption fieldEncryption() {
		FieldEncryption primitive = this.fieldEncryption;
		if (primitive == null) {
			synchronized (this) {
				if (this.fieldEncryption == null) {
					this.fieldEncryption = new FieldEncryption(primitive(
							load("daead", this.properties.daead(), parameters("daead")), DeterministicAead.class));
				}
				primitive = this.fieldEncryption;
			}
		}
		return primitive;
	}

	/**
	 * The parameters of a key of that kind of keyset ({@code hmac}, {@code aead} or
	 * {@code daead}).
	 */
	static Parameters parameters(String kind) {
		return switch (kind) {
			case "hmac" -> PredefinedPrfParameters.HMAC_SHA256_PRF;
			case "aead" -> PredefinedAeadParameters.AES256_GCM;
			case "daead" -> PredefinedDeterministicAeadParameters.AES256_SIV;
			default -> throw new IllegalArgumentException("a keyset is hmac, aead or daead, not " + kind);
		};
	}

	/**
	 * A new keyset of that kind ({@code hmac}, {@code aead} or {@code daead}), as JSON.
	 */
	public static String create(String kind) {
		Parameters parameters = parameters(kind);
		try {
			return TinkJsonProtoKeysetFormat.serializeKeyset(KeysetHandle.generateNew(parameters),
					InsecureSecretKeyAccess.get());
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("cannot create a keyset: " + ex.getMessage(), ex);
		}
	}

	private KeysetHandle load(String kind, KeysetProperties.Keyset keyset, Parameters parameters) {
		String property = "audience-sync.keysets." + kind;
		try {
			if (keyset != null && keyset.isSet()) {
				String json = (keyset.json() != null && !keyset.json().isBlank()) ? keyset.json()
						: Files.readString(keyset.file(), StandardCharsets.UTF_8);
				return TinkJsonProtoKeysetFormat.parseKeyset(json, InsecureSecretKeyAccess.get());
			}
			if (!this.throwaway.allowed()) {
				throw new IllegalStateException(property + ".file (or " + property
						+ ".json, environment variable AUDIENCE_SYNC_KEYSETS_" + kind.toUpperCase()
						+ "_JSON) is not set: a shared job repository needs a keyset of its own; " + "'keys create "
						+ kind + " <file>' writes one");
			}
			return throwaway(kind, parameters);
		}
		catch (IOException ex) {
			throw new IllegalStateException(
					"cannot read " + property + ".file " + keyset.file() + ": " + ex.getClass().getSimpleName(), ex);
		}
		catch (GeneralSecurityException ex) {
			// the message of a parse error never quotes the keyset
			throw new IllegalStateException(
					property + " is not a Tink keyset in JSON (" + ex.getClass().getSimpleName() + ")", ex);
		}
	}

	private KeysetHandle throwaway(String kind, Parameters parameters) throws GeneralSecurityException, IOException {
		if (this.throwaway.folder() == null) {
			log.info("{} keyset: a throwaway one in memory (this repository is in memory too)", kind);
			return KeysetHandle.generateNew(parameters);
		}
		Path file = this.throwaway.folder().resolve("THROWAWAY-" + kind + "-keyset.json");
		if (!Files.exists(file)) {
			Files.createDirectories(file.getParent());
			Files.writeString(file, create(kind), StandardCharsets.UTF_8);
			log.warn("{} keyset: created the throwaway {} for this local repository; configure "
					+ "audience-sync.keysets.{}.file for a real one", kind, file, kind);
		}
		return TinkJsonProtoKeysetFormat.parseKeyset(Files.readString(file, StandardCharsets.UTF_8),
				InsecureSecretKeyAccess.get());
	}

	private static <P> P primitive(KeysetHandle handle, Class<P> type) {
		try {
			return handle.getPrimitive(RegistryConfiguration.get(), type);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("the keyset is not a " + type.getSimpleName() + " keyset", ex);
		}
	}

}
