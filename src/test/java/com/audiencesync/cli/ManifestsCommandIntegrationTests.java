package com.audiencesync.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import com.audiencesync.manifests.Manifests;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.Yaml;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code manifests} as an operator runs it: the base written with what it no longer
 * renders deleted (and nothing it did not render), and a backfill's Job printed for
 * {@code kubectl create -f -}.
 */
class ManifestsCommandIntegrationTests {

	@TempDir
	Path dir;

	@Test
	void aFileItRenderedBeforeAndWouldNotNowIsDeletedAndAFileOfTheUsersIsKept() throws IOException {
		// given a CronJob of a spec whose schedule was removed, and a file of the user's
		Path base = Files.createDirectories(this.dir.resolve("base"));
		Path stale = Files.writeString(base.resolve("cronjob-members.yaml"), Manifests.HEADER + "kind: CronJob\n");
		Path staleTemplate = Files.writeString(
				Files.createDirectories(base.resolve("templates")).resolve("backfill-members.yaml"),
				Manifests.HEADER + "kind: Job\n");
		Path mine = Files.writeString(base.resolve("networkpolicy.yaml"), "kind: NetworkPolicy\n");

		// when
		InProcessCli.Result result = InProcessCli.run("manifests --out " + base);

		// then
		assertThat(result.code()).as(result.err()).isZero();
		assertThat(stale).doesNotExist();
		assertThat(staleTemplate.getParent()).doesNotExist();
		assertThat(mine).exists();
		assertThat(result.out()).contains("deleted " + stale + ": no spec renders it now");
		assertThat(base.resolve("cronjob-s3-profiles.yaml")).exists();
	}

	@Test
	void aBackfillsJobIsPrintedWithItsWindowImageAndNamespace() {
		InProcessCli.Result result = InProcessCli
			.run("manifests backfill groobee-demo --from 2026-11-01 --to 2026-11-07"
					+ " --image registry.example.com/data/audience-sync:0.2.0 --namespace audience-sync");

		assertThat(result.code()).as(result.err()).isZero();
		Job job = new ObjectMapper().convertValue(new Yaml().load(result.out()), Job.class);
		assertThat(job.getMetadata().getGenerateName()).isEqualTo("backfill-groobee-demo-");
		assertThat(job.getMetadata().getNamespace()).isEqualTo("audience-sync");
		assertThat(job.getSpec().getTemplate().getSpec().getContainers().get(0).getImage())
			.isEqualTo("registry.example.com/data/audience-sync:0.2.0");
		assertThat(job.getSpec().getTemplate().getSpec().getContainers().get(0).getArgs()).containsExactly("backfill",
				"groobee-demo", "--from=2026-11-01", "--to=2026-11-07");
	}

	@Test
	void aWindowThatEndsBeforeItStartsIsRefused() {
		InProcessCli.Result result = InProcessCli
			.run("manifests backfill groobee-demo --from 2026-11-07 --to 2026-11-01");

		assertThat(result.code()).isEqualTo(2);
		assertThat(result.err()).contains("--to 2026-11-01 is before --from 2026-11-07");
	}

}
