package com.audiencesync.manifests;

import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import com.audiencesync.batch.recovery.RecoveryProperties;
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
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

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
		assertThat(base.resolve("templates")).as("backfills are rendered on demand: manifests backfill").doesNotExist();
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
			assertThat(cronJob.getSpec().getTimeZone()).isEqualTo(
					(spec.schedule().timeZone() != null) ? spec.schedule().timeZone() : spec.zoneOrDefault().getId());
			assertThat(cronJob.getSpec().getConcurrencyPolicy()).as("two runs of one night at once")
				.isEqualTo("Forbid");
			assertThat(cronJob.getSpec().getStartingDeadlineSeconds()).isPositive();
			io.fabric8.kubernetes.api.model.batch.v1.JobSpec job = cronJob.getSpec().getJobTemplate().getSpec();
			assertThat(job.getBackoffLimit()).as("a killed pod is retried: the retry recovers the run")
				.isBetween(1, 10);
			assertThat(job.getPodFailurePolicy().getRules())
				.as("a drained node uses no retry up; a bad spec is not retried")
				.extracting((rule) -> rule.getAction() + " "
						+ ((rule.getOnExitCodes() != null) ? "exit " + rule.getOnExitCodes().getValues()
								: rule.getOnPodConditions().get(0).getType()))
				.containsExactly("Ignore DisruptionTarget", "FailJob exit [2]");
			ZoneId zone = ZoneId.of(cronJob.getSpec().getTimeZone());
			assertThat(job.getActiveDeadlineSeconds()).as("a night ends before the next is due")
				.isEqualTo(spec.schedule().deadlineOrDefault(zone).toSeconds())
				.isLessThanOrEqualTo(
						spec.schedule().interval(zone).toSeconds() - cronJob.getSpec().getStartingDeadlineSeconds());
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
	void aBackfillsJobRunsItsWindowWithNoDeadline() {
		for (JobSpec spec : this.specs) {
			Job backfill = parse(
					new Manifests("audience-sync:0.1.0").backfillJob(spec, "2026-11-01", "2026-11-07", "audience-sync"),
					Job.class);
			assertThat(backfill.getMetadata().getNamespace()).isEqualTo("audience-sync");
			assertThat(backfill.getSpec().getActiveDeadlineSeconds()).isNull();
			assertThat(pod(backfill.getSpec()).getContainers().get(0).getArgs()).containsExactly("backfill",
					spec.name(), "--from=2026-11-01", "--to=2026-11-07");
		}
	}

	@Test
	void aKilledPodsRetryComesAfterItsRunLooksDeadWithRetriesToSpare() {
		// Kubernetes retries a failed pod of a Job after 10 s, then twice as long each
		// time, at most 6 min; a retry that finds the killed run's heartbeat fresh exits
		// 3
		// (and uses a retry up); the first one after stale-after recovers and resumes it
		RecoveryProperties recovery = new Binder(new MapConfigurationPropertySource())
			.bindOrCreate("audience-sync.recovery", RecoveryProperties.class);
		for (String name : this.rendered.keySet().stream().filter((file) -> file.startsWith("cronjob-")).toList()) {
			CronJob cronJob = parse(this.rendered.get(name), CronJob.class);
			io.fabric8.kubernetes.api.model.batch.v1.JobSpec job = cronJob.getSpec().getJobTemplate().getSpec();
			long afterKill = 0;
			int retry = 0;
			while (afterKill < recovery.staleAfter().toSeconds() && retry < job.getBackoffLimit()) {
				afterKill += Math.min(10L << retry, 360);
				retry++;
			}
			assertThat(afterKill).as("%s: the last retry starts %d s after the kill", name, afterKill)
				.isGreaterThanOrEqualTo(recovery.staleAfter().toSeconds());
			assertThat(job.getBackoffLimit() - retry).as("%s: retries left once the run is recovered", name)
				.isGreaterThanOrEqualTo(2);
			assertThat(job.getActiveDeadlineSeconds()).as("%s: the deadline leaves the recovery its time", name)
				.isGreaterThan(afterKill + 600);
		}
	}

	@Test
	void everyPodMeetsThePodSecurityStandardsRestrictedProfile() {
		List<PodSpec> pods = new ArrayList<>();
		for (Map.Entry<String, String> file : this.rendered.entrySet()) {
			if (file.getKey().startsWith("cronjob-")) {
				pods.add(pod(parse(file.getValue(), CronJob.class).getSpec().getJobTemplate().getSpec()));
			}
		}
		pods.add(pod(parse(this.rendered.get("job-schema.yaml"), Job.class).getSpec()));
		pods.add(parse(this.rendered.get("deployment-worker.yaml"),
				io.fabric8.kubernetes.api.model.apps.Deployment.class)
			.getSpec()
			.getTemplate()
			.getSpec());
		pods.add(pod(parse(
				new Manifests("audience-sync:0.1.0").backfillJob(this.specs.get(0), "2026-11-01", "2026-11-01", null),
				Job.class)
			.getSpec()));
		assertThat(pods).hasSizeGreaterThanOrEqualTo(4).allSatisfy((pod) -> {
			assertThat(pod.getSecurityContext().getRunAsNonRoot()).isTrue();
			assertThat(pod.getSecurityContext().getSeccompProfile().getType()).isEqualTo("RuntimeDefault");
			assertThat(pod.getAutomountServiceAccountToken()).as("no API token in a pod that never calls the API")
				.isFalse();
			assertThat(pod.getHostNetwork()).isNotEqualTo(Boolean.TRUE);
			assertThat(pod.getVolumes()).allSatisfy((volume) -> assertThat(volume.getHostPath()).isNull());
			assertThat(pod.getContainers()).allSatisfy((container) -> {
				assertThat(container.getSecurityContext().getAllowPrivilegeEscalation()).isFalse();
				assertThat(container.getSecurityContext().getPrivileged()).isNotEqualTo(Boolean.TRUE);
				assertThat(container.getSecurityContext().getCapabilities().getDrop()).containsExactly("ALL");
				assertThat(container.getSecurityContext().getCapabilities().getAdd()).isNullOrEmpty();
				assertThat(container.getSecurityContext().getReadOnlyRootFilesystem()).isTrue();
			});
		});
	}

	@Test
	void theSchemaJobIsANewJobWhenTheSchemaChangesAndTheSameOneWhenItDoesNot() {
		Manifests manifests = new Manifests("audience-sync:0.1.0");
		String name = parse(this.rendered.get("job-schema.yaml"), Job.class).getMetadata().getName();
		String again = parse(manifests.render(this.specs, schema()).get("job-schema.yaml"), Job.class).getMetadata()
			.getName();
		String changed = parse(manifests.render(this.specs, schema() + "\n-- a new column\n").get("job-schema.yaml"),
				Job.class)
			.getMetadata()
			.getName();

		assertThat(name).matches("audience-sync-schema-[0-9a-f]{10}").isEqualTo(again).isNotEqualTo(changed);
	}

	@Test
	void theExampleOverlayBuildsWithKustomizeAndAppliesNoSecret() throws Exception {
		Assumptions.assumeTrue(kubectl(), "*** kubectl is not installed: the Kustomize build is SKIPPED ***");
		Process build = new ProcessBuilder("kubectl", "kustomize", "k8s/overlays/example").redirectErrorStream(true)
			.start();
		String out = new String(build.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertThat(build.waitFor()).as(out).isZero();

		List<String> kinds = new ArrayList<>();
		for (Object document : new Yaml().loadAll(out)) {
			Map<?, ?> resource = (Map<?, ?>) document;
			String kind = (String) resource.get("kind");
			kinds.add(kind);
			Map<?, ?> metadata = (Map<?, ?>) resource.get("metadata");
			if (!kind.equals("Namespace")) {
				assertThat(metadata.get("namespace")).as(kind + " " + metadata.get("name")).isEqualTo("audience-sync");
			}
		}
		assertThat(kinds).as("kubectl apply -k never overwrites the real Secrets with the example's")
			.doesNotContain("Secret")
			.contains("CronJob", "Job", "Deployment", "ConfigMap");
		assertThat(out).contains("image: registry.example.com/data/audience-sync:0.1.0")
			.doesNotContain("image: audience-sync:");
	}

	@Test
	@SuppressWarnings("unchecked")
	void theLineMemoComponentGivesEveryCronJobTheSameVolume() throws Exception {
		Assumptions.assumeTrue(kubectl(), "*** kubectl is not installed: the Kustomize build is SKIPPED ***");
		Process build = new ProcessBuilder("kubectl", "kustomize", "k8s/overlays/example-line-memo")
			.redirectErrorStream(true)
			.start();
		String out = new String(build.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertThat(build.waitFor()).as(out).isZero();

		int cronJobs = 0;
		boolean claim = false;
		for (Object document : new Yaml().loadAll(out)) {
			Map<?, ?> resource = (Map<?, ?>) document;
			Map<?, ?> metadata = (Map<?, ?>) resource.get("metadata");
			if ("PersistentVolumeClaim".equals(resource.get("kind"))) {
				claim = "audience-sync-line-memos".equals(metadata.get("name"))
						&& "audience-sync".equals(metadata.get("namespace"));
			}
			if (!"CronJob".equals(resource.get("kind"))) {
				continue;
			}
			cronJobs++;
			Map<?, ?> pod = (Map<?, ?>) at(resource, "spec", "jobTemplate", "spec", "template", "spec");
			Map<?, ?> container = (Map<?, ?>) ((List<?>) pod.get("containers")).get(0);
			assertThat((List<Object>) container.get("env")).as(metadata.get("name") + ": the memo's folder")
				.contains(Map.of("name", "AUDIENCE_SYNC_STATE_MEMO_DIR", "value", "/var/lib/audience-sync/memos"));
			assertThat((List<Object>) container.get("volumeMounts")).as(metadata.get("name") + ": mounted")
				.contains(Map.of("name", "line-memos", "mountPath", "/var/lib/audience-sync/memos"));
			assertThat((List<Object>) pod.get("volumes")).as(metadata.get("name") + ": the claim")
				.contains(Map.of("name", "line-memos", "persistentVolumeClaim",
						Map.of("claimName", "audience-sync-line-memos")));
			assertThat(at(pod, "securityContext", "fsGroup")).as("the non-root user writes to the volume")
				.isEqualTo(10001);
		}
		assertThat(cronJobs).isGreaterThanOrEqualTo(2);
		assertThat(claim).as("the claim, in the overlay's namespace").isTrue();
	}

	private static Object at(Map<?, ?> map, String... path) {
		Object value = map;
		for (String key : path) {
			value = ((Map<?, ?>) value).get(key);
		}
		return value;
	}

	private static boolean kubectl() {
		try {
			return new ProcessBuilder("kubectl", "version", "--client").start().waitFor() == 0;
		}
		catch (IOException | InterruptedException ex) {
			return false;
		}
	}

	@Test
	void theExampleOverlayParts() throws IOException {
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
		assertThat(Files.readString(Path.of("k8s/overlays/example/kustomization.yaml"))).contains("- settings.yaml")
			.doesNotContainPattern("(?m)^\\s*- secret-example.yaml");
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
			.contains("-XX:MaxRAMPercentage=")
			.as("the archive names the jar by its absolute path: it maps from any working directory")
			.doesNotContainPattern("-jar audience-sync\\.jar (?!extract)")
			.as("the GC the benchmarks measured, not the one a small pod's ergonomics pick")
			.contains("-XX:+UseG1GC");
	}

	private static PodSpec pod(io.fabric8.kubernetes.api.model.batch.v1.JobSpec job) {
		return job.getTemplate().getSpec();
	}

}
