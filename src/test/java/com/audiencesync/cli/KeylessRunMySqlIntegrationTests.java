package com.audiencesync.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.UUID;

import com.audiencesync.MySqlRepository;
import com.audiencesync.TestExtracts;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A run on a shared (MySQL) job repository whose keysets were never configured: one line
 * names every keyset it needs, and nothing is recorded.
 */
@Tag("mysql")
class KeylessRunMySqlIntegrationTests {

	@Test
	void aRunWithoutKeysetsNamesHmacAndAeadInOneLineAndRecordsNothing(@TempDir Path folder) {
		// given a spec and the repository without the tests' keysets
		String job = "keyless-" + UUID.randomUUID().toString().substring(0, 8);
		TestExtracts.members(folder, "members.csv", 0, 4, List.of(), List.of());
		Path spec = TestExtracts.groobeeSpec(folder, job, "members.csv", 100, 100, 1);
		String repository = String.join(" ",
				MySqlRepository.arguments().stream().filter((argument) -> !argument.contains(".keysets.")).toList());

		// when it runs
		InProcessCli.Result result = InProcessCli
			.run("run " + spec + " --sandbox --param runDate=2026-11-22 " + repository);

		// then
		assertThat(result.code()).as(result.out() + result.err()).isEqualTo(ExitCodes.USAGE);
		assertThat(result.err().lines()).containsExactly("error: audience-sync.keysets.hmac.file and "
				+ "audience-sync.keysets.aead.file are not set (nor their .json, environment variables "
				+ "AUDIENCE_SYNC_KEYSETS_HMAC_JSON and AUDIENCE_SYNC_KEYSETS_AEAD_JSON): a shared job repository "
				+ "needs keysets of its own; 'keys create hmac <file>' and 'keys create aead <file>' write them");
		assertThat(MySqlRepository.jdbc()
			.queryForObject("SELECT COUNT(*) FROM BATCH_JOB_INSTANCE WHERE JOB_NAME = ?", Integer.class, job)).isZero();
	}

}
