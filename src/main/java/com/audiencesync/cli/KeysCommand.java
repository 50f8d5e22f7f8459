package com.audiencesync.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import com.audiencesync.crypto.KeysetFiles;
import com.audiencesync.crypto.Keysets;
import com.audiencesync.crypto.Sealer;
import com.audiencesync.state.Resealing;
import com.audiencesync.state.snapshot.Nights;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code keys create | list | rotate | re-encrypt | remove}: the keysets of
 * {@code audience-sync.keysets.*} and their rotation.
 */
@Command(name = "keys", mixinStandardHelpOptions = true,
		description = { "Creates, lists and rotates the Tink keysets of audience-sync.keysets.*.",
				"The hmac keyset keys the sync state; the aead keyset seals what is kept encrypted.",
				"To rotate the aead keyset: 'keys rotate aead <file>' (deploy it), 'keys re-encrypt', then "
						+ "'keys remove <file> <old id>'." },
		subcommands = { KeysCommand.Create.class, KeysCommand.ListKeys.class, KeysCommand.Rotate.class,
				KeysCommand.Reencrypt.class, KeysCommand.Remove.class })
class KeysCommand {

	/** {@code keys list <file>}. */
	@Command(name = "list", mixinStandardHelpOptions = true,
			description = "Lists a keyset file's keys: id, status, and which is the primary (seals and hashes).")
	static class ListKeys implements Callable<Integer> {

		@Parameters(index = "0", paramLabel = "FILE", description = "the keyset file")
		Path file;

		@Spec
		CommandSpec commandSpec;

		@Override
		public Integer call() {
			var out = this.commandSpec.commandLine().getOut();
			for (KeysetFiles.KeyInfo key : KeysetFiles.list(this.file)) {
				out.printf("%-12s %-10s%s%n", Integer.toUnsignedString(key.id()), key.status(),
						key.primary() ? " primary" : "");
			}
			out.flush();
			return ExitCodes.OK;
		}

	}

	/** {@code keys rotate <kind> <file>}. */
	@Command(name = "rotate", mixinStandardHelpOptions = true, description = {
			"Adds a new key to a keyset file and makes it the primary.",
			"The new key seals (or hashes) from now on; the old keys still open what they sealed.",
			"For aead, run 'keys re-encrypt' once the new file is deployed. For hmac, every keyed hash changes: "
					+ "the next run of each job sends every row once." })
	static class Rotate implements Callable<Integer> {

		@Parameters(index = "0", paramLabel = "KIND", description = "hmac, aead or daead")
		String kind;

		@Parameters(index = "1", paramLabel = "FILE", description = "the keyset file")
		Path file;

		@Spec
		CommandSpec commandSpec;

		@Override
		public Integer call() {
			var out = this.commandSpec.commandLine().getOut();
			int id = KeysetFiles.rotate(this.file, this.kind);
			out.printf("%s: key %s added as the primary (%d keys)%s%n", this.file, Integer.toUnsignedString(id),
					KeysetFiles.list(this.file).size(),
					"aead".equals(this.kind) ? "; deploy it, then 'keys re-encrypt' seals what is kept under it"
							: "; the next run of each job sends every row once (its keyed hashes changed)");
			out.flush();
			return ExitCodes.OK;
		}

	}

	/** {@code keys re-encrypt}. */
	@Command(name = "re-encrypt", mixinStandardHelpOptions = true, description = {
			"Seals again everything the job repository keeps sealed, under the aead keyset's primary key.",
			"That is rejected rows as read and mirrored keys, a page at a time. Run again after a stop, it goes "
					+ "on where it was. Afterwards the old keys can be removed." })
	static class Reencrypt implements Callable<Integer> {

		@Spec
		CommandSpec commandSpec;

		private final SpringContexts contexts;

		Reencrypt(SpringContexts contexts) {
			this.contexts = contexts;
		}

		@Override
		public Integer call() {
			var out = this.commandSpec.commandLine().getOut();
			Sealer sealer = this.contexts.bean(SpringContexts.Need.REPOSITORY, Keysets.class).sealer();
			Resealing resealing = this.contexts.bean(SpringContexts.Need.REPOSITORY, Resealing.class);
			Resealing.Count rows = resealing.rejectedRows(sealer::reseal);
			Resealing.Count keys = resealing.mirroredKeys(sealer::reseal);
			List<String> skipped = new ArrayList<>();
			Resealing.Count snapshots = this.contexts.bean(SpringContexts.Need.REPOSITORY, Nights.class)
				.reseal(sealer::reseal, skipped);
			String primary = Integer.toUnsignedString(sealer.primaryKeyId());
			out.printf("rejected rows: %d sealed, %d sealed again under key %s%n", rows.examined(), rows.resealed(),
					primary);
			out.printf("mirrored keys: %d sealed, %d sealed again under key %s%n", keys.examined(), keys.resealed(),
					primary);
			out.printf("mirrored keys in snapshots and plans: %d sealed, %d sealed again under key %s%n",
					snapshots.examined(), snapshots.resealed(), primary);
			if (!skipped.isEmpty()) {
				out.printf("left for later, their job running now: %s; run 'keys re-encrypt' again once it ended, "
						+ "before removing the old key%n", String.join(", ", skipped));
				out.flush();
				return ExitCodes.FAILED;
			}
			out.flush();
			return ExitCodes.OK;
		}

	}

	/** {@code keys remove <file> <id>}. */
	@Command(name = "remove", mixinStandardHelpOptions = true,
			description = { "Removes a key that is not the primary from a keyset file.",
					"What it sealed no longer opens: run 'keys re-encrypt' first." })
	static class Remove implements Callable<Integer> {

		@Parameters(index = "0", paramLabel = "FILE", description = "the keyset file")
		Path file;

		@Parameters(index = "1", paramLabel = "ID", description = "the key's id ('keys list')")
		String id;

		@Spec
		CommandSpec commandSpec;

		@Override
		public Integer call() {
			var out = this.commandSpec.commandLine().getOut();
			KeysetFiles.remove(this.file, Integer.parseUnsignedInt(this.id));
			out.printf("%s: key %s removed (%d left)%n", this.file, this.id, KeysetFiles.list(this.file).size());
			out.flush();
			return ExitCodes.OK;
		}

	}

	/** {@code keys create}. */
	@Command(name = "create", mixinStandardHelpOptions = true,
			description = { "Writes a new keyset to a file readable by its owner only.",
					"Point audience-sync.keysets.<kind>.file at it, or put its content in a Secret "
							+ "(AUDIENCE_SYNC_KEYSETS_<KIND>_JSON)." })
	static class Create implements Callable<Integer> {

		@Parameters(index = "0", paramLabel = "KIND",
				description = "hmac (keyed hashes), aead (sealed rows) or daead (fields sent encrypted)")
		String kind;

		@Parameters(index = "1", paramLabel = "FILE", description = "where to write it (must not exist)")
		Path file;

		@Spec
		CommandSpec commandSpec;

		@Override
		public Integer call() throws IOException {
			var out = this.commandSpec.commandLine().getOut();
			String keyset = Keysets.create(this.kind);
			try {
				Files.writeString(this.file, keyset, StandardCharsets.UTF_8,
						java.nio.file.StandardOpenOption.CREATE_NEW);
			}
			catch (FileAlreadyExistsException ex) {
				out.printf("%s exists: a keyset is never overwritten (its keys may still be needed)%n", this.file);
				out.flush();
				return ExitCodes.USAGE;
			}
			try {
				Files.setPosixFilePermissions(this.file, PosixFilePermissions.fromString("rw-------"));
			}
			catch (UnsupportedOperationException ex) {
				// not a POSIX file system: keep the platform's defaults
			}
			out.printf("%s keyset written to %s; set audience-sync.keysets.%s.file=%s%n", this.kind, this.file,
					this.kind, this.file.toAbsolutePath());
			out.flush();
			return ExitCodes.OK;
		}

	}

}
