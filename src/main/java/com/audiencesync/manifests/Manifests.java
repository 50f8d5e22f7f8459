package com.audiencesync.manifests;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
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
 * specs in a ConfigMap mounted where the jobs folder is expected, and a one-shot Job that
 * applies the MySQL schema.
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

	private static final YAMLMapper YAML = YAMLMapper.builder()
		.disable(YAMLWriteFeature.WRITE_DOC_START_MARKER)
		.enable(YAMLWriteFeature.MINIMIZE_QUOTES)
		.build();

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
		files.put("job-schema.yaml", yaml(schemaJob()));
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
	 * The Job of a backfill: {@code backfill <job> --from FROM --to TO}, as a template.
	 */
	public String backfillJob(JobSpec spec) {
		Map<String, Object> job = new LinkedHashMap<>();
		job.put("apiVersion", "batch/v1");
		job.put("kind", "Job");
		job.put("metadata", map("generateName", "backfill-" + spec.name() + "-", "labels", labels(spec)));
		job.put("spec", jobSpec(spec, List.of("backfill", spec.name(), "--from", "FROM", "--to", "TO")));
		return yaml(job);
	}

	private Map<String, Object> cronJob(JobSpec spec) {
		ScheduleSpec schedule = spec.schedule();
		Map<String, Object> cronSpec = new LinkedHashMap<>();
		cronSpec.put("schedule", schedule.cron());
		cronSpec.put("timeZone", (schedule.timeZone() != null) ? schedule.timeZone() : spec.zoneOrDefault().getId());
		// a night's run is never run twice at once; one that cannot start within an
		// hour is left to the next night, which resumes it
		cronSpec.put("concurrencyPolicy", "Forbid");
		cronSpec.put("startingDeadlineSeconds", 3600);
		cronSpec.put("successfulJobsHistoryLimit", 3);
		cronSpec.put("failedJobsHistoryLimit", 5);
		cronSpec.put("jobTemplate",
				map("metadata", map("labels", labels(spec)), "spec", jobSpec(spec, List.of("run", spec.name()))));
		Map<String, Object> cronJob = new LinkedHashMap<>();
		cronJob.put("apiVersion", "batch/v1");
		cronJob.put("kind", "CronJob");
		cronJob.put("metadata", map("name", "audience-sync-" + spec.name(), "labels", labels(spec)));
		cronJob.put("spec", cronSpec);
		return cronJob;
	}

	/**
	 * A Job's spec: a retried pod (a killed one is recovered by its retry), but not for a
	 * bad spec or configuration (exit 2).
	 */
	private Map<String, Object> jobSpec(JobSpec spec, List<String> args) {
		ScheduleSpec schedule = (spec.schedule() != null) ? spec.schedule() : new ScheduleSpec(null, null, null, null);
		Map<String, Object> container = container(args, schedule.memoryOrDefault(), schedule.cpuOrDefault());
		Map<String, Object> pod = new LinkedHashMap<>();
		pod.put("restartPolicy", "Never");
		pod.put("terminationGracePeriodSeconds", TERMINATION_GRACE_SECONDS);
		pod.put("securityContext", map("runAsNonRoot", true, "runAsUser", USER, "runAsGroup", USER));
		pod.put("containers", List.of(container));
		pod.put("volumes", List.of(map("name", "jobs", "configMap", map("name", "audience-sync-jobs")),
				map("name", "tmp", "emptyDir", Map.of())));
		Map<String, Object> jobSpec = new LinkedHashMap<>();
		jobSpec.put("backoffLimit", 3);
		jobSpec.put("podFailurePolicy", map("rules", List.of(map("action", "FailJob", "onExitCodes",
				map("containerName", CONTAINER, "operator", "In", "values", List.of(2))))));
		jobSpec.put("template", map("metadata", map("labels", labels(spec)), "spec", pod));
		return jobSpec;
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
		container.put("env", List.of(map("name", "AUDIENCE_SYNC_JOBS_DIR", "value", JOBS_MOUNT),
				map("name", "AUDIENCE_SYNC_SHUTDOWN_GRACE", "value", SHUTDOWN_GRACE),
				map("name", "SPRING_BATCH_JDBC_INITIALIZE_SCHEMA", "value", "never"),
				map("name", "JAVA_TOOL_OPTIONS", "value", "-XX:MaxRAMPercentage=75 -XX:+ExitOnOutOfMemoryError")));
		// secrets from the Secret; settings (Pushgateway, structured logs, remote
		// partitioning) and the RabbitMQ connection from the overlay, where it has them
		container.put("envFrom",
				List.of(map("secretRef", map("name", "audience-sync")),
						map("configMapRef", map("name", "audience-sync-settings", "optional", true)),
						map("secretRef", map("name", "audience-sync-rabbitmq", "optional", true))));
		container.put("resources", map("requests", map("memory", memory, "cpu", cpu), "limits", map("memory", memory)));
		container.put("volumeMounts", List.of(map("name", "jobs", "mountPath", JOBS_MOUNT, "readOnly", true),
				map("name", "tmp", "mountPath", "/tmp")));
		container.put("securityContext", map("allowPrivilegeEscalation", false, "readOnlyRootFilesystem", true,
				"capabilities", map("drop", List.of("ALL"))));
		return container;
	}

	/**
	 * The workers of remote partitioning ({@code worker}): a Deployment, at zero replicas
	 * until an overlay scales it (README, Remote partitioning).
	 */
	private Map<String, Object> workerDeployment() {
		Map<String, Object> labels = map("app.kubernetes.io/name", "audience-sync", "app.kubernetes.io/component",
				"worker");
		Map<String, Object> pod = new LinkedHashMap<>();
		pod.put("terminationGracePeriodSeconds", TERMINATION_GRACE_SECONDS);
		pod.put("securityContext", map("runAsNonRoot", true, "runAsUser", USER, "runAsGroup", USER));
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

	private Map<String, Object> schemaJob() {
		Map<String, Object> container = new LinkedHashMap<>();
		container.put("name", "schema");
		container.put("image", "mariadb:11.4");
		container.put("command",
				List.of("sh", "-c",
						"mariadb --host=\"$DB_HOST\" --user=\"$DB_USER\" --password=\"$DB_PASSWORD\" \"$DB_NAME\" "
								+ "< /sql/schema-mysql.sql"));
		container.put("envFrom", List.of(map("secretRef", map("name", "audience-sync-schema"))));
		container.put("volumeMounts", List.of(map("name", "schema", "mountPath", "/sql", "readOnly", true)));
		container.put("resources",
				map("requests", map("memory", "64Mi", "cpu", "100m"), "limits", map("memory", "128Mi")));
		Map<String, Object> pod = new LinkedHashMap<>();
		pod.put("restartPolicy", "OnFailure");
		pod.put("containers", List.of(container));
		pod.put("volumes", List.of(map("name", "schema", "configMap", map("name", "audience-sync-schema"))));
		Map<String, Object> job = new LinkedHashMap<>();
		job.put("apiVersion", "batch/v1");
		job.put("kind", "Job");
		job.put("metadata", map("name", "audience-sync-schema"));
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
		return "# rendered by 'audience-sync manifests' from jobs/: edit the specs, not this file\n"
				+ YAML.writeValueAsString(value);
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
