package com.audiencesync.cli;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Function;

import com.audiencesync.batch.launch.PartialApplications;
import com.audiencesync.batch.launch.RunOutcome;
import com.audiencesync.batch.reports.SyncOutcomes;
import com.audiencesync.spec.JobSpec;

import org.springframework.boot.SpringApplication;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The Spring application contexts behind the commands, each started when a command first
 * asks for it: {@code --help}, {@code -V} and usage errors start none, {@code status}
 * only the job repository, {@code validate} only the sources, {@code run} everything. The
 * partial applications themselves (which beans a need gets) are
 * {@link PartialApplications}; this class starts them, holds them and closes them.
 */
final class SpringContexts implements AutoCloseable {

	/** What a command needs. */
	enum Need {

		/** Settings and warehouses: no job repository. */
		SOURCES,

		/** The job repository, its operator, reports and recovery. */
		REPOSITORY,

		/** The whole application: jobs, vendors, sync state. */
		ALL

	}

	private final Function<Need, ApplicationContext> starter;

	private final boolean owned;

	private final Map<Need, ApplicationContext> started = new EnumMap<>(Need.class);

	private final EnumSet<Need> startedEver = EnumSet.noneOf(Need.class);

	private final Map<String, Object> defaults = new LinkedHashMap<>();

	private String reportedSync;

	private SyncOutcomes.Trigger trigger = SyncOutcomes.Trigger.RUN;

	private JobSpec ranSpec;

	private final List<RunOutcome> ranOutcomes = new ArrayList<>();

	private SpringContexts(BiFunction<Need, Map<String, Object>, ApplicationContext> starter, boolean owned) {
		this.starter = (need) -> starter.apply(need, this.defaults);
		this.owned = owned;
	}

	/**
	 * Starts the application each need asks for, with the command line's arguments (so
	 * {@code --a.b=c} properties apply).
	 * @param all the whole application's main class
	 * @param args the command line
	 */
	static SpringContexts starting(Class<?> all, String[] args) {
		return new SpringContexts((need, defaults) -> {
			Class<?> source = switch (need) {
				case SOURCES -> PartialApplications.sources();
				case REPOSITORY -> PartialApplications.repository();
				case ALL -> all;
			};
			SpringApplication application = new SpringApplication(source);
			// the CLI's own hook stops a running job at a chunk boundary before closing
			application.setRegisterShutdownHook(false);
			// the small applications create a bean when a command first asks for it
			application.setLazyInitialization(need != Need.ALL);
			application.setDefaultProperties(defaults);
			return application.run(args);
		}, true);
	}

	/** One running application serving every need, closed by its owner (tests). */
	static SpringContexts of(ApplicationContext context) {
		return new SpringContexts((need, defaults) -> context, false);
	}

	/**
	 * The command runs that job (a name, or a spec file named after it): the metrics it
	 * pushes are grouped by it ({@code sync=<job>}), so syncs do not replace each other's
	 * at the Pushgateway. A grouping key set in the configuration wins.
	 */
	synchronized void forSync(String job) {
		String name = Path.of(job).getFileName().toString().replaceFirst("\\.ya?ml$", "");
		byDefault("management.prometheus.metrics.export.pushgateway.grouping-key.sync", name);
	}

	/**
	 * The command runs that job: how it ends is pushed as the sync's outcome
	 * ({@link SyncOutcomeReport}), a start that fails before it runs too.
	 */
	synchronized void reportsOutcome(String job, SyncOutcomes.Trigger trigger) {
		this.reportedSync = Path.of(job).getFileName().toString().replaceFirst("\\.ya?ml$", "");
		this.trigger = trigger;
	}

	/** A run the command made of the sync it reports, once it has ended. */
	synchronized void ran(JobSpec spec, RunOutcome outcome) {
		this.reportedSync = spec.name();
		this.ranSpec = spec;
		this.ranOutcomes.add(outcome);
	}

	/** The sync whose outcome the command reports, or null. */
	synchronized String reportedSync() {
		return this.reportedSync;
	}

	/** What started the runs the command reports. */
	synchronized SyncOutcomes.Trigger trigger() {
		return this.trigger;
	}

	/** The spec the command ran, or null when it ran none. */
	synchronized JobSpec ranSpec() {
		return this.ranSpec;
	}

	/**
	 * What the runs came to, in the order they ran: none when the command failed before
	 * it ran.
	 */
	synchronized List<RunOutcome> ranOutcomes() {
		return List.copyOf(this.ranOutcomes);
	}

	/**
	 * A worker's own series (its requests, its JVM) go to a group of its own,
	 * {@code worker=<host>-<pid>} without {@code sync}: a worker takes partitions of any
	 * sync, and never writes a series a manager writes. A grouping key set in the
	 * configuration wins.
	 */
	synchronized void forWorker() {
		String host = System.getenv("HOSTNAME");
		if (host == null || host.isBlank()) {
			try {
				host = InetAddress.getLocalHost().getHostName();
			}
			catch (UnknownHostException ex) {
				host = "localhost";
			}
		}
		byDefault("management.prometheus.metrics.export.pushgateway.grouping-key.worker",
				host + "-" + ProcessHandle.current().pid());
	}

	/**
	 * A property the applications started from now on have unless it is set elsewhere
	 * (the lowest precedence).
	 */
	synchronized void byDefault(String property, Object value) {
		this.defaults.put(property, value);
	}

	/** The application for a need, started on first use. */
	synchronized ApplicationContext get(Need need) {
		this.startedEver.add(need);
		return this.started.computeIfAbsent(need, this.starter);
	}

	/** The needs an application was started for, closed or not. */
	synchronized Set<Need> started() {
		return EnumSet.copyOf(this.startedEver);
	}

	/** A bean of the application for a need. */
	<T> T bean(Need need, Class<T> type) {
		return get(need).getBean(type);
	}

	/**
	 * A bean of the application for a need, or of a larger one where the smaller lacks it
	 * (an S3 client for {@code validate}).
	 */
	<T> T bean(Need need, Need otherwise, Class<T> type) {
		T bean = get(need).getBeanProvider(type).getIfAvailable();
		return (bean != null) ? bean : bean(otherwise, type);
	}

	/** The application for a need if one was started. */
	synchronized Optional<ApplicationContext> ifStarted(Need need) {
		return Optional.ofNullable(this.started.get(need));
	}

	@Override
	public synchronized void close() {
		if (this.owned) {
			this.started.values()
				.stream()
				.filter(ConfigurableApplicationContext.class::isInstance)
				.forEach((context) -> ((ConfigurableApplicationContext) context).close());
		}
		this.started.clear();
	}

}
