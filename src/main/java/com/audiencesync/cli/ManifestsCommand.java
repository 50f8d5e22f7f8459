package com.audiencesync.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import com.audiencesync.batch.SyncProperties;
import com.audiencesync.manifests.Manifests;
import com.audiencesync.spec.JobSpec;
import com.audiencesync.spec.SpecCatalog;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code manifests [--out k8s/base] [--image ...]}: the Kustomize base rendered from the
 * specs.
 */
@Command(name = "manifests", mixinStandardHelpOptions = true,
		description = { "Renders the Kubernetes manifests of the jobs folder as a Kustomize base.",
				"The base holds a CronJob per spec with a 'schedule', the specs' ConfigMap, the schema ConfigMap and "
						+ "Job, and a backfill Job template per spec (templates/).",
				"Overlays (namespace, image tag, Secret) go on top." })
class ManifestsCommand implements Callable<Integer> {

	@Option(names = "--out", description = "folder to write (default ${DEFAULT-VALUE})", defaultValue = "k8s/base")
	Path out;

	@Option(names = "--image", description = "image every pod runs (default ${DEFAULT-VALUE})",
			defaultValue = "audience-sync:0.1.0")
	String image;

	@Spec
	CommandSpec commandSpec;

	private final Contexts contexts;

	ManifestsCommand(Contexts contexts) {
		this.contexts = contexts;
	}

	@Override
	public Integer call() throws IOException {
		var out = this.commandSpec.commandLine().getOut();
		List<JobSpec> specs = new SpecCatalog(this.contexts.bean(Contexts.Need.SOURCES, SyncProperties.class).jobsDir())
			.all();
		Manifests manifests = new Manifests(this.image);
		Map<String, String> files = manifests.render(specs, schema());
		Files.createDirectories(this.out.resolve("templates"));
		for (Map.Entry<String, String> file : files.entrySet()) {
			Files.writeString(this.out.resolve(file.getKey()), file.getValue());
		}
		for (JobSpec spec : specs) {
			Files.writeString(this.out.resolve("templates/backfill-" + spec.name() + ".yaml"),
					manifests.backfillJob(spec));
		}
		long cronJobs = files.keySet().stream().filter((name) -> name.startsWith("cronjob-")).count();
		out.printf("%d file(s) written to %s: %d CronJob(s) of %d spec(s); kubectl apply -k %s%n", files.size(),
				this.out, cronJobs, specs.size(), this.out);
		out.flush();
		return ExitCodes.OK;
	}

	/** The MySQL schema, as the jar carries it. */
	static String schema() throws IOException {
		try (InputStream in = ManifestsCommand.class.getResourceAsStream("/sql/schema-mysql.sql")) {
			if (in == null) {
				throw new IOException("sql/schema-mysql.sql is not on the classpath");
			}
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
	}

}
