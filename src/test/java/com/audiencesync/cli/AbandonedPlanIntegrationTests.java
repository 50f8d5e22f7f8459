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
 * A planned night that its guard stopped, then abandoned: its plan and its planned
 * snapshot are deleted, the current snapshot stays, and the next date plans against it.
 */
class AbandonedPlanIntegrationTests {

	@TempDir
	Path dir;

	@Test
	void abandoningANightTheGuardStoppedDeletesItsPlanAndKeepsTheState() throws Exception {
		Path jobs = this.dir.resolve("jobs");
		TestExtracts.members(jobs, "data/members.csv", 0, 100, List.of(), List.of());
		TestExtracts.groobeeSpec(jobs, "guarded", "data", 100, 100, 1);
		String common = " --audience-sync.jobs-dir=" + jobs + " --spring.datasource.url=jdbc:h2:file:"
				+ this.dir.resolve("repository").toAbsolutePath() + " --audience-sync.state.snapshots=true";
		JdbcTemplate jdbc = new JdbcTemplate(new DriverManagerDataSource(
				"jdbc:h2:file:" + this.dir.resolve("repository").toAbsolutePath(), "sa", ""));

		// given a completed night, then one whose extract changed every grade: stopped
		// by the guard before it sent anything
		assertThat(InProcessCli.run("run guarded --sandbox --param runDate=2026-11-21" + common).code()).isZero();
		Path members = jobs.resolve("data/members.csv");
		Files.writeString(members, Files.readString(members).replace(",GOLD,", ",SILVER,"));
		InProcessCli.Result stopped = InProcessCli.run("run guarded --sandbox --param runDate=2026-11-22" + common);
		assertThat(stopped.code()).as(stopped.out() + stopped.err()).isNotZero();
		assertThat(stopped.out() + stopped.err()).contains("--allow-mass-update");
		assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM AS_PLAN_PAGE", Long.class)).isPositive();
		assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM AS_SNAPSHOT WHERE STATE = 'READY'", Long.class)).isOne();
		long execution = jdbc.queryForObject("SELECT MAX(JOB_EXECUTION_ID) FROM BATCH_JOB_EXECUTION", Long.class);

		// when the operator abandons it
		InProcessCli.Result abandoned = InProcessCli.run("abandon " + execution + common);

		// then its plan is gone and the state is the first night's
		assertThat(abandoned.code()).as(abandoned.out() + abandoned.err()).isZero();
		assertThat(abandoned.out()).contains("execution " + execution + " abandoned")
			.contains("its plan for 1 destination(s) was deleted");
		assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM AS_PLAN_PAGE", Long.class)).isZero();
		assertThat(jdbc.queryForList("SELECT STATE FROM AS_SNAPSHOT", String.class)).containsExactly("CURRENT");
		assertThat(jdbc.queryForObject("SELECT ENTRIES FROM AS_SNAPSHOT", Long.class)).isEqualTo(100);

		// and the next date, allowed, sends every changed row against it
		InProcessCli.Result next = InProcessCli
			.run("run guarded --sandbox --allow-mass-update --param runDate=2026-11-23" + common);
		assertThat(next.code()).as(next.out() + next.err()).isZero();
		assertThat(next.out()).contains("delivered   100 rows");
	}

}
