package com.audiencesync.crypto;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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
	void aFileThatIsNotAKeysetIsRefusedWithoutQuotingIt() throws Exception {
		Path file = Files.writeString(this.dir.resolve("k.json"), "{\"secret\": \"hunter2\"}");
		Keysets keysets = new Keysets(new KeysetProperties(new KeysetProperties.Keyset(file, null), null, null),
				Keysets.Throwaway.NONE);

		assertThatIllegalStateException().isThrownBy(keysets::keyedHash)
			.withMessageContaining("audience-sync.keysets.hmac is not a Tink keyset")
			.withMessageNotContaining("hunter2");
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
