package com.audiencesync.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

import com.audiencesync.batch.SyncProperties;
import com.audiencesync.manifests.Manifests;
import com.audiencesync.spec.JobSpec;
import com.audiencesync.spec.SpecCatalog;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code manifests [--out k8s/base] [--image ...]}: the Kustomize base rendered from the
 * specs; {@code manifests backfill <job> --from --to}: a backfill's Job.
 */
@Command(name = "manifests", mixinStandardHelpOptions = true,
		description = { "Renders the Kubernetes manifests of the jobs folder as a Kustomize base.",
				"The base holds a CronJob per spec with a 'schedule', the specs' ConfigMap, the schema ConfigMap and "
						+ "Job, and the remote workers' Deployment. Files it rendered before and would not render "
						+ "now (a spec's schedule removed) are deleted.",
				"Overlays (namespace, image tag, Secret) go on top. 'manifests backfill' prints a backfill's Job." },
		subcommands = ManifestsCommand.Backfill.class)
class ManifestsCommand implements Callable<Integer> {

	@Option(names = "--out", description = "folder to write (default ${DEFAULT-VALUE})", defaultValue = "k8s/base")
	Path out;

	@Option(names = "--image", description = "image every pod runs (default ${DEFAULT-VALUE})",
			defaultValue = "audience-sync:0.1.0")
	String image;

	@Spec
	CommandSpec commandSpec;

	private final SpringContexts contexts;

	ManifestsCommand(SpringContexts contexts) {
		this.contexts = contexts;
	}

	@Override
	public Integer call() throws IOException {
		var out = this.commandSpec.commandLine().getOut();
		List<JobSpec> specs = new SpecCatalog(
				this.contexts.bean(SpringContexts.Need.SOURCES, SyncProperties.class).jobsDir())
			.all();
		Manifests manifests = new Manifests(this.image);
		Map<String, String> files = manifests.render(specs, schema());
		Files.createDirectories(this.out);
		for (Map.Entry<String, String> file : files.entrySet()) {
			Files.writeString(this.out.resolve(file.getKey()), file.getValue());
		}
		List<Path> stale = stale(files.keySet());
		for (Path file : stale) {
			Files.delete(file);
			out.printf("deleted %s: no spec renders it now%n", file);
			if (!file.getParent().equals(this.out) && isEmpty(file.getParent())) {
				Files.delete(file.getParent());
			}
		}
		long cronJobs = files.keySet().stream().filter((name) -> name.startsWith("cronjob-")).count();
		out.printf("%d file(s) written to %s: %d CronJob(s) of %d spec(s); kubectl apply -k %s%n", files.size(),
				this.out, cronJobs, specs.size(), this.out);
		out.flush();
		return ExitCodes.OK;
	}

	/**
	 * The files under {@code --out} that this command rendered once (they start with its
	 * header) and would not render now; and an emptied folder of them.
	 */
	private List<Path> stale(Set<String> rendered) throws IOException {
		List<Path> stale = new ArrayList<>();
		try (Stream<Path> files = Files.walk(this.out, 2)) {
			for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
				String name = this.out.relativize(file).toString();
				if (name.endsWith(".yaml") && !rendered.contains(name) && rendered(file)) {
					stale.add(file);
				}
			}
		}
		return stale;
	}

	private static boolean isEmpty(Path folder) throws IOException {
		try (Stream<Path> entries = Files.list(folder)) {
			return entries.findAny().isEmpty();
		}
	}

	private static boolean rendered(Path file) throws IOException {
		try (BufferedReader reader = Files.newBufferedReader(file)) {
			String first = reader.readLine();
			return first != null && Manifests.HEADER.equals(first + "\n");
		}
	}

	/** {@code manifests backfill <job> --from --to}: a backfill's Job, to create once. */
	@Command(name = "backfill", mixinStandardHelpOptions = true, description = {
			"Prints the Kubernetes Job that backfills a window of business dates: 'backfill <job> --from --to' in a pod "
					+ "like the CronJobs' pods.",
			"  audience-sync manifests backfill members --from 2026-11-01 --to 2026-11-07 \\",
			"      --image registry.example.com/data/audience-sync:0.1.0 --namespace audience-sync | kubectl create -f -" })
	static class Backfill implements Callable<Integer> {

		@Parameters(index = "0", paramLabel = "JOB", description = "job name (a spec in the jobs folder) or spec file")
		String job;

		@Option(names = "--from", required = true, paramLabel = "yyyy-MM-dd", description = "first business date")
		LocalDate from;

		@Option(names = "--to", required = true, paramLabel = "yyyy-MM-dd",
				description = "last business date (included)")
		LocalDate to;

		@Option(names = "--image", description = "image the pod runs: your registry's (default ${DEFAULT-VALUE})",
				defaultValue = "audience-sync:0.1.0")
		String image;

		@Option(names = "--namespace", description = "namespace of the Job (default: kubectl's)")
		String namespace;

		@Spec
		CommandSpec commandSpec;

		private final SpringContexts contexts;

		Backfill(SpringContexts contexts) {
			this.contexts = contexts;
		}

		@Override
		public Integer call() {
			BackfillCommand.window(this.commandSpec, this.from, this.to);
			JobSpec spec = new SpecCatalog(
					this.contexts.bean(SpringContexts.Need.SOURCES, SyncProperties.class).jobsDir())
				.resolve(this.job);
			var out = this.commandSpec.commandLine().getOut();
			out.print(new Manifests(this.image).backfillJob(spec, this.from.toString(), this.to.toString(),
					this.namespace));
			out.flush();
			return ExitCodes.OK;
		}

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
