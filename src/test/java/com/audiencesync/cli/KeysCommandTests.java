package com.audiencesync.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import com.audiencesync.AudienceSyncApplication;
import com.audiencesync.crypto.KeysetProperties;
import com.audiencesync.crypto.Keysets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import static org.assertj.core.api.Assertions.assertThat;

class KeysCommandTests {

	@TempDir
	Path dir;

	private final StringWriter out = new StringWriter();

	private int keys(String... args) {
		// the command line as main builds it: keys create starts no application
		CommandLine commandLine = Cli.commandLine(SpringContexts.starting(AudienceSyncApplication.class, args));
		commandLine.setOut(new PrintWriter(this.out));
		String[] line = new String[args.length + 1];
		line[0] = "keys";
		System.arraycopy(args, 0, line, 1, args.length);
		return commandLine.execute(line);
	}

	@Test
	void createsKeysetsOnlyItsOwnerCanReadThatTheRunUses() throws Exception {
		Path hmac = this.dir.resolve("hmac.json");
		Path aead = this.dir.resolve("aead.json");

		assertThat(keys("create", "hmac", hmac.toString())).isZero();
		assertThat(keys("create", "aead", aead.toString())).isZero();

		assertThat(Files.getPosixFilePermissions(hmac)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
		assertThat(this.out.toString()).contains("set audience-sync.keysets.hmac.file=" + hmac.toAbsolutePath());
		Keysets keysets = new Keysets(new KeysetProperties(new KeysetProperties.Keyset(hmac, null),
				new KeysetProperties.Keyset(aead, null), null), Keysets.Throwaway.NONE);
		assertThat(keysets.keyedHash().of("d", "u1")).hasSize(16);
		byte[] sealed = keysets.sealer().seal("u1".getBytes(), "job\0marketap");
		assertThat(new String(keysets.sealer().open(sealed, "job\0marketap"))).isEqualTo("u1");
	}

	@Test
	void neverOverwritesAKeyset() throws Exception {
		Path hmac = this.dir.resolve("hmac.json");
		assertThat(keys("create", "hmac", hmac.toString())).isZero();
		String first = Files.readString(hmac);

		assertThat(keys("create", "hmac", hmac.toString())).isEqualTo(ExitCodes.USAGE);

		assertThat(Files.readString(hmac)).isEqualTo(first);
		assertThat(this.out.toString()).contains("a keyset is never overwritten");
	}

}
