package com.audiencesync.manifests;

import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import com.audiencesync.spec.JobSpec;
import com.audiencesync.spec.SpecCatalog;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.KubernetesResource;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The manifests in k8s/base are what {@code manifests} renders from jobs/ (so they cannot
 * drift from the specs), they parse into Kubernetes' own types with no unknown field, and
 * every CronJob keeps the rules a night without a person watching needs.
 */
class ManifestsTests {

	private static final ObjectMapper KUBERNETES = new ObjectMapper()
		.enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

	private final List<JobSpec> specs = new SpecCatalog(Path.of("jobs")).all();

	private final Map<String, String> rendered = new Manifests("audience-sync:0.1.0").render(this.specs, schema());

	private static String schema() {
		try {
			return Files.readString(Path.of("sql/schema-mysql.sql"));
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static <T extends KubernetesResource> T parse(String yaml, Class<T> type) {
		Object tree = new Yaml().load(yaml);
		T resource = KUBERNETES.convertValue(tree, type);
		assertNoUnknownFields(resource, type.getSimpleName());
		return resource;
	}

	/** fabric8 keeps unknown keys in additionalProperties: there must be none. */
	private static void assertNoUnknownFields(Object value, String path) {
		if (value instanceof Collection<?> collection) {
			int i = 0;
			for (Object each : collection) {
				assertNoUnknownFields(each, path + "[" + i++ + "]");
			}
			return;
		}
		if (!(value instanceof KubernetesResource)) {
			return;
		}
		for (Method getter : value.getClass().getMethods()) {
			if (getter.getParameterCount() != 0 || !getter.getName().startsWith("get")
					|| getter.getDeclaringClass() == Object.class) {
				continue;
			}
			Object field;
			try {
				field = getter.invoke(value);
			}
			catch (ReflectiveOperationException ex) {
				throw new IllegalStateException(ex);
			}
			if ("getAdditionalProperties".equals(getter.getName())) {
				assertThat((Map<?, ?>) field).as("unknown fields at %s", path).isEmpty();
			}
			else {
				assertNoUnknownFields(field, path + "." + getter.getName().substring(3));
			}
		}
	}

	@Test
	void theCheckedInBaseIsWhatTheSpecsRender() throws IOException {
		Path base = Path.of("k8s/base");
		List<String> onDisk;
		try (Stream<Path> files = Files.list(base)) {
			onDisk = files.filter(Files::isRegularFile).map((file) -> file.getFileName().toString()).sorted().toList();
		}
		assertThat(onDisk).as("run: java -jar target/audience-sync.jar manifests")
			.containsExactlyElementsOf(this.rendered.keySet());
		for (Map.Entry<String, String> file : this.rendered.entrySet()) {
			assertThat(Files.readString(base.resolve(file.getKey())))
				.as("k8s/base/%s is stale: run java -jar target/audience-sync.jar manifests", file.getKey())
				.isEqualTo(file.getValue());
		}
		for (JobSpec spec : this.specs) {
			Path template = base.resolve("templates/backfill-" + spec.name() + ".yaml");
			assertThat(Files.readString(template)).isEqualTo(new Manifests("audience-sync:0.1.0").backfillJob(spec));
		}
	}

	@Test
	void everyScheduledSpecHasACronJobThatRunsItAsItsScheduleSays() {
		List<JobSpec> scheduled = this.specs.stream().filter((spec) -> spec.schedule() != null).toList();
		assertThat(scheduled).isNotEmpty();
		assertThat(this.rendered.keySet().stream().filter((name) -> name.startsWith("cronjob-")))
			.hasSameSizeAs(scheduled);
		for (JobSpec spec : scheduled) {
			CronJob cronJob = parse(this.rendered.get("cronjob-" + spec.name() + ".yaml"), CronJob.class);
			assertThat(cronJob.getSpec().getSchedule()).isEqualTo(spec.schedule().cron());
			assertThat(cronJob.getSpec().getTimeZone()).isEqualTo(spec.schedule().timeZone());
			assertThat(cronJob.getSpec().getConcurrencyPolicy()).as("two runs of one night at once")
				.isEqualTo("Forbid");
			assertThat(cronJob.getSpec().getStartingDeadlineSeconds()).isPositive();
			io.fabric8.kubernetes.api.model.batch.v1.JobSpec job = cronJob.getSpec().getJobTemplate().getSpec();
			assertThat(job.getBackoffLimit()).as("a killed pod is retried: the retry recovers the run")
				.isBetween(1, 10);
			assertThat(job.getPodFailurePolicy().getRules()).singleElement()
				.satisfies((rule) -> assertThat(rule.getOnExitCodes().getValues()).as("no retry of a bad spec")
					.containsExactly(2));
			Container container = pod(job).getContainers().get(0);
			assertThat(container.getArgs()).containsExactly("run", spec.name());
			assertThat(container.getResources().getRequests().get("memory").toString())
				.isEqualTo(spec.schedule().memoryOrDefault());
			assertThat(container.getResources().getLimits().get("memory"))
				.isEqualTo(container.getResources().getRequests().get("memory"));
			assertThat(container.getResources().getRequests()).containsKey("cpu");
			assertThat(container.getEnvFrom())
				.extracting((env) -> (env.getSecretRef() != null)
						? ((Boolean.TRUE.equals(env.getSecretRef().getOptional()) ? "optional " : "") + "secret "
								+ env.getSecretRef().getName()
								+ (Boolean.TRUE.equals(env.getSecretRef().getOptional()) ? " true" : ""))
						: "optional configMap " + env.getConfigMapRef().getName() + " "
								+ env.getConfigMapRef().getOptional())
				.containsExactly("secret audience-sync", "optional configMap audience-sync-settings true",
						"optional secret audience-sync-rabbitmq true");
			assertThat(container.getEnv()).anySatisfy((env) -> {
				assertThat(env.getName()).isEqualTo("JAVA_TOOL_OPTIONS");
				assertThat(env.getValue()).contains("-XX:MaxRAMPercentage=");
			});
			Duration runGrace = container.getEnv()
				.stream()
				.filter((env) -> env.getName().equals("AUDIENCE_SYNC_SHUTDOWN_GRACE"))
				.map((env) -> Duration.parse("PT" + env.getValue().toUpperCase()))
				.findFirst()
				.orElseThrow();
			assertThat(pod(job).getTerminationGracePeriodSeconds()).as("the pod outlives the run's own stop grace")
				.isGreaterThan(runGrace.toSeconds() + 10);
			assertThat(pod(job).getSecurityContext().getRunAsNonRoot()).isTrue();
			assertThat(container.getSecurityContext().getReadOnlyRootFilesystem()).isTrue();
			assertThat(container.getVolumeMounts()).anySatisfy((mount) -> {
				assertThat(mount.getMountPath()).isEqualTo(Manifests.JOBS_MOUNT);
				assertThat(mount.getName()).isEqualTo("jobs");
			});
			assertThat(pod(job).getRestartPolicy()).isEqualTo("Never");
		}
	}

	@Test
	void theJobsConfigMapHoldsEverySpecAsWritten() throws IOException {
		ConfigMap jobs = parse(this.rendered.get("configmap-jobs.yaml"), ConfigMap.class);
		for (JobSpec spec : this.specs) {
			assertThat(jobs.getData()).containsEntry(spec.file().getFileName().toString(),
					Files.readString(spec.file()));
		}
		ConfigMap schema = parse(this.rendered.get("configmap-schema.yaml"), ConfigMap.class);
		assertThat(schema.getData().get("schema-mysql.sql")).contains("CREATE TABLE IF NOT EXISTS AS_SYNC_KEY");
		Job apply = parse(this.rendered.get("job-schema.yaml"), Job.class);
		assertThat(String.join(" ", pod(apply.getSpec()).getContainers().get(0).getCommand()))
			.contains("/sql/schema-mysql.sql");
	}

	@Test
	void backfillTemplatesAndTheExampleOverlayParse() throws IOException {
		for (JobSpec spec : this.specs) {
			Job backfill = parse(new Manifests("audience-sync:0.1.0").backfillJob(spec), Job.class);
			assertThat(pod(backfill.getSpec()).getContainers().get(0).getArgs()).containsExactly("backfill",
					spec.name(), "--from", "FROM", "--to", "TO");
		}
		List<String> secrets = new ArrayList<>();
		for (Object document : new Yaml()
			.loadAll(Files.readString(Path.of("k8s/overlays/example/secret-example.yaml")))) {
			io.fabric8.kubernetes.api.model.Secret secret = KUBERNETES.convertValue(document,
					io.fabric8.kubernetes.api.model.Secret.class);
			assertThat(secret.getStringData().values()).as("an example holds no real secret")
				.allSatisfy((value) -> assertThat(value).doesNotMatch("[A-Za-z0-9+/]{40,}"));
			secrets.add(secret.getMetadata().getName());
		}
		assertThat(secrets).containsExactly("audience-sync", "audience-sync-schema", "audience-sync-rabbitmq");
		ConfigMap settings = parse(Files.readString(Path.of("k8s/overlays/example/settings.yaml")), ConfigMap.class);
		assertThat(settings.getMetadata().getName()).isEqualTo("audience-sync-settings");
		assertThat(settings.getData()).containsKeys("MANAGEMENT_PROMETHEUS_METRICS_EXPORT_PUSHGATEWAY_ENABLED",
				"MANAGEMENT_PROMETHEUS_METRICS_EXPORT_PUSHGATEWAY_ADDRESS", "LOGGING_STRUCTURED_FORMAT_CONSOLE");
		assertThat(Files.readString(Path.of("k8s/overlays/example/kustomization.yaml"))).contains("- settings.yaml");
	}

	@Test
	void theWorkersAreADeploymentAtZeroUntilScaledRunningWorkerAsTheCronJobsRun() {
		io.fabric8.kubernetes.api.model.apps.Deployment workers = parse(this.rendered.get("deployment-worker.yaml"),
				io.fabric8.kubernetes.api.model.apps.Deployment.class);

		assertThat(workers.getSpec().getReplicas()).isZero();
		PodSpec pod = workers.getSpec().getTemplate().getSpec();
		Container container = pod.getContainers().get(0);
		assertThat(container.getArgs()).containsExactly("worker");
		assertThat(container.getEnvFrom()).filteredOn((from) -> from.getSecretRef() != null).anySatisfy((from) -> {
			assertThat(from.getSecretRef().getName()).isEqualTo("audience-sync-rabbitmq");
			assertThat(from.getSecretRef().getOptional()).isTrue();
		});
		assertThat(container.getResources().getLimits().get("memory"))
			.isEqualTo(container.getResources().getRequests().get("memory"));
		assertThat(pod.getSecurityContext().getRunAsNonRoot()).isTrue();
		assertThat(container.getSecurityContext().getReadOnlyRootFilesystem()).isTrue();
		assertThat(workers.getSpec().getSelector().getMatchLabels())
			.isEqualTo(workers.getSpec().getTemplate().getMetadata().getLabels());
		assertThat(this.rendered.get("kustomization.yaml")).contains("deployment-worker.yaml");
	}

	@Test
	void aMisspelledFieldFailsTheParse() {
		String cronJob = this.rendered.get("cronjob-warehouse-profiles.yaml")
			.replace("concurrencyPolicy:", "concurencyPolicy:");

		org.assertj.core.api.Assertions.assertThatExceptionOfType(AssertionError.class)
			.isThrownBy(() -> parse(cronJob, CronJob.class))
			.withMessageContaining("concurencyPolicy");
	}

	@Test
	void theImageRunsAsNonRootWithSigtermReachingTheJvm() throws IOException {
		String dockerfile = Files.readString(Path.of("Dockerfile"));

		assertThat(dockerfile).contains("-Djarmode=tools -jar audience-sync.jar extract --layers")
			.containsPattern("(?m)^USER 10001")
			.containsPattern("(?m)^ENTRYPOINT \\[\"java\", \"-XX:SharedArchiveFile=/app/audience-sync.jsa\", ")
			.contains(
					"-Xshare:dump -XX:SharedClassListFile=audience-sync.classes -XX:SharedArchiveFile=/app/audience-sync.jsa")
			.contains("-XX:MaxRAMPercentage=");
	}

	private static PodSpec pod(io.fabric8.kubernetes.api.model.batch.v1.JobSpec job) {
		return job.getTemplate().getSpec();
	}

}
