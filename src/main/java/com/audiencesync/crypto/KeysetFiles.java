package com.audiencesync.crypto;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.List;

import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.TinkJsonProtoKeysetFormat;

/**
 * A keyset file's keys, changed in place (written to a new file beside it, readable by
 * its owner only, then moved over it): a new primary key, a key removed. The file is the
 * one {@code audience-sync.keysets.<kind>.file} names, or the content of its Secret.
 */
public final class KeysetFiles {

	private KeysetFiles() {
	}

	/**
	 * A key of a keyset.
	 *
	 * @param id Tink's key id, written at the start of each ciphertext
	 * @param primary whether it seals (or hashes); the others only open
	 * @param status ENABLED, DISABLED or DESTROYED
	 */
	public record KeyInfo(int id, boolean primary, String status) {
	}

	/** The keys of a keyset file. */
	public static List<KeyInfo> list(Path file) {
		KeysetHandle handle = read(file);
		List<KeyInfo> keys = new ArrayList<>();
		for (int i = 0; i < handle.size(); i++) {
			KeysetHandle.Entry entry = handle.getAt(i);
			keys.add(new KeyInfo(entry.getId(), entry.isPrimary(), entry.getStatus().toString()));
		}
		return keys;
	}

	/**
	 * Adds a new key of that kind ({@code hmac} or {@code aead}) and makes it the
	 * primary; the old keys stay, so what they sealed still opens.
	 * @return the new key's id
	 */
	public static int rotate(Path file, String kind) {
		KeysetHandle.Builder builder = KeysetHandle.newBuilder(read(file));
		builder.addEntry(KeysetHandle.generateEntryFromParameters(Keysets.parameters(kind)).withRandomId());
		builder.getAt(builder.size() - 1).makePrimary();
		KeysetHandle rotated = build(builder);
		write(file, rotated);
		return rotated.getPrimary().getId();
	}

	/**
	 * Removes a key that is not the primary: what it sealed no longer opens, so rewrite
	 * that first ({@code keys re-encrypt}).
	 */
	public static void remove(Path file, int keyId) {
		KeysetHandle handle = read(file);
		KeysetHandle.Builder builder = KeysetHandle.newBuilder(handle);
		for (int i = 0; i < handle.size(); i++) {
			if (handle.getAt(i).getId() == keyId) {
				if (handle.getAt(i).isPrimary()) {
					throw new IllegalArgumentException("key " + Integer.toUnsignedString(keyId) + " is the primary of "
							+ file + ": rotate first, then re-encrypt, then remove it");
				}
				builder.deleteAt(i);
				write(file, build(builder));
				return;
			}
		}
		throw new IllegalArgumentException(file + " has no key " + Integer.toUnsignedString(keyId) + " (keys: "
				+ list(file).stream().map((key) -> Integer.toUnsignedString(key.id())).toList() + ")");
	}

	private static KeysetHandle build(KeysetHandle.Builder builder) {
		try {
			return builder.build();
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("cannot build the keyset: " + ex.getMessage(), ex);
		}
	}

	static KeysetHandle read(Path file) {
		try {
			return TinkJsonProtoKeysetFormat.parseKeyset(Files.readString(file, StandardCharsets.UTF_8),
					InsecureSecretKeyAccess.get());
		}
		catch (IOException ex) {
			// no cause kept: the error line would be its message, the bare path
			throw new IllegalArgumentException("cannot read the keyset " + file + ": " + ex.getClass().getSimpleName());
		}
		catch (GeneralSecurityException | RuntimeException ex) {
			// no cause kept: the error line would be Tink's "Parse keyset failed", and a
			// parser's message may quote the text it could not read
			throw new IllegalArgumentException(file + " is not a Tink keyset in JSON");
		}
	}

	private static void write(Path file, KeysetHandle handle) {
		try {
			Path next = Files.createTempFile(file.toAbsolutePath().getParent(), ".keyset-", ".json");
			try {
				Files.setPosixFilePermissions(next, PosixFilePermissions.fromString("rw-------"));
			}
			catch (UnsupportedOperationException ex) {
				// not a POSIX file system: keep the platform's defaults
			}
			Files.writeString(next, TinkJsonProtoKeysetFormat.serializeKeyset(handle, InsecureSecretKeyAccess.get()),
					StandardCharsets.UTF_8);
			Files.move(next, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
		}
		catch (IOException | GeneralSecurityException ex) {
			throw new IllegalStateException("cannot write the keyset " + file + ": " + ex.getClass().getSimpleName(),
					ex);
		}
	}

}
