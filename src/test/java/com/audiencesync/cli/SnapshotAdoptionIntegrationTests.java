package com.audiencesync.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import com.audiencesync.TestExtracts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A sync that kept per-key state, then runs with {@code audience-sync.state.snapshots}:
 * its first planned night takes the per-key state as its first snapshot, so it sends only
 * what changed, and the per-key rows are gone once it completes.
 */
class SnapshotAdoptionIntegrationTests {

	@TempDir
	Path dir;

	@Test
	void theFirstPlannedNightSendsOnlyWhatChangedSinceThePerKeyState() throws Exception {
		Path jobs = this.dir.resolve("jobs");
		TestExtracts.members(jobs, "data/members.csv", 0, 200, List.of(), List.of());
		TestExtracts.groobeeSpec(jobs, "adopted", "data", 100, 100, 1);
		String common = " --audience-sync.jobs-dir=" + jobs + " --spring.datasource.url=jdbc:h2:file:"
				+ this.dir.resolve("repository").toAbsolutePath();

		// given a night with per-key state
		InProcessCli.Result first = InProcessCli.run(
				"run adopted --sandbox --param runDate=2026-11-21" + common + " --audience-sync.state.snapshots=false");
		assertThat(first.code()).as(first.out() + first.err()).isZero();
		assertThat(first.out()).contains("delivered   200 rows");

		// when three rows change and the next night is planned
		Path members = jobs.resolve("data/members.csv");
		Files.writeString(members,
				Files.readString(members)
					.replace(",GOLD,1\n", ",SILVER,1\n")
					.replace(",GOLD,2\n", ",SILVER,2\n")
					.replace(",GOLD,3\n", ",SILVER,3\n"));
		InProcessCli.Result next = InProcessCli
			.run("run adopted --sandbox --param runDate=2026-11-22" + common + " --audience-sync.state.snapshots=true");

		// then only they are sent, and the state is a snapshot
		assertThat(next.code()).as(next.out() + next.err()).isZero();
		assertThat(next.out()).contains("delivered   3 rows").contains("unchanged   197");
		DriverManagerDataSource repository = new DriverManagerDataSource(
				"jdbc:h2:file:" + this.dir.resolve("repository").toAbsolutePath(), "sa", "");
		JdbcTemplate jdbc = new JdbcTemplate(repository);
		assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM AS_SYNC_KEY", Long.class)).isZero();
		assertThat(jdbc.queryForObject("SELECT ENTRIES FROM AS_SNAPSHOT WHERE STATE = 'CURRENT'", Long.class))
			.isEqualTo(200);
	}

	@Test
	void aNightWithSnapshotsOffInBetweenIsTakenIntoTheSnapshotSoAChangeBackIsSent() throws Exception {
		Path jobs = this.dir.resolve("jobs");
		TestExtracts.members(jobs, "data/members.csv", 0, 50, List.of(), List.of());
		TestExtracts.groobeeSpec(jobs, "toggled", "data", 100, 100, 1);
		String common = " --audience-sync.jobs-dir=" + jobs + " --spring.datasource.url=jdbc:h2:file:"
				+ this.dir.resolve("repository").toAbsolutePath();
		String on = " --audience-sync.state.snapshots=true";
		Path members = jobs.resolve("data/members.csv");
		String gold = Files.readString(members);

		// given a planned night, then one with snapshots off that sends member 1 as
		// SILVER
		assertThat(InProcessCli.run("run toggled --sandbox --param runDate=2026-11-21" + common + on).code()).isZero();
		Files.writeString(members, gold.replace(",GOLD,1\n", ",SILVER,1\n"));
		InProcessCli.Result off = InProcessCli.run(
				"run toggled --sandbox --param runDate=2026-11-22" + common + " --audience-sync.state.snapshots=false");
		assertThat(off.code()).as(off.out() + off.err()).isZero();

		// when member 1 is GOLD again and snapshots are on again
		Files.writeString(members, gold);
		InProcessCli.Result back = InProcessCli.run("run toggled --sandbox --param runDate=2026-11-23" + common + on);

		// then it is sent: the vendor was last sent SILVER, whatever the older snapshot
		// held
		assertThat(back.code()).as(back.out() + back.err()).isZero();
		assertThat(back.out()).contains("delivered   1 row").contains("unchanged   49");
	}

	@Test
	void aMirrorsPerKeyStateIsTakenWithItsSealedKeysSoTheFirstPlannedNightDeletes() throws Exception {
		Path jobs = this.dir.resolve("jobs");
		Path users = TestExtracts.marketapMirror(jobs, "mirrored", TestExtracts.users(20));
		String common = " --audience-sync.jobs-dir=" + jobs + " --spring.datasource.url=jdbc:h2:file:"
				+ this.dir.resolve("repository").toAbsolutePath();

		// given a mirrored night with per-key state
		InProcessCli.Result first = InProcessCli.run("run mirrored --sandbox --param runDate=2026-11-21" + common
				+ " --audience-sync.state.snapshots=false");
		assertThat(first.code()).as(first.out() + first.err()).isZero();

		// when two users leave the source and the next night is planned
		TestExtracts.write(users, TestExtracts.users(20, 3, 5));
		InProcessCli.Result next = InProcessCli.run(
				"run mirrored --sandbox --param runDate=2026-11-22" + common + " --audience-sync.state.snapshots=true");

		// then they are deleted with the key fields the per-key state kept, and the state
		// is a sealed snapshot of the other 18
		assertThat(next.code()).as(next.out() + next.err()).isZero();
		assertThat(next.out()).contains("deleted     2 key(s) the source no longer has from marketap/profiles")
			.contains("unchanged   18");
		DriverManagerDataSource repository = new DriverManagerDataSource(
				"jdbc:h2:file:" + this.dir.resolve("repository").toAbsolutePath(), "sa", "");
		JdbcTemplate jdbc = new JdbcTemplate(repository);
		assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM AS_SYNC_KEY", Long.class)).isZero();
		assertThat(jdbc.queryForMap("SELECT ENTRIES, SEALED FROM AS_SNAPSHOT WHERE STATE = 'CURRENT'"))
			.containsEntry("ENTRIES", 18L)
			.containsEntry("SEALED", "Y");
	}

}
