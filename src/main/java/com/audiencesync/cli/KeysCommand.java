package com.audiencesync.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.Callable;

import com.audiencesync.crypto.Keysets;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code keys create <hmac|aead> <file>}: keysets for {@code audience-sync.keysets.*}.
 */
@Command(name = "keys", mixinStandardHelpOptions = true,
		description = "Creates the Tink keysets of audience-sync.keysets.* (HMAC for the sync state, "
				+ "AEAD for what is kept encrypted).",
		subcommands = KeysCommand.Create.class)
class KeysCommand {

	/** {@code keys create}. */
	@Command(name = "create", mixinStandardHelpOptions = true,
			description = { "Writes a new keyset to a file readable by its owner only.",
					"Point audience-sync.keysets.<kind>.file at it, or put its content in a Secret",
					"(AUDIENCE_SYNC_KEYSETS_<KIND>_JSON)." })
	static class Create implements Callable<Integer> {

		@Parameters(index = "0", paramLabel = "KIND", description = "hmac or aead")
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
