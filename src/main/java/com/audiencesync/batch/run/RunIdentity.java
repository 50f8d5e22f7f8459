package com.audiencesync.batch.run;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

import com.audiencesync.names.Names;
import com.audiencesync.spec.SourceSpec;

import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;

/**
 * What identifies a run of a job besides its name: the business date of a nightly run, or
 * the day or window of a backfill. Backfills carry {@code run=backfill} among their
 * identifying parameters, so a backfill of a date never completes, restarts or collides
 * with the nightly run of that date.
 *
 * @param kind nightly, backfill of one day, backfill of a window, or an operator's replay
 * or import
 * @param from the first business date covered
 * @param to the last business date covered (the same as {@code from} but for windows)
 * @param replayOf for a replay: the run key whose refused rows it sends, else null
 * @param at for a replay: when it was asked for, else null
 * @param sandbox whether the run sends to an emulator started for it ({@code --sandbox}):
 * such a run is identified apart ({@code sandbox=true}), so that a trial never completes,
 * restarts or collides with the real run of the same date
 * @param imported for an import: its file, else null
 */
public record RunIdentity(Kind kind, LocalDate from, LocalDate to, String replayOf, String at, boolean sandbox,
		Imported imported) {

	/** Kinds of run. */
	public enum Kind {

		/** The scheduled run of one business date. */
		NIGHTLY,
		/** One day of a backfill. */
		BACKFILL_DAY,
		/** A whole backfill window as one run. */
		BACKFILL_WINDOW,
		/**
		 * An operator's replay of the rows a vendor refused in one run
		 * ({@code rejected --replay}).
		 */
		REPLAY,
		/**
		 * An operator's import of rejected rows a data team fixed
		 * ({@code rejected --import}).
		 */
		IMPORT

	}

	/**
	 * The file of an import.
	 *
	 * @param digest a keyed digest of its bytes: what identifies the run (the same file
	 * imported again is the same run; another file is another)
	 * @param file where it is, for a restart
	 */
	public record Imported(String digest, String file) {
	}

	/** The nightly run of that date. */
	public static RunIdentity nightly(LocalDate runDate) {
		return new RunIdentity(Kind.NIGHTLY, runDate, runDate, null, null, false, null);
	}

	/** One day of a backfill. */
	public static RunIdentity backfillDay(LocalDate runDate) {
		return new RunIdentity(Kind.BACKFILL_DAY, runDate, runDate, null, null, false, null);
	}

	/** A backfill window as one run, {@code from} to {@code to} inclusive. */
	public static RunIdentity backfillWindow(LocalDate from, LocalDate to) {
		return new RunIdentity(Kind.BACKFILL_WINDOW, from, to, null, null, false, null);
	}

	/**
	 * An operator's import of the fixed rows in a file (of that digest), on that day.
	 */
	public static RunIdentity imported(String digest, String file, LocalDate day) {
		return new RunIdentity(Kind.IMPORT, day, day, null, null, false, new Imported(digest, file));
	}

	/**
	 * An operator's replay, asked for at that moment, of the rows a vendor refused in the
	 * run of that key.
	 */
	public static RunIdentity replay(String runKey, LocalDateTime at) {
		return new RunIdentity(Kind.REPLAY, at.toLocalDate(), at.toLocalDate(), runKey,
				at.truncatedTo(ChronoUnit.MILLIS).toString(), false, null);
	}

	/** The same run in a sandbox: identified apart from the real one. */
	public RunIdentity inSandbox() {
		return new RunIdentity(this.kind, this.from, this.to, this.replayOf, this.at, true, this.imported);
	}

	/**
	 * The business date placeholders and defaults use: the day, or a window's last day.
	 */
	public LocalDate runDate() {
		return this.to;
	}

	/**
	 * The job parameters of the run: identifying ones, plus the spec file it was started
	 * from.
	 */
	public JobParameters parameters(String specFile) {
		JobParametersBuilder builder = new JobParametersBuilder();
		switch (this.kind) {
			case NIGHTLY -> builder.addLocalDate(Names.RUN_DATE, this.to, true);
			case BACKFILL_DAY ->
				builder.addLocalDate(Names.RUN_DATE, this.to, true).addString(Names.RUN, Names.BACKFILL, true);
			case BACKFILL_WINDOW -> builder.addLocalDate(Names.FROM, this.from, true)
				.addLocalDate(Names.TO, this.to, true)
				.addString(Names.RUN, Names.BACKFILL_WINDOW, true);
			case REPLAY -> builder.addString(Names.RUN, Names.REPLAY, true)
				.addString(Names.REPLAY_OF, this.replayOf, true)
				.addString(Names.REPLAY_AT, this.at, true);
			case IMPORT -> builder.addString(Names.RUN, Names.IMPORT, true)
				.addString(Names.IMPORT_DIGEST, this.imported.digest(), true)
				.addString(Names.IMPORT_FILE, this.imported.file(), false);
		}
		if (this.sandbox) {
			builder.addString(Names.SANDBOX, "true", true);
		}
		return builder.addString(Names.SPEC, specFile, false).toJobParameters();
	}

	/** The identity of a run from its job parameters, or null when they hold none. */
	public static RunIdentity of(JobParameters parameters) {
		RunIdentity identity = real(parameters);
		return (identity != null && "true".equals(parameters.getString(Names.SANDBOX))) ? identity.inSandbox()
				: identity;
	}

	private static RunIdentity real(JobParameters parameters) {
		String run = parameters.getString(Names.RUN);
		if (Names.REPLAY.equals(run)) {
			return replay(parameters.getString(Names.REPLAY_OF),
					LocalDateTime.parse(parameters.getString(Names.REPLAY_AT)));
		}
		if (Names.IMPORT.equals(run)) {
			// its day names nothing it reads: the day it is looked at
			return imported(parameters.getString(Names.IMPORT_DIGEST), parameters.getString(Names.IMPORT_FILE),
					LocalDate.now());
		}
		if (Names.BACKFILL_WINDOW.equals(run)) {
			return backfillWindow(date(parameters, Names.FROM), date(parameters, Names.TO));
		}
		LocalDate runDate = date(parameters, Names.RUN_DATE);
		if (runDate == null) {
			return null;
		}
		return Names.BACKFILL.equals(run) ? backfillDay(runDate) : nightly(runDate);
	}

	private static LocalDate date(JobParameters parameters, String name) {
		Object value = (parameters.getParameter(name) != null) ? parameters.getParameter(name).value() : null;
		return (value == null) ? null : (value instanceof LocalDate date) ? date : LocalDate.parse(value.toString());
	}

	/**
	 * The run's key in this project's tables (rejected rows): the date for nightly runs,
	 * {@code backfill:<date>} or {@code backfill:<from>..<to>} for backfills,
	 * {@code replay:<run>@<time>} and {@code import:<digest>} for an operator's.
	 */
	public String runKey() {
		return (this.sandbox ? Names.SANDBOX + ":" : "") + switch (this.kind) {
			case NIGHTLY -> this.to.toString();
			case BACKFILL_DAY -> Names.BACKFILL + ":" + this.to;
			case BACKFILL_WINDOW -> Names.BACKFILL + ":" + this.from + ".." + this.to;
			case REPLAY -> Names.REPLAY + ":" + this.replayOf + "@" + this.at;
			case IMPORT -> Names.IMPORT + ":" + this.imported.digest();
		};
	}

	/**
	 * How reports name the run: {@code runDate 2026-11-22},
	 * {@code backfill 2026-11-01..2026-11-30}.
	 */
	public String describe() {
		return switch (this.kind) {
			case NIGHTLY -> "runDate " + this.to;
			case BACKFILL_DAY -> "backfill " + this.to;
			case BACKFILL_WINDOW -> "backfill " + this.from + ".." + this.to;
			case REPLAY -> "replay of " + this.replayOf + " at " + this.at;
			case IMPORT -> "import of " + fileName() + " (" + Names.IMPORT + ":" + this.imported.digest() + ")";
		} + (this.sandbox ? " in the sandbox" : "");
	}

	/** An import's file name, as reports show it. */
	public String fileName() {
		return java.nio.file.Path.of(this.imported.file()).getFileName().toString();
	}

	/**
	 * Why this run cannot read that source as it is written, if it cannot: a backfill
	 * window is one run over many days, and a path or URI naming {@code ${runDate}} names
	 * only the window's last day, so the other days would be skipped without a word.
	 */
	public Optional<String> unfit(SourceSpec source) {
		if (this.kind != Kind.BACKFILL_WINDOW) {
			return Optional.empty();
		}
		return source.datedKeys()
			.entrySet()
			.stream()
			.filter((key) -> key.getValue().contains("${runDate}"))
			.findFirst()
			.map((key) -> "a backfill window is one run over " + this.from + ".." + this.to + ", but " + key.getKey()
					+ " " + key.getValue() + " names one day (${runDate} is the window's last, " + this.to
					+ "): use ${from} and ${to} in " + key.getKey() + " to read the window, or --by day for a run a "
					+ "day");
	}

	/**
	 * A source path with {@code ${runDate}}, {@code ${from}} and {@code ${to}} replaced.
	 */
	public String resolve(String path) {
		return path.replace("${runDate}", runDate().toString())
			.replace("${from}", this.from.toString())
			.replace("${to}", this.to.toString());
	}

}
