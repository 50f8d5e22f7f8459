package com.audiencesync.batch.reports;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.prometheus.metrics.exporter.pushgateway.Format;
import io.prometheus.metrics.exporter.pushgateway.PushGateway;
import io.prometheus.metrics.exporter.pushgateway.Scheme;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot.GaugeDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.prometheus.PrometheusProperties;
import org.springframework.core.env.Environment;
import org.springframework.util.StringUtils;

/**
 * What a sync's runs came to, pushed by the process that ran it (the manager, never a
 * worker) to Pushgateway groups of their own, so that a push that replaces one never
 * removes another's series: {@code {job, sync, report="outcome"}} by every start, a
 * failed one too; {@code {..., report="last_run"}} by a start that ran an execution;
 * {@code {..., report="last_success"}} by a run that completed. An "already completed"
 * rerun or a start that fails on its configuration leaves the last run and the last
 * success as they were. A backfill pushes its outcome and its runs' totals to
 * {@code {..., report="backfill"}} and never counts as the schedule's last success. The
 * names are docs/operations/metrics-and-alerts.md's and the alert rules'
 * ({@code k8s/alerts/}).
 */
public final class SyncOutcomes {

	/** The grouping label that tells the groups apart. */
	public static final String GROUP_LABEL = "report";

	private static final String PROPERTIES = "management.prometheus.metrics.export";

	private final PrometheusProperties.Pushgateway settings;

	private final String job;

	private SyncOutcomes(PrometheusProperties.Pushgateway settings, String job) {
		this.settings = settings;
		this.job = job;
	}

	/**
	 * The outcomes pushed as the application's Pushgateway settings say
	 * ({@code management.prometheus.metrics.export.pushgateway.*}), or null when pushing
	 * is off.
	 */
	public static SyncOutcomes of(Environment environment) {
		PrometheusProperties properties = Binder.get(environment)
			.bind(PROPERTIES, PrometheusProperties.class)
			.orElseGet(PrometheusProperties::new);
		PrometheusProperties.Pushgateway settings = properties.getPushgateway();
		if (!settings.isEnabled()) {
			return null;
		}
		String job = StringUtils.hasText(settings.getJob()) ? settings.getJob()
				: environment.getProperty("spring.application.name", "spring");
		return new SyncOutcomes(settings, job);
	}

	/**
	 * Pushes how one start of a sync ended.
	 * @param sync the job's name
	 * @param outcome what it came to
	 * @throws IOException when the Pushgateway cannot be reached or refuses a push
	 */
	public void push(String sync, Outcome outcome) throws IOException {
		boolean backfill = outcome.trigger() == Trigger.BACKFILL;
		PrometheusRegistry registry = new PrometheusRegistry();
		gauge(registry, "audience_sync_last_outcome_exit_code",
				"The exit code of the sync's last start, labelled with how it ended", "status", outcome.status(),
				outcome.exitCode());
		gauge(registry, "audience_sync_last_outcome_timestamp_seconds", "When the sync's last start ended",
				seconds(outcome.ended()));
		if (backfill) {
			// a backfill's outcome and its runs' totals, in a group of their own: a
			// nightly
			// run never replaces them, nor they a nightly run's
			if (outcome.totals() != null) {
				lastRun(registry, outcome);
			}
			push(registry, sync, "backfill");
			return;
		}
		push(registry, sync, "outcome");
		if (outcome.totals() != null) {
			registry = new PrometheusRegistry();
			lastRun(registry, outcome);
			push(registry, sync, "last_run");
		}
		if (outcome.succeeded()) {
			registry = new PrometheusRegistry();
			gauge(registry, "audience_sync_last_success_timestamp_seconds", "When the sync's last run completed",
					seconds(outcome.ended()));
			if (outcome.maxAge() != null) {
				gauge(registry, "audience_sync_last_success_max_age_seconds",
						"How old the last success may grow before the sync counts as late: its schedule's "
								+ "interval, starting deadline and deadline",
						outcome.maxAge().toSeconds());
			}
			push(registry, sync, "last_success");
		}
	}

	private static void lastRun(PrometheusRegistry registry, Outcome outcome) {
		Totals totals = outcome.totals();
		gauge(registry, "audience_sync_last_run_status", "The last run's status (1 for the one it had)", "status",
				totals.status(), 1);
		gauge(registry, "audience_sync_last_run_end_timestamp_seconds", "When the sync's last run ended",
				seconds(outcome.ended()));
		gauge(registry, "audience_sync_last_run_duration_seconds", "How long the sync's last run took",
				totals.duration().toMillis() / 1000.0);
		gauge(registry, "audience_sync_last_run_attempts_seconds",
				"How long every attempt of the sync's last run took together: what its counts were made in",
				totals.attempts().toMillis() / 1000.0);
		gauge(registry, "audience_sync_last_run_partitions", "The last run's partitions", totals.partitions());
		gauge(registry, "audience_sync_last_run_rows_read", "Rows the last run read from the source", totals.read());
		gauge(registry, "audience_sync_last_run_requests", "Requests the last run sent to vendors", totals.requests());
		Map<String, Long> rows = new LinkedHashMap<>();
		rows.put("delivered", totals.delivered());
		rows.put("rejected", totals.rejected());
		rows.put("unchanged", totals.unchanged());
		rows.put("skipped", totals.skipped());
		rows.put("deferred", totals.deferred());
		GaugeSnapshot.Builder byOutcome = GaugeSnapshot.builder()
			.name("audience_sync_last_run_rows")
			.help("What became of the last run's rows, all destinations together");
		rows.forEach((name, count) -> byOutcome
			.dataPoint(GaugeDataPointSnapshot.builder().labels(Labels.of("outcome", name)).value(count).build()));
		GaugeSnapshot snapshot = byOutcome.build();
		registry.register(() -> snapshot);
		if (totals.points().counted()) {
			GaugeSnapshot points = GaugeSnapshot.builder()
				.name("audience_sync_last_run_data_points")
				.help("The last run's data points, where a vendor bills by them (Braze): sent, and unchanged "
						+ "(not sent: the vendor already held them)")
				.dataPoint(GaugeDataPointSnapshot.builder()
					.labels(Labels.of("outcome", "sent"))
					.value(totals.points().sent())
					.build())
				.dataPoint(GaugeDataPointSnapshot.builder()
					.labels(Labels.of("outcome", "unchanged"))
					.value(totals.points().unchanged())
					.build())
				.build();
			registry.register(() -> points);
		}
	}

	private static double seconds(Instant instant) {
		return instant.toEpochMilli() / 1000.0;
	}

	private static void gauge(PrometheusRegistry registry, String name, String help, double value) {
		gauge(registry, name, help, Labels.EMPTY, value);
	}

	private static void gauge(PrometheusRegistry registry, String name, String help, String label, String labelValue,
			double value) {
		gauge(registry, name, help, Labels.of(label, labelValue), value);
	}

	private static void gauge(PrometheusRegistry registry, String name, String help, Labels labels, double value) {
		GaugeSnapshot snapshot = GaugeSnapshot.builder()
			.name(name)
			.help(help)
			.dataPoint(GaugeDataPointSnapshot.builder().labels(labels).value(value).build())
			.build();
		registry.register(() -> snapshot);
	}

	private void push(PrometheusRegistry registry, String sync, String group) throws IOException {
		Map<String, String> grouping = new LinkedHashMap<>(this.settings.getGroupingKey());
		grouping.put("sync", sync);
		grouping.put(GROUP_LABEL, group);
		PushGateway.Builder builder = PushGateway.builder()
			.address(this.settings.getAddress())
			.scheme(Scheme.valueOf(this.settings.getScheme().name()))
			.format(Format.valueOf("PROMETHEUS_" + this.settings.getFormat().name()))
			.job(this.job)
			.connectionTimeout(Duration.ofSeconds(10))
			.readTimeout(Duration.ofSeconds(10))
			.registry(registry);
		grouping.forEach(builder::groupingKey);
		if (StringUtils.hasText(this.settings.getToken())) {
			builder.bearerToken(this.settings.getToken());
		}
		else if (StringUtils.hasText(this.settings.getUsername())) {
			builder.basicAuth(this.settings.getUsername(), this.settings.getPassword());
		}
		builder.build().push();
	}

	/**
	 * What started the run: the schedule (or a person running one date), or a backfill.
	 */
	public enum Trigger {

		/**
		 * {@code run} or {@code restart}: its groups are {@code outcome},
		 * {@code last_run}, {@code last_success}.
		 */
		RUN,

		/**
		 * {@code backfill}: its outcome and its runs' totals go to the group
		 * {@code backfill}; past dates never count as the schedule's last success.
		 */
		BACKFILL

	}

	/**
	 * How one start of a sync ended.
	 *
	 * @param trigger what started it
	 * @param exitCode the process's exit code
	 * @param status how it ended: a {@code RunOutcome} kind ({@code COMPLETED},
	 * {@code ALREADY_COMPLETED}, {@code FAILED}, {@code STOPPED} ...) or {@code ERROR}
	 * for a start that failed before it could run (a bad spec, missing configuration)
	 * @param ended when
	 * @param totals what the executions this start ran did, or null when it ran none
	 * @param succeeded whether it completed the sync's run now
	 * @param maxAge how old the last success may grow (its schedule's interval, starting
	 * deadline and deadline), or null for a sync without a schedule
	 */
	public record Outcome(Trigger trigger, int exitCode, String status, Instant ended, Totals totals, boolean succeeded,
			Duration maxAge) {
	}

	/**
	 * What the executions of one start did, added up (a backfill runs several).
	 *
	 * @param status the last run's status, or the first that did not complete
	 * @param duration their durations together
	 * @param attempts their attempts' durations together (restarts included)
	 * @param partitions their partitions together
	 * @param read rows read
	 * @param requests requests sent
	 * @param delivered rows delivered
	 * @param rejected rows rejected
	 * @param unchanged rows the vendor already held
	 * @param skipped rows no destination takes
	 * @param deferred planned rows of a table not where the plan read them: not sent, the
	 * next night's
	 * @param points data points sent and unchanged, where a vendor bills by them
	 */
	public record Totals(String status, Duration duration, Duration attempts, long partitions, long read, long requests,
			long delivered, long rejected, long unchanged, long skipped, long deferred, RunReport.DataPoints points) {

		/** One execution's. */
		public static Totals of(RunReport report) {
			return new Totals(report.status(), report.duration(), report.attempts(), report.partitions(), report.read(),
					report.requests(), report.delivered(), report.rejected(), report.unchanged(), report.skipped(),
					report.deferred(), report.points());
		}

		/** Several executions', in the order they ran, or null for none. */
		public static Totals of(List<RunReport> reports) {
			Totals total = null;
			for (RunReport report : reports) {
				Totals each = of(report);
				total = (total == null) ? each : total.plus(each);
			}
			return total;
		}

		private Totals plus(Totals next) {
			String worst = "COMPLETED".equals(this.status) ? next.status : this.status;
			return new Totals(worst, this.duration.plus(next.duration), this.attempts.plus(next.attempts),
					this.partitions + next.partitions, this.read + next.read, this.requests + next.requests,
					this.delivered + next.delivered, this.rejected + next.rejected, this.unchanged + next.unchanged,
					this.skipped + next.skipped, this.deferred + next.deferred,
					new RunReport.DataPoints(this.points.sent() + next.points.sent(),
							this.points.unchanged() + next.points.unchanged()));
		}

	}

}
