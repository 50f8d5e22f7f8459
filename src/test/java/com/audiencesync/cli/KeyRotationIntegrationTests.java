package com.audiencesync.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.audiencesync.TestExtracts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Rotating the aead keyset as an operator would: rows sealed under the first key open
 * after a second key becomes the primary, and, once everything was sealed again under it,
 * after the first key is removed.
 */
class KeyRotationIntegrationTests {

	@TempDir
	Path dir;

	private String settings;

	private InProcessCli.Result cli(String line) {
		InProcessCli.Result result = InProcessCli.run(line + this.settings);
		assertThat(result.code()).as(line + "\n" + result.out() + result.err()).isZero();
		return result;
	}

	@Test
	void rowsSealedUnderTheFirstKeyStillOpenAfterRotationReencryptionAndRemoval() {
		Path aead = this.dir.resolve("aead.json");
		Path hmac = this.dir.resolve("hmac.json");
		InProcessCli.run("keys create aead " + aead);
		InProcessCli.run("keys create hmac " + hmac);
		this.settings = " --spring.datasource.url=jdbc:h2:mem:rotation-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1"
				+ " --audience-sync.keysets.aead.file=" + aead + " --audience-sync.keysets.hmac.file=" + hmac;
		String first = keyIds(cli("keys list " + aead).out()).get(0);

		// given rejected rows sealed under the first key
		cli("run groobee-demo --sandbox --param runDate=2026-11-10");
		assertThat(cli("rejected groobee-demo --reveal").out()).contains("Seo Yuna").contains("Han Jisoo");

		// when a second key becomes the primary, the rows still open
		cli("keys rotate aead " + aead);
		List<String> keys = keyIds(cli("keys list " + aead).out());
		assertThat(keys).hasSize(2).contains(first);
		assertThat(cli("rejected groobee-demo --reveal").out()).contains("Seo Yuna");

		// and a later night seals under the second
		cli("run groobee-demo --sandbox --param runDate=2026-11-11");

		// when everything is sealed again under the primary (twice: the second pass has
		// nothing left to do) and the first key removed
		assertThat(cli("keys re-encrypt").out())
			.containsPattern("rejected rows: (\\d+) sealed, [1-9]\\d* sealed again");
		assertThat(cli("keys re-encrypt").out()).contains(" 0 sealed again");
		cli("keys remove " + aead + " " + first);
		assertThat(keyIds(cli("keys list " + aead).out())).doesNotContain(first).hasSize(1);

		// then every row of both nights still opens
		String revealed = cli("rejected groobee-demo --reveal").out();
		assertThat(Pattern.compile("(?m)^ +row: ").matcher(revealed).results().count()).isEqualTo(8);
		assertThat(revealed).contains("Seo Yuna").contains("2026-11-10").contains("2026-11-11");

		// and the primary cannot be removed
		InProcessCli.Result primary = InProcessCli
			.run("keys remove " + aead + " " + keyIds(cli("keys list " + aead).out()).get(0));
		assertThat(primary.code()).isEqualTo(ExitCodes.USAGE);
		assertThat(primary.err()).contains("is the primary");
	}

	@Test
	void aPlannedMirrorsSnapshotIsSealedAgainSoItsDeletionsOpenOnceTheOldKeyIsGone() throws Exception {
		Path aead = this.dir.resolve("aead.json");
		Path hmac = this.dir.resolve("hmac.json");
		InProcessCli.run("keys create aead " + aead);
		InProcessCli.run("keys create hmac " + hmac);
		Path jobs = this.dir.resolve("jobs");
		Path users = TestExtracts.marketapMirror(jobs, "mirrored", TestExtracts.users(20));
		this.settings = " --spring.datasource.url=jdbc:h2:file:" + this.dir.resolve("repository").toAbsolutePath()
				+ " --audience-sync.keysets.aead.file=" + aead + " --audience-sync.keysets.hmac.file=" + hmac
				+ " --audience-sync.jobs-dir=" + jobs + " --audience-sync.state.snapshots=true";
		String first = keyIds(cli("keys list " + aead).out()).get(0);

		// given a planned mirror night, its snapshot sealed under the first key
		cli("run mirrored --sandbox --param runDate=2026-11-10");

		// when a second key becomes the primary, everything is sealed again under it and
		// the first key is removed
		cli("keys rotate aead " + aead);
		assertThat(cli("keys re-encrypt").out())
			.contains("mirrored keys in snapshots and plans: 20 sealed, 20 sealed again");
		cli("keys remove " + aead + " " + first);

		// then a night whose source lost two users deletes them: their fields still open
		TestExtracts.write(users, TestExtracts.users(20, 3, 5));
		assertThat(cli("run mirrored --sandbox --param runDate=2026-11-11").out())
			.contains("deleted     2 key(s) the source no longer has from marketap/profiles");
	}

	private static List<String> keyIds(String listing) {
		Matcher ids = Pattern.compile("(?m)^(\\d+) ").matcher(listing);
		return ids.results().map((match) -> match.group(1)).toList();
	}

}
