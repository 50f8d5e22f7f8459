package com.audiencesync.crypto;

import java.nio.file.Path;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where the keysets come from ({@code audience-sync.keysets.*}). Each is a Tink keyset in
 * its JSON form, from a file or from the value itself (an environment variable fed by a
 * Secret); {@code keys create} writes one.
 *
 * @param hmac the PRF keyset of the sync state's keyed hashes (HMAC-SHA256)
 * @param aead the AEAD keyset (AES-256-GCM) of what is kept encrypted
 * @param daead the deterministic AEAD keyset (AES-SIV) of fields a spec sends encrypted
 * ({@code encrypt: deterministic})
 */
@ConfigurationProperties("audience-sync.keysets")
public record KeysetProperties(Keyset hmac, Keyset aead, Keyset daead) {

	/**
	 * One keyset.
	 *
	 * @param file a file holding the keyset's JSON
	 * @param json the keyset's JSON itself (e.g. {@code AUDIENCE_SYNC_KEYSETS_HMAC_JSON})
	 */
	public record Keyset(Path file, String json) {

		boolean isSet() {
			return this.file != null || (this.json != null && !this.json.isBlank());
		}

		@Override
		public String toString() {
			// the keyset is a secret: only where it comes from
			return "Keyset[file=" + this.file + ", json=" + ((this.json == null) ? "(unset)" : "(set)") + "]";
		}

	}

}
