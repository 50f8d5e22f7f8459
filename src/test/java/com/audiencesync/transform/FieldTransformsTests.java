package com.audiencesync.transform;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.ZoneId;
import java.util.HexFormat;
import java.util.Map;

import com.audiencesync.TestExtracts;
import com.audiencesync.crypto.FieldEncryption;
import com.audiencesync.crypto.KeysetProperties;
import com.audiencesync.crypto.Keysets;
import com.audiencesync.destination.Vendors;
import com.audiencesync.source.SourceRow;
import com.audiencesync.spec.JobSpec;
import com.audiencesync.spec.SpecException;
import com.audiencesync.spec.SpecLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * {@code hash: sha256} and {@code encrypt: deterministic} on a field or property: the
 * value sent is the hash or ciphertext of its normalised form, and a spec that asks for
 * either where the endpoint checks the value is refused.
 */
class FieldTransformsTests {

	@TempDir
	Path dir;

	private final FieldEncryption encryption = new Keysets(new KeysetProperties(null, null, null),
			Keysets.Throwaway.IN_MEMORY)
		.fieldEncryption();

	private JobSpec spec(String properties) {
		return new SpecLoader().load(TestExtracts.write(this.dir.resolve("t.yml"), """
				name: t
				source: { type: file, path: data, format: csv }
				mapping:
				  fields:
				    memberId: member_id
				    phoneNumber: { column: phone, type: phone }
				  properties:
				    fields:
				%s
				destination: { vendor: groobee, endpoint: personalizations }
				""".formatted(properties.indent(6).stripTrailing())));
	}

	private Transformed map(JobSpec spec, Map<String, Object> values) {
		RowMapper mapper = new RowMapper(spec.primary(), Vendors.endpoint("groobee", "personalizations").orElseThrow(),
				ZoneId.of("Asia/Seoul"), "t/2026-11-22", this.encryption::encrypt);
		return mapper.map(SourceRow.of("members.csv", 2, values));
	}

	private static String sha256(String text) throws Exception {
		return HexFormat.of()
			.formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
	}

	@Test
	void hashedEmailsAndPhonesAreTheSha256OfTheirNormalisedForm() throws Exception {
		JobSpec spec = spec("""
				emailHash: { column: email, type: email, hash: sha256 }
				phoneHash: { column: phone, type: phone, hash: sha256 }
				""");

		Transformed result = map(spec,
				Map.of("member_id", "m-1", "phone", "010 1234 5678", "email", "  Jane.Doe@Example.COM "));

		assertThat(result).isInstanceOf(Transformed.Accepted.class);
		Map<String, Object> properties = ((Transformed.Accepted) result).properties();
		assertThat(properties).containsEntry("emailHash", sha256("jane.doe@example.com"))
			.containsEntry("phoneHash", sha256("+821012345678"));
		assertThat(((Transformed.Accepted) result).masked()).doesNotContain("jane").doesNotContain("5678");
	}

	@Test
	void encryptedValuesAreTheSameForTheSameValueAndOpenWithTheKeyset() {
		JobSpec spec = spec("email: { column: email, type: email, encrypt: deterministic }");

		Object first = ((Transformed.Accepted) map(spec,
				Map.of("member_id", "m-1", "phone", "01012345678", "email", "Jane@Example.com")))
			.properties()
			.get("email");
		Object second = ((Transformed.Accepted) map(spec,
				Map.of("member_id", "m-2", "phone", "01012345679", "email", "jane@example.com ")))
			.properties()
			.get("email");

		assertThat(first).isEqualTo(second).asString().doesNotContain("jane").matches("[A-Za-z0-9+/=]+");
		assertThat(this.encryption.decrypt((String) first)).isEqualTo("jane@example.com");
	}

	@Test
	void aMalformedEmailIsRejectedNamingTheField() {
		JobSpec spec = spec("emailHash: { column: email, type: email, hash: sha256 }");

		Transformed result = map(spec, Map.of("member_id", "m-1", "phone", "01012345678", "email", "jane at example"));

		assertThat(result).isInstanceOf(Transformed.Rejected.class);
		assertThat(((Transformed.Rejected) result).reasonCode()).isEqualTo("BAD_EMAIL");
		assertThat(((Transformed.Rejected) result).message()).startsWith("properties.emailHash:")
			.doesNotContain("jane");
	}

	@Test
	void aFieldTheEndpointChecksCannotBeHashedAndOnlyKnownTransformsAreTaken() {
		assertThatExceptionOfType(SpecException.class)
			.isThrownBy(() -> new SpecLoader().load(TestExtracts.write(this.dir.resolve("bad.yml"), """
					name: bad
					source: { type: file, path: data, format: csv }
					mapping:
					  fields:
					    memberId: member_id
					    phoneNumber: { column: phone, type: phone, hash: sha256 }
					  properties:
					    fields:
					      a: { column: a, hash: md5 }
					      b: { column: b, hash: sha256, encrypt: deterministic }
					      c: { column: c, encrypt: random }
					destination: { vendor: groobee, endpoint: personalizations }
					""")))
			.satisfies((ex) -> assertThat(String.join("\n", ex.errors().stream().map(Object::toString).toList()))
				.contains("mapping.fields.phoneNumber.hash: groobee/personalizations checks what 'phoneNumber' holds")
				.contains("mapping.properties.fields.a.hash: 'md5' is not a hash (one of [sha256])")
				.contains("mapping.properties.fields.b: takes hash or encrypt, not both")
				.contains(
						"mapping.properties.fields.c.encrypt: 'random' is not an encryption (one of [deterministic])"));
	}

}
