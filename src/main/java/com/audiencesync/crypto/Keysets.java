package com.audiencesync.crypto;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.DeterministicAead;
import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.Parameters;
import com.google.crypto.tink.RegistryConfiguration;
import com.google.crypto.tink.TinkJsonProtoKeysetFormat;
import com.google.crypto.tink.aead.AeadConfig;
import com.google.crypto.tink.aead.AeadParameters;
import com.google.crypto.tink.aead.PredefinedAeadParameters;
import com.google.crypto.tink.daead.DeterministicAeadConfig;
import com.google.crypto.tink.daead.DeterministicAeadParameters;
import com.google.crypto.tink.daead.PredefinedDeterministicAeadParameters;
import com.google.crypto.tink.prf.PredefinedPrfParameters;
import com.google.crypto.tink.prf.PrfConfig;
import com.google.crypto.tink.prf.PrfParameters;
import com.google.crypto.tink.prf.PrfSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

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

	/** The kinds, in the order their problems are told. */
	private static final List<String> KINDS = List.of("hmac", "aead", "daead");

	/**
	 * What keeps the keysets of those kinds ({@code hmac}, {@code aead}, {@code daead})
	 * from loading, each naming its property and never quoting a keyset: one that cannot
	 * be read, is not a Tink keyset in JSON, or is of another kind; and, in one line, all
	 * those the repository needs that are not configured. Nothing is created or kept.
	 */
	public List<String> problems(Collection<String> kinds) {
		List<String> problems = new ArrayList<>();
		List<String> missing = new ArrayList<>();
		for (String kind : KINDS) {
			if (!kinds.contains(kind)) {
				continue;
			}
			KeysetProperties.Keyset keyset = keyset(kind);
			if (keyset != null && keyset.isSet()) {
				try {
					read(kind, keyset);
				}
				catch (IllegalStateException ex) {
					problems.add(ex.getMessage());
				}
			}
			else if (!this.throwaway.allowed()) {
				missing.add(kind);
			}
		}
		if (!missing.isEmpty()) {
			problems.add(missing(missing));
		}
		return problems;
	}

	private KeysetProperties.Keyset keyset(String kind) {
		return switch (kind) {
			case "hmac" -> this.properties.hmac();
			case "aead" -> this.properties.aead();
			default -> this.properties.daead();
		};
	}

	private KeysetHandle load(String kind, KeysetProperties.Keyset keyset, Parameters parameters) {
		if (keyset != null && keyset.isSet()) {
			return read(kind, keyset);
		}
		if (!this.throwaway.allowed()) {
			throw new IllegalStateException(missing(List.of(kind)));
		}
		try {
			return throwaway(kind, parameters);
		}
		catch (IOException | GeneralSecurityException ex) {
			throw new IllegalStateException("cannot keep a throwaway " + kind + " keyset in " + this.throwaway.folder()
					+ ": " + ex.getClass().getSimpleName(), ex);
		}
	}

	/**
	 * The configured keyset of that kind; fails naming where it came from when it cannot
	 * be read, is not a keyset or is one of another kind.
	 */
	private static KeysetHandle read(String kind, KeysetProperties.Keyset keyset) {
		String property = "audience-sync.keysets." + kind;
		boolean inline = keyset.json() != null && !keyset.json().isBlank();
		// the JSON is a secret: only the property, never its value
		String from = inline ? property + ".json" : property + ".file=" + keyset.file();
		String json;
		try {
			json = inline ? keyset.json() : Files.readString(keyset.file(), StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			// the exception's own message is the bare path: this one says whose
			throw new IllegalStateException(from + ": cannot be read (" + ex.getClass().getSimpleName() + ")");
		}
		KeysetHandle handle;
		String found;
		try {
			handle = TinkJsonProtoKeysetFormat.parseKeyset(json, InsecureSecretKeyAccess.get());
			found = kindOf(handle.getPrimary().getKey().getParameters());
		}
		catch (GeneralSecurityException | RuntimeException ex) {
			// no cause kept: a parser's message may quote the text it could not read
			throw new IllegalStateException(
					from + ": not a Tink keyset in JSON; 'keys create " + kind + " <file>' writes " + describe(kind));
		}
		if (!found.equals(kind)) {
			throw new IllegalStateException(from + ": " + (KINDS.contains(found) ? describe(found) : found) + " where "
					+ describe(kind) + " is expected; 'keys create " + kind + " <file>' writes one");
		}
		return handle;
	}

	/** The kind of keyset a key's parameters belong to, or what they are. */
	private static String kindOf(Parameters parameters) {
		if (parameters instanceof PrfParameters) {
			return "hmac";
		}
		if (parameters instanceof AeadParameters) {
			return "aead";
		}
		if (parameters instanceof DeterministicAeadParameters) {
			return "daead";
		}
		return "a keyset of another kind (" + parameters.getClass().getSimpleName().replace("Parameters", "") + ")";
	}

	private static String describe(String kind) {
		return switch (kind) {
			case "hmac" -> "an hmac keyset (Tink PRF, HMAC-SHA256)";
			case "aead" -> "an aead keyset (Tink AEAD, AES-256-GCM)";
			default -> "a daead keyset (Tink deterministic AEAD, AES-SIV)";
		};
	}

	/** One line for every keyset the repository needs that is not configured. */
	private static String missing(List<String> kinds) {
		List<String> properties = kinds.stream().map((kind) -> "audience-sync.keysets." + kind + ".file").toList();
		List<String> variables = kinds.stream()
			.map((kind) -> "AUDIENCE_SYNC_KEYSETS_" + kind.toUpperCase(Locale.ROOT) + "_JSON")
			.toList();
		List<String> commands = kinds.stream().map((kind) -> "'keys create " + kind + " <file>'").toList();
		boolean one = kinds.size() == 1;
		return and(properties) + (one ? " is" : " are") + " not set (nor " + (one ? "its" : "their")
				+ " .json, environment variable" + (one ? " " : "s ") + and(variables)
				+ "): a shared job repository needs " + (one ? "a keyset" : "keysets") + " of its own; " + and(commands)
				+ (one ? " writes one" : " write them");
	}

	private static String and(List<String> words) {
		if (words.size() == 1) {
			return words.get(0);
		}
		return String.join(", ", words.subList(0, words.size() - 1)) + " and " + words.get(words.size() - 1);
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
