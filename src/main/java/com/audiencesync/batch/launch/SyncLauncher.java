package com.audiencesync.batch.launch;

import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Optional;
import java.util.OptionalLong;

import com.audiencesync.batch.jobs.ColumnGuard;
import com.audiencesync.batch.jobs.JobFactory;
import com.audiencesync.batch.launch.RunOutcome.Kind;
import com.audiencesync.batch.recovery.Recovery;
import com.audiencesync.batch.recovery.RunningExecutions;
import com.audiencesync.batch.reports.RunReport;
import com.audiencesync.batch.reports.RunReports;
import com.audiencesync.batch.run.RunIdentity;
import com.audiencesync.batch.run.RunOptions;
import com.audiencesync.crypto.Keysets;
import com.audiencesync.delivery.Imports;
import com.audiencesync.names.Names;
import com.audiencesync.source.Source;
import com.audiencesync.source.SourceUnavailableException;
import com.audiencesync.spec.DestinationSpec;
import com.audiencesync.spec.JobSpec;
import com.audiencesync.state.RejectedRows;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.launch.JobExecutionAlreadyRunningException;
import org.springframework.batch.core.launch.JobInstanceAlreadyCompleteException;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.launch.JobRestartException;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Component;

/**
 * Runs a spec for a business date. A run is its job name plus {@code runDate}: the first
 * call starts it, a call after a failure or stop restarts it from its last committed
 * chunk, and a call after it completed sends nothing.
 */
@Component
public class SyncLauncher {

	private static final Logger log = LoggerFactory.getLogger(SyncLauncher.class);

	private final JobRepository jobRepository;

	private final JobOperator jobOperator;

	private final JobFactory jobFactory;

	private final RunReports reports;

	private final Recovery recovery;

	private final RunningExecutions running;

	private final RejectedRows rejectedRows;

	private final Keysets keysets;

	private final Preflight preflight;

	SyncLauncher(JobRepository jobRepository, JobOperator jobOperator, JobFactory jobFactory, RunReports reports,
			Recovery recovery, RunningExecutions running, RejectedRows rejectedRows, Keysets keysets,
			Preflight preflight) {
		this.jobRepository = jobRepository;
		this.jobOperator = jobOperator;
		this.jobFactory = jobFactory;
		this.reports = reports;
		this.recovery = recovery;
		this.running = running;
		this.rejectedRows = rejectedRows;
		this.keysets = keysets;
		this.preflight = preflight;
	}

	/**
	 * The identifying parameters of the nightly run of a date, plus the spec it came from
	 * (not identifying).
	 */
	public static JobParameters parameters(JobSpec spec, LocalDate runDate) {
		return RunIdentity.nightly(runDate).parameters(spec.file().toString());
	}

	/**
	 * The last execution of that date's nightly run, with its steps, or empty when the
	 * date never ran: what a run of it would find (a dry run says what that means).
	 */
	public Optional<JobExecution> last(JobSpec spec, LocalDate runDate, RunOptions options) {
		RunIdentity identity = options.sandbox() ? RunIdentity.nightly(runDate).inSandbox()
				: RunIdentity.nightly(runDate);
		JobExecution last = this.jobRepository.getLastJobExecution(spec.name(),
				identity.parameters(spec.file().toString()));
		return Optional.ofNullable((last != null) ? this.reports.load(last.getId()) : null);
	}

	/** Starts, restarts or skips the nightly run of that date. */
	public RunOutcome run(JobSpec spec, LocalDate runDate, RunOptions options) {
		return run(spec, RunIdentity.nightly(runDate), options);
	}

	/**
	 * Sends now the rows a vendor refused in a run that no run sent again yet (given up
	 * ones included): a run of its own ({@code replay:<run>@<time>}), restartable like
	 * any.
	 */
	public RunOutcome replay(JobSpec spec, String runKey, RunOptions options) {
		return run(spec, RunIdentity.replay(runKey, LocalDateTime.now()), options);
	}

	/**
	 * Sends the rows of a file in the export's format that a data team fixed, each in
	 * place of the rejected row it names: a run of its own ({@code import:<digest>}; the
	 * same file again is the same run: restarted where it failed, nothing sent once it
	 * completed). The whole file is checked against the job's rejected rows first: a line
	 * that matches none fails the import before anything is sent.
	 * @throws IllegalArgumentException naming the file's line that is wrong
	 */
	public RunOutcome importFixed(JobSpec spec, Path file, RunOptions options) {
		Path path = file.toAbsolutePath().normalize();
		Imports.Plan plan = Imports.check(path, spec.name(), spec.targets().stream().map(DestinationSpec::id).toList(),
				this.rejectedRows, options.sandbox());
		if (plan.rows() == 0) {
			return new RunOutcome(Kind.ALREADY_COMPLETED, null, spec.name() + ": every row of " + plan.file()
					+ " was fixed already (fixed in " + plan.fixedIn() + "): nothing sent");
		}
		// the file's own problems first (above), then every problem of the configuration
		// at once, before the file is hashed with the hmac keyset
		this.preflight.check(spec, Preflight.Use.RUN, options);
		RunIdentity identity = RunIdentity.imported(Imports.digest(path, this.keysets.keyedHash()), path.toString(),
				LocalDate.now());
		RunOutcome outcome = run(spec, identity, options);
		String message = outcome.message();
		if (plan.fixedAlready() > 0) {
			message += "; " + plan.fixedAlready() + " row(s) of " + plan.file() + " fixed already (in " + plan.fixedIn()
					+ ") not sent again";
		}
		if (plan.trial() > 0) {
			message += "; " + plan.trial() + " row(s) rejected by real runs sent to the sandbox as a trial: their "
					+ "rejections stay as they were";
		}
		return outcome.withMessage(message);
	}

	/**
	 * Starts, restarts or skips that run (nightly, or a backfill's day or window); with
	 * the sandbox's options, the same run in the sandbox, identified apart.
	 * @throws com.audiencesync.spec.SpecException listing every problem of the
	 * configuration the run needs, before it is recorded
	 */
	public RunOutcome run(JobSpec spec, RunIdentity given, RunOptions options) {
		if (given.sandbox() && !options.sandbox()) {
			return new RunOutcome(Kind.MISCONFIGURED, null, spec.name() + " for " + given.describe()
					+ " ran in the sandbox: restart it with --sandbox (nothing ran)");
		}
		// every problem of the configuration at once, before the run is recorded (and
		// before the account is named by the key's keyed hash)
		this.preflight.check(spec, Preflight.Use.RUN, options);
		RunIdentity identity = options.sandbox() ? given.inSandbox() : given;
		String account = this.jobFactory.account(spec, options);
		JobParametersBuilder builder = new JobParametersBuilder(identity.parameters(spec.file().toString()));
		if (options.resync()) {
			builder.addString(Names.RESYNC, "true", false);
		}
		JobParameters parameters = builder.addString(Names.ACCOUNT, account, false).toJobParameters();
		String runDate = identity.describe();
		JobExecution last = this.jobRepository.getLastJobExecution(spec.name(), parameters);
		String recovered = null;
		JobExecution loaded = (last != null) ? this.reports.load(last.getId()) : null;
		// a stop asked of an execution whose process died leaves it STOPPED with its
		// steps still running: nobody will end them, and Spring Batch refuses to restart
		if (loaded != null && (loaded.getStatus().isRunning() || Recovery.hasRunningStep(loaded))) {
			Recovery.Liveness liveness = this.recovery.liveness(loaded);
			if (!liveness.stale()) {
				String state = loaded.getStatus().isRunning() ? loaded.getStatus().name()
						: "stop requested, its steps still running";
				return new RunOutcome(Kind.ALREADY_RUNNING, this.reports.report(loaded),
						spec.name() + " for " + runDate + " is running (execution " + last.getId() + ", " + state + ", "
								+ liveness.describe() + "); if its process died, the next run after "
								+ "audience-sync.recovery.stale-after recovers it, or 'recover " + last.getId()
								+ " --force' now");
			}
			last = this.recovery.recover(loaded, liveness);
			recovered = "recovered execution " + last.getId() + " (its process died: " + liveness.describe() + ")";
		}
		if (last != null && last.getStatus() == BatchStatus.UNKNOWN) {
			last = this.recovery.resolveUnknown(last);
		}
		if (last != null) {
			RunOutcome early = beforeRestart(last, account);
			if (early != null) {
				return early;
			}
			log.info("{} for {}: execution {} ended {}, restarting from its last committed chunk", spec.name(), runDate,
					last.getId(), last.getStatus());
		}
		Optional<String> unfit = identity.unfit(spec.source());
		if (unfit.isPresent()) {
			// 'restart' of a window whose spec changed since: the same refusal as
			// backfill's
			return new RunOutcome(Kind.UNAVAILABLE, null,
					spec.name() + " for " + runDate + " cannot start: " + unfit.get() + " (nothing ran)");
		}
		if (identity.kind() != RunIdentity.Kind.REPLAY && identity.kind() != RunIdentity.Kind.IMPORT) {
			try {
				Source source = this.jobFactory.source(spec, identity);
				source.check();
				// a misspelled column would null a property (or reject every row) on
				// every profile: found in the header or first rows, nothing is sent
				Optional<String> missing = new ColumnGuard(spec).beforeRun(source);
				if (missing.isPresent()) {
					return new RunOutcome(Kind.UNAVAILABLE, null,
							spec.name() + " for " + runDate + " cannot start: " + missing.get() + " (nothing ran)");
				}
			}
			catch (SourceUnavailableException ex) {
				return new RunOutcome(Kind.UNAVAILABLE, null,
						spec.name() + " for " + runDate + " cannot start: " + ex.getMessage() + " (nothing ran)");
			}
		}
		Job job = this.jobFactory.create(spec, identity, options);
		try {
			RunOutcome outcome = finished(this.jobOperator.start(job, parameters));
			return (recovered != null) ? outcome.withMessage(recovered + "; " + outcome.message()) : outcome;
		}
		catch (JobExecutionAlreadyRunningException | DuplicateKeyException | IllegalStateException ex) {
			return concurrentStart(spec, runDate, parameters, (last != null) ? last.getId() : null, ex);
		}
		catch (JobInstanceAlreadyCompleteException ex) {
			return new RunOutcome(Kind.ALREADY_COMPLETED, null, spec.name() + " for " + runDate + " already completed");
		}
		catch (JobRestartException ex) {
			return new RunOutcome(Kind.REFUSED, null,
					spec.name() + " for " + runDate + " cannot restart: " + ex.getMessage());
		}
		catch (org.springframework.batch.core.job.parameters.InvalidJobParametersException ex) {
			return new RunOutcome(Kind.REFUSED, null, ex.getMessage());
		}
		catch (RuntimeException ex) {
			if (!RepositoryConnection.lost(ex)) {
				throw ex;
			}
			log.debug("{} for {}: the job repository was lost", spec.name(), runDate, ex);
			OptionalLong id = this.running.latest();
			String lost = spec.name() + " for " + runDate
					+ (id.isPresent() ? " (execution " + id.getAsLong() + ")" : "")
					+ ": the job repository (spring.datasource.url) was lost during the run ("
					+ RepositoryConnection.reason(ex) + ")";
			if (id.isPresent() && endWhenBack(id.getAsLong(), lost)) {
				return new RunOutcome(Kind.FAILED, null, lost + "; it answered again and the execution is marked "
						+ "FAILED: the next run of this date resumes from its last committed chunk");
			}
			String recover = "'recover " + (id.isPresent() ? id.getAsLong() + " " : "<execution> ") + "--force'";
			return new RunOutcome(Kind.FAILED, null, lost + "; the chunks committed before are kept, and the next run "
					+ "of this date resumes from them once its heartbeat is older than audience-sync.recovery."
					+ "stale-after (" + this.recovery.staleAfter().toSeconds() + "s), or at once after " + recover);
		}
	}

	/**
	 * Waits up to {@code audience-sync.recovery.repository-wait} for the job repository
	 * to answer again, then marks the execution FAILED, as its steps could not.
	 */
	private boolean endWhenBack(long executionId, String why) {
		long deadline = System.nanoTime() + this.recovery.repositoryWait().toNanos();
		log.warn(
				"execution {}: the job repository was lost; waiting up to {}s (audience-sync.recovery."
						+ "repository-wait) for it, to mark the execution FAILED",
				executionId, this.recovery.repositoryWait().toSeconds());
		while (true) {
			try {
				return this.recovery.endLost(executionId, "failed: " + why);
			}
			catch (RuntimeException ex) {
				if (!RepositoryConnection.lost(ex) || System.nanoTime() > deadline) {
					log.debug("execution {} not marked FAILED", executionId, ex);
					return false;
				}
			}
			try {
				Thread.sleep(1000);
			}
			catch (InterruptedException interrupted) {
				Thread.currentThread().interrupt();
				return false;
			}
		}
	}

	/**
	 * Another process started the same run between our check and our start: Spring Batch
	 * then fails on the instance's unique key, or finds the instance before its execution
	 * exists. The repository tells which, once the other start has committed; anything
	 * else is not a race and is thrown on.
	 */
	private RunOutcome concurrentStart(JobSpec spec, String runDate, JobParameters parameters, Long before,
			Exception ex) {
		for (int attempt = 0; attempt < 50; attempt++) {
			JobExecution now = this.jobRepository.getLastJobExecution(spec.name(), parameters);
			if (now != null && now.getStatus() == BatchStatus.COMPLETED) {
				return new RunOutcome(Kind.ALREADY_COMPLETED, this.reports.report(now),
						spec.name() + " for " + runDate + " was completed by another process");
			}
			if (now != null && (before == null || now.getId() != before)) {
				return new RunOutcome(Kind.ALREADY_RUNNING, null, spec.name() + " for " + runDate
						+ " was started by another process at the same moment (execution " + now.getId() + ")");
			}
			try {
				Thread.sleep(100);
			}
			catch (InterruptedException interrupted) {
				Thread.currentThread().interrupt();
				break;
			}
		}
		throw (ex instanceof RuntimeException runtime) ? runtime : new IllegalStateException(ex.getMessage(), ex);
	}

	/**
	 * What to do instead of starting, given the run's last execution and the account the
	 * run would send to now; null to go ahead.
	 */
	private RunOutcome beforeRestart(JobExecution last, String account) {
		String run = last.getJobInstance().getJobName() + " for " + RunIdentity.of(last.getJobParameters()).describe();
		String before = last.getJobParameters().getString(Names.ACCOUNT);
		RunReport sofar = this.reports.report(last);
		// a run that committed nothing (a wrong key refused at the first request) left
		// nothing behind in that account: it goes on in the new one
		if (before != null && !before.equals(account) && sofar.read() > 0) {
			return new RunOutcome(Kind.MISCONFIGURED, sofar, run + " ran (execution " + last.getId() + ", "
					+ last.getStatus() + ") against the vendor account '" + before
					+ "', and the configuration now sends to '" + account + "'. "
					+ ((last.getStatus() == BatchStatus.COMPLETED)
							? "That account got this date; to send it to the new one too, backfill it"
							: "Its committed chunks went to the first: resuming would leave the new one without "
									+ "them. Point the configuration back to finish it there, or 'abandon "
									+ last.getId() + "' and backfill the date")
					+ " ('backfill " + last.getJobInstance().getJobName() + " --from D --to D'). Nothing was sent");
		}
		return switch (last.getStatus()) {
			case COMPLETED -> new RunOutcome(Kind.ALREADY_COMPLETED, this.reports.report(last),
					run + " already completed (execution " + last.getId() + "): nothing sent");
			case ABANDONED -> new RunOutcome(Kind.REFUSED, this.reports.report(last),
					run + " was abandoned (execution " + last.getId() + "): an abandoned run is not restarted");
			default -> null;
		};
	}

	/**
	 * Restarts a failed or stopped execution with its spec (read again from the file it
	 * ran from).
	 */
	public RunOutcome restart(long executionId, JobSpec spec, RunOptions options) {
		JobExecution execution = this.reports.load(executionId);
		if (execution == null) {
			return new RunOutcome(Kind.REFUSED, null, "no execution " + executionId);
		}
		JobExecution last = this.jobRepository.getLastJobExecution(execution.getJobInstance());
		if (last != null && last.getId() != executionId) {
			return new RunOutcome(Kind.REFUSED, this.reports.report(last), "execution " + executionId
					+ " is not the latest of its run: the latest is " + last.getId() + " (" + last.getStatus() + ")");
		}
		String jobName = execution.getJobInstance().getJobName();
		if (!spec.name().equals(jobName)) {
			return new RunOutcome(Kind.REFUSED, null, "execution " + executionId + " belongs to job " + jobName
					+ " but its spec " + spec.file() + " is now named " + spec.name());
		}
		return run(spec, RunIdentity.of(execution.getJobParameters()), options);
	}

	private RunOutcome finished(JobExecution ended) {
		// a chunk that could not be rolled back (the job repository lost for a moment)
		JobExecution execution = (ended.getStatus() == BatchStatus.UNKNOWN) ? this.recovery.resolveUnknown(ended)
				: ended;
		RunReport report = this.reports.report(execution);
		BatchStatus status = execution.getStatus();
		if (status == BatchStatus.COMPLETED) {
			return new RunOutcome(Kind.COMPLETED, report, "completed");
		}
		if (status == BatchStatus.STOPPED) {
			return new RunOutcome(Kind.STOPPED, report,
					"stopped ('stop' or SIGTERM) after a committed chunk: run the same date again to resume from it");
		}
		return new RunOutcome(Kind.FAILED, report, "failed: " + report.exitMessage());
	}

}
