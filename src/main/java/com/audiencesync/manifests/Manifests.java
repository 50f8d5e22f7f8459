package com.audiencesync.manifests;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import com.audiencesync.spec.JobSpec;
import com.audiencesync.spec.ScheduleSpec;
import tools.jackson.dataformat.yaml.YAMLMapper;
import tools.jackson.dataformat.yaml.YAMLWriteFeature;

/**
 * Renders the Kustomize base of {@code k8s/base} from the job specs, so the CronJobs are
 * never hand-kept copies of the specs: one CronJob per spec with a {@code schedule}, the
 * specs in a ConfigMap mounted where the jobs folder is expected, a one-shot Job that
 * applies the MySQL schema, and the remote workers' Deployment; and a backfill's Job on
 * demand. Every pod meets the Pod Security Standards' restricted profile.
 */
public final class Manifests {

	/** The container's name in every pod. */
	public static final String CONTAINER = "audience-sync";

	/** Where the specs are mounted in the container. */
	public static final String JOBS_MOUNT = "/app/jobs";

	/** Seconds the kubelet waits after SIGTERM before SIGKILL. */
	public static final int TERMINATION_GRACE_SECONDS = 60;

	/** The run's own stop grace, within the pod's: a chunk must finish in it. */
	public static final String SHUTDOWN_GRACE = "45s";

	/** The user the image runs as. */
	public static final long USER = 10001;

	/**
	 * How many times a failed pod is retried. Kubernetes waits 10 s before the first
	 * retry, then twice as long each time (at most 6 min): the fourth retry starts 150 s
	 * after the first failure, past {@code audience-sync.recovery.stale-after} (2 min),
	 * so a killed pod's night is recovered and resumed by a retry, with two retries left
	 * for other failures. A disruption (a drained node) does not count; exit 2
	 * (configuration) fails the Job at once.
	 */
	public static final int BACKOFF_LIMIT = 6;

	/**
	 * The JVM's options in every pod: the GC measured, and a heap of half the pod's
	 * memory, the other half left to the JVM's own (a planned 10M-key night peaked at 476
	 * MiB RSS with a 256 MB heap: 75% of 512Mi would risk the pod's OOM kill).
	 */
	public static final String JAVA_TOOL_OPTIONS = "-XX:MaxRAMPercentage=50 -XX:+UseG1GC -XX:+ExitOnOutOfMemoryError";

	/** The first line of every rendered file: {@code manifests} replaces only these. */
	public static final String HEADER = "# rendered by 'audience-sync manifests' from jobs/: edit the specs, not this file\n";

	private static final YAMLMapper YAML = YAMLMapper.builder()
		.disable(YAMLWriteFeature.WRITE_DOC_START_MARKER)
		.enable(YAMLWriteFeature.MINIMIZE_QUOTES)
		.build();

	/** The MySQL client image the schema Job runs. */
	static final String SCHEMA_IMAGE = "mariadb:11.4";

	private final String image;

	/**
	 * @param image the image every pod runs, e.g. {@code audience-sync:0.1.0}
	 */
	public Manifests(String image) {
		this.image = image;
	}

	/**
	 * The base's files by name: {@code kustomization.yaml}, the ConfigMaps, the schema
	 * Job and {@code cronjob-<job>.yaml} per scheduled spec.
	 * @param specs the specs, with the files they were read from
	 * @param schema the MySQL schema to apply
	 */
	public Map<String, String> render(List<JobSpec> specs, String schema) {
		Map<String, String> files = new TreeMap<>();
		Map<String, String> sources = new TreeMap<>();
		for (JobSpec spec : specs) {
			sources.put(spec.file().getFileName().toString(), read(spec.file()));
			if (spec.schedule() != null) {
				files.put("cronjob-" + spec.name() + ".yaml", yaml(cronJob(spec)));
			}
		}
		files.put("configmap-jobs.yaml", yaml(configMap("audience-sync-jobs", sources)));
		files.put("configmap-schema.yaml", yaml(configMap("audience-sync-schema", Map.of("schema-mysql.sql", schema))));
		files.put("job-schema.yaml", yaml(schemaJob(schema)));
		files.put("deployment-worker.yaml", yaml(workerDeployment()));
		Map<String, Object> kustomization = new LinkedHashMap<>();
		kustomization.put("apiVersion", "kustomize.config.k8s.io/v1beta1");
		kustomization.put("kind", "Kustomization");
		kustomization.put("labels",
				List.of(map("pairs", map("app.kubernetes.io/name", "audience-sync"), "includeSelectors", false)));
		kustomization.put("resources", new ArrayList<>(files.keySet()));
		files.put("kustomization.yaml", yaml(kustomization));
		return files;
	}

	/**
	 * The Job of a backfill, {@code backfill <job> --from FROM --to TO}, to create once
	 * ({@code kubectl create -f -}): no deadline, as a window takes as long as its days.
	 * @param namespace the namespace to create it in, or null for kubectl's
	 */
	public String backfillJob(JobSpec spec, String from, String to, String namespace) {
		Map<String, Object> metadata = map("generateName", "backfill-" + spec.name() + "-");
		if (namespace != null) {
			metadata.put("namespace", namespace);
		}
		metadata.put("labels", labels(spec));
		Map<String, Object> job = new LinkedHashMap<>();
		job.put("apiVersion", "batch/v1");
		job.put("kind", "Job");
		job.put("metadata", metadata);
		// --from=DATE as one word: a bare date in YAML is read as a timestamp, not a
		// string
		job.put("spec", jobSpec(spec, List.of("backfill", spec.name(), "--from=" + from, "--to=" + to), null));
		return yaml(job);
	}

	private Map<String, Object> cronJob(JobSpec spec) {
		ScheduleSpec schedule = spec.schedule();
		ZoneId zone = (schedule.timeZone() != null) ? ZoneId.of(schedule.timeZone()) : spec.zoneOrDefault();
		Map<String, Object> cronSpec = new LinkedHashMap<>();
		cronSpec.put("schedule", schedule.cron());
		cronSpec.put("timeZone", zone.getId());
		// a night's run is never run twice at once; one that cannot start within an
		// hour (or a quarter of the interval) is left to the next night, which resumes
		// it;
		// a night that is still running at its deadline is stopped, and resumed the next
		cronSpec.put("concurrencyPolicy", "Forbid");
		cronSpec.put("startingDeadlineSeconds", schedule.startingDeadline(zone).toSeconds());
		cronSpec.put("successfulJobsHistoryLimit", 3);
		cronSpec.put("failedJobsHistoryLimit", 5);
		cronSpec.put("jobTemplate", map("metadata", map("labels", labels(spec)), "spec",
				jobSpec(spec, List.of("run", spec.name()), schedule.deadlineOrDefault(zone))));
		Map<String, Object> cronJob = new LinkedHashMap<>();
		cronJob.put("apiVersion", "batch/v1");
		cronJob.put("kind", "CronJob");
		cronJob.put("metadata", map("name", "audience-sync-" + spec.name(), "labels", labels(spec)));
		cronJob.put("spec", cronSpec);
		return cronJob;
	}

	/**
	 * A Job's spec: a retried pod (a killed one is recovered by its retry, see
	 * {@link #BACKOFF_LIMIT}), but not for a bad spec or configuration (exit 2), and a
	 * disruption does not use a retry up.
	 * @param deadline how long the Job may take, retries included, or null for no limit
	 */
	private Map<String, Object> jobSpec(JobSpec spec, List<String> args, Duration deadline) {
		ScheduleSpec schedule = (spec.schedule() != null) ? spec.schedule()
				: new ScheduleSpec(null, null, null, null, null);
		Map<String, Object> container = container(args, schedule.memoryOrDefault(), schedule.cpuOrDefault());
		Map<String, Object> pod = new LinkedHashMap<>();
		pod.put("restartPolicy", "Never");
		pod.put("terminationGracePeriodSeconds", TERMINATION_GRACE_SECONDS);
		pod.put("automountServiceAccountToken", false);
		pod.put("securityContext", podSecurity());
		pod.put("containers", List.of(container));
		pod.put("volumes", List.of(map("name", "jobs", "configMap", map("name", "audience-sync-jobs")),
				map("name", "tmp", "emptyDir", Map.of())));
		Map<String, Object> jobSpec = new LinkedHashMap<>();
		if (deadline != null) {
			jobSpec.put("activeDeadlineSeconds", deadline.toSeconds());
		}
		jobSpec.put("backoffLimit", BACKOFF_LIMIT);
		jobSpec.put("podFailurePolicy",
				map("rules",
						List.of(map("action", "Ignore", "onPodConditions", List.of(map("type", "DisruptionTarget"))),
								map("action", "FailJob", "onExitCodes",
										map("containerName", CONTAINER, "operator", "In", "values", List.of(2))))));
		jobSpec.put("template", map("metadata", map("labels", labels(spec)), "spec", pod));
		return jobSpec;
	}

	/** Pod Security Standards' restricted profile: non-root, the runtime's seccomp. */
	private static Map<String, Object> podSecurity() {
		return map("runAsNonRoot", true, "runAsUser", USER, "runAsGroup", USER, "seccompProfile",
				map("type", "RuntimeDefault"));
	}

	/** What every container drops: privileges, capabilities, a writable root. */
	private static Map<String, Object> containerSecurity() {
		return map("allowPrivilegeEscalation", false, "readOnlyRootFilesystem", true, "capabilities",
				map("drop", List.of("ALL")));
	}

	/**
	 * The container every pod of audience-sync runs: its command line, the specs mounted,
	 * the secrets and the optional settings and RabbitMQ connection as environment,
	 * memory requested as limited, non-root on a read-only file system.
	 */
	private Map<String, Object> container(List<String> args, String memory, String cpu) {
		Map<String, Object> container = new LinkedHashMap<>();
		container.put("name", CONTAINER);
		container.put("image", this.image);
		container.put("args", args);
		container.put("env",
				List.of(map("name", "AUDIENCE_SYNC_JOBS_DIR", "value", JOBS_MOUNT),
						map("name", "AUDIENCE_SYNC_SHUTDOWN_GRACE", "value", SHUTDOWN_GRACE),
						map("name", "SPRING_BATCH_JDBC_INITIALIZE_SCHEMA", "value", "never"),
						map("name", "JAVA_TOOL_OPTIONS", "value", JAVA_TOOL_OPTIONS)));
		// secrets from the Secret; settings (Pushgateway, structured logs, remote
		// partitioning) and the RabbitMQ connection from the overlay, where it has them
		container.put("envFrom",
				List.of(map("secretRef", map("name", "audience-sync")),
						map("configMapRef", map("name", "audience-sync-settings", "optional", true)),
						map("secretRef", map("name", "audience-sync-rabbitmq", "optional", true))));
		container.put("resources", map("requests", map("memory", memory, "cpu", cpu), "limits", map("memory", memory)));
		container.put("volumeMounts", List.of(map("name", "jobs", "mountPath", JOBS_MOUNT, "readOnly", true),
				map("name", "tmp", "mountPath", "/tmp")));
		container.put("securityContext", containerSecurity());
		return container;
	}

	/**
	 * The workers of remote partitioning ({@code worker}): a Deployment, at zero replicas
	 * until an overlay scales it (docs/operations/remote-workers.md).
	 */
	private Map<String, Object> workerDeployment() {
		Map<String, Object> labels = map("app.kubernetes.io/name", "audience-sync", "app.kubernetes.io/component",
				"worker");
		Map<String, Object> pod = new LinkedHashMap<>();
		pod.put("terminationGracePeriodSeconds", TERMINATION_GRACE_SECONDS);
		pod.put("automountServiceAccountToken", false);
		pod.put("securityContext", podSecurity());
		pod.put("containers", List.of(container(List.of("worker"), "512Mi", "1")));
		pod.put("volumes", List.of(map("name", "jobs", "configMap", map("name", "audience-sync-jobs")),
				map("name", "tmp", "emptyDir", Map.of())));
		Map<String, Object> spec = new LinkedHashMap<>();
		spec.put("replicas", 0);
		spec.put("selector", map("matchLabels", labels));
		spec.put("template", map("metadata", map("labels", labels), "spec", pod));
		Map<String, Object> deployment = new LinkedHashMap<>();
		deployment.put("apiVersion", "apps/v1");
		deployment.put("kind", "Deployment");
		deployment.put("metadata", map("name", "audience-sync-worker", "labels", labels));
		deployment.put("spec", spec);
		return deployment;
	}

	/**
	 * The Job that applies the schema. Its name carries a hash of the schema and the
	 * client image, so an upgrade that changes either makes a new Job (a Job's pod
	 * template cannot be changed in place) and applying the same base again changes
	 * nothing. The DDL is idempotent, so a new Job on an existing database is harmless.
	 */
	private Map<String, Object> schemaJob(String schema) {
		Map<String, Object> container = new LinkedHashMap<>();
		container.put("name", "schema");
		container.put("image", SCHEMA_IMAGE);
		container.put("command",
				List.of("sh", "-c",
						"mariadb --host=\"$DB_HOST\" --user=\"$DB_USER\" --password=\"$DB_PASSWORD\" \"$DB_NAME\" "
								+ "< /sql/schema-mysql.sql"));
		container.put("envFrom", List.of(map("secretRef", map("name", "audience-sync-schema"))));
		container.put("volumeMounts", List.of(map("name", "schema", "mountPath", "/sql", "readOnly", true)));
		container.put("resources",
				map("requests", map("memory", "64Mi", "cpu", "100m"), "limits", map("memory", "128Mi")));
		container.put("securityContext", containerSecurity());
		Map<String, Object> pod = new LinkedHashMap<>();
		pod.put("restartPolicy", "OnFailure");
		pod.put("automountServiceAccountToken", false);
		pod.put("securityContext", podSecurity());
		pod.put("containers", List.of(container));
		pod.put("volumes", List.of(map("name", "schema", "configMap", map("name", "audience-sync-schema"))));
		Map<String, Object> job = new LinkedHashMap<>();
		job.put("apiVersion", "batch/v1");
		job.put("kind", "Job");
		job.put("metadata", map("name", "audience-sync-schema-" + hash(SCHEMA_IMAGE + "\n" + schema), "labels",
				map("app.kubernetes.io/name", "audience-sync", "app.kubernetes.io/component", "schema")));
		job.put("spec", map("backoffLimit", 5, "template", map("spec", pod)));
		return job;
	}

	private static Map<String, Object> configMap(String name, Map<String, String> data) {
		Map<String, Object> configMap = new LinkedHashMap<>();
		configMap.put("apiVersion", "v1");
		configMap.put("kind", "ConfigMap");
		configMap.put("metadata", map("name", name));
		configMap.put("data", new TreeMap<>(data));
		return configMap;
	}

	private static Map<String, Object> labels(JobSpec spec) {
		return map("app.kubernetes.io/name", "audience-sync", "audience-sync/job", spec.name());
	}

	/** An ordered map of key, value pairs. */
	private static Map<String, Object> map(Object... pairs) {
		Map<String, Object> map = new LinkedHashMap<>();
		for (int i = 0; i < pairs.length; i += 2) {
			map.put((String) pairs[i], pairs[i + 1]);
		}
		return map;
	}

	private static String yaml(Object value) {
		return HEADER + YAML.writeValueAsString(value);
	}

	/** Ten hex digits of the text's SHA-256: a name that changes when the text does. */
	private static String hash(String text) {
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
			return HexFormat.of().formatHex(digest).substring(0, 10);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static String read(Path file) {
		try {
			return Files.readString(file);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
