package com.audiencesync.crypto;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class KeysetsTests {

	@TempDir
	Path dir;

	@Test
	void aSharedRepositoryWithoutAKeysetFailsNamingTheProperty() {
		Keysets keysets = new Keysets(null, Keysets.Throwaway.NONE);

		assertThatIllegalStateException().isThrownBy(keysets::keyedHash)
			.withMessageContaining("audience-sync.keysets.hmac.file")
			.withMessageContaining("AUDIENCE_SYNC_KEYSETS_HMAC_JSON")
			.withMessageContaining("keys create hmac");
	}

	@Test
	void aLocalRepositoryKeepsAThrowawayKeysetBesideItThatSaysSo() throws Exception {
		byte[] first = new Keysets(null, new Keysets.Throwaway(this.dir, true)).keyedHash().of("d", "010-1234-5678");

		Path file = this.dir.resolve("THROWAWAY-hmac-keyset.json");
		assertThat(file).exists();
		byte[] again = new Keysets(null, new Keysets.Throwaway(this.dir, true)).keyedHash().of("d", "010-1234-5678");
		assertThat(again).isEqualTo(first).hasSize(KeyedHash.LENGTH);
		byte[] fromJson = new Keysets(
				new KeysetProperties(new KeysetProperties.Keyset(null, Files.readString(file)), null, null),
				Keysets.Throwaway.NONE)
			.keyedHash()
			.of("d", "010-1234-5678");
		assertThat(fromJson).isEqualTo(first);
	}

	@Test
	void hashesDependOnTheKeyTheDomainAndTheValue() {
		KeyedHash one = new Keysets(null, Keysets.Throwaway.IN_MEMORY).keyedHash();
		KeyedHash other = new Keysets(null, Keysets.Throwaway.IN_MEMORY).keyedHash();

		assertThat(one.of("a", "x")).isEqualTo(one.of("a", "x"))
			.isNotEqualTo(one.of("b", "x"))
			.isNotEqualTo(one.of("a", "y"))
			.isNotEqualTo(other.of("a", "x"));
	}

	@Test
	void aSharedRepositoryWithoutAnyKeysetNamesAllItNeedsInOneLine() {
		Keysets keysets = new Keysets(null, Keysets.Throwaway.NONE);

		assertThat(keysets.problems(List.of("hmac", "aead"))).containsExactly(
				"audience-sync.keysets.hmac.file and audience-sync.keysets.aead.file are not set (nor their .json, "
						+ "environment variables AUDIENCE_SYNC_KEYSETS_HMAC_JSON and AUDIENCE_SYNC_KEYSETS_AEAD_JSON): "
						+ "a shared job repository needs keysets of its own; 'keys create hmac <file>' and "
						+ "'keys create aead <file>' write them");
		assertThat(new Keysets(null, new Keysets.Throwaway(this.dir, true)).problems(List.of("hmac", "aead", "daead")))
			.as("a local repository makes throwaway ones")
			.isEmpty();
		assertThat(this.dir).isEmptyDirectory();
	}

	@ParameterizedTest(name = "{0} from {1}: {2}")
	@CsvSource(delimiter = '|',
			textBlock = """
					hmac  | file | an aead keyset      | an aead keyset (Tink AEAD, AES-256-GCM) where an hmac keyset (Tink PRF, HMAC-SHA256) is expected; 'keys create hmac <file>' writes one
					aead  | json | an hmac keyset      | an hmac keyset (Tink PRF, HMAC-SHA256) where an aead keyset (Tink AEAD, AES-256-GCM) is expected; 'keys create aead <file>' writes one
					daead | file | an aead keyset      | an aead keyset (Tink AEAD, AES-256-GCM) where a daead keyset (Tink deterministic AEAD, AES-SIV) is expected; 'keys create daead <file>' writes one
					hmac  | json | CHANGE-ME           | not a Tink keyset in JSON; 'keys create hmac <file>' writes an hmac keyset (Tink PRF, HMAC-SHA256)
					aead  | file | a truncated keyset  | not a Tink keyset in JSON; 'keys create aead <file>' writes an aead keyset (Tink AEAD, AES-256-GCM)
					hmac  | file | '{"secret": "hunter2"}' | not a Tink keyset in JSON; 'keys create hmac <file>' writes an hmac keyset (Tink PRF, HMAC-SHA256)
					""")
	void aKeysetOfTheWrongKindOrNoneAtAllNamesItsPropertyAndNeverQuotesIt(String kind, String from, String given,
			String problem) throws Exception {
		// given
		String json = switch (given) {
			case "an aead keyset" -> Keysets.create("aead");
			case "an hmac keyset" -> Keysets.create("hmac");
			case "a truncated keyset" -> Keysets.create(kind).substring(0, 60);
			default -> given;
		};
		Path file = Files.writeString(this.dir.resolve("keyset.json"), json);
		KeysetProperties.Keyset keyset = from.equals("file") ? new KeysetProperties.Keyset(file, null)
				: new KeysetProperties.Keyset(null, json);
		Keysets keysets = new Keysets(new KeysetProperties(kind.equals("hmac") ? keyset : null,
				kind.equals("aead") ? keyset : null, kind.equals("daead") ? keyset : null), Keysets.Throwaway.NONE);
		String property = "audience-sync.keysets." + kind + (from.equals("file") ? ".file=" + file : ".json");

		// when / then
		assertThat(keysets.problems(List.of(kind))).containsExactly(property + ": " + problem);
		assertThatIllegalStateException().isThrownBy(() -> load(keysets, kind))
			.withMessage(property + ": " + problem)
			.withNoCause();
		assertThat(problem).doesNotContain(json.substring(0, Math.min(json.length(), 20)));
	}

	@Test
	void aKeysetFileThatIsNotThereNamesItsProperty() {
		Path file = this.dir.resolve("nowhere.json");
		Keysets keysets = new Keysets(new KeysetProperties(null, null, new KeysetProperties.Keyset(file, null)),
				Keysets.Throwaway.NONE);

		assertThat(keysets.problems(List.of("hmac", "aead", "daead"))).containsExactly(
				"audience-sync.keysets.daead.file=" + file + ": cannot be read (NoSuchFileException)",
				"audience-sync.keysets.hmac.file and audience-sync.keysets.aead.file are not set (nor their .json, "
						+ "environment variables AUDIENCE_SYNC_KEYSETS_HMAC_JSON and "
						+ "AUDIENCE_SYNC_KEYSETS_AEAD_JSON): a shared job repository needs keysets of its own; "
						+ "'keys create hmac <file>' and 'keys create aead <file>' write them");
	}

	private static Object load(Keysets keysets, String kind) {
		return switch (kind) {
			case "hmac" -> keysets.keyedHash();
			case "aead" -> keysets.sealer();
			default -> keysets.fieldEncryption();
		};
	}

	@Test
	void sealedValuesOpenOnlyInTheirOwnContextAndNeverQuoteThemselves() {
		Sealer sealer = new Keysets(null, Keysets.Throwaway.IN_MEMORY).sealer();
		byte[] sealed = sealer.seal("010-1234-5678".getBytes(), "job\0hackle");

		assertThat(new String(sealed)).doesNotContain("010-1234-5678");
		assertThat(sealer.open(sealed, "job\0hackle")).isEqualTo("010-1234-5678".getBytes());
		assertThatIllegalStateException().isThrownBy(() -> sealer.open(sealed, "other\0hackle"))
			.withMessageContaining("another keyset, or a value of another job or destination")
			.withMessageNotContaining("010");
		Sealer other = new Keysets(null, Keysets.Throwaway.IN_MEMORY).sealer();
		assertThatIllegalStateException().isThrownBy(() -> other.open(sealed, "job\0hackle"));
	}

	@Test
	void aKeysetComesFromTheEnvironmentVariableTheReadmeNames() {
		// a Kubernetes Secret becomes environment variables
		var environment = new org.springframework.core.env.SystemEnvironmentPropertySource("systemEnvironment",
				java.util.Map.of("AUDIENCE_SYNC_KEYSETS_HMAC_JSON", "{\"hmac\": 1}", "AUDIENCESYNC_KEYSETS_AEAD_FILE",
						"/secrets/aead.json"));
		KeysetProperties properties = new org.springframework.boot.context.properties.bind.Binder(
				org.springframework.boot.context.properties.source.ConfigurationPropertySources.from(environment))
			.bind("audience-sync.keysets", KeysetProperties.class)
			.get();

		assertThat(properties.hmac().json()).isEqualTo("{\"hmac\": 1}");
		assertThat(properties.aead().file()).isEqualTo(Path.of("/secrets/aead.json"));
		assertThat(properties.hmac().toString()).doesNotContain("hmac\": 1");
	}

}
