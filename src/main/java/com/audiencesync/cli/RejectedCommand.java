package com.audiencesync.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;

import com.audiencesync.batch.SyncProperties;
import com.audiencesync.batch.launch.RunOutcome;
import com.audiencesync.batch.launch.SyncLauncher;
import com.audiencesync.batch.run.RunOptions;
import com.audiencesync.crypto.Keysets;
import com.audiencesync.crypto.Sealer;
import com.audiencesync.spec.JobSpec;
import com.audiencesync.spec.RetrySpec;
import com.audiencesync.spec.SpecCatalog;
import com.audiencesync.spec.SpecException;
import com.audiencesync.state.RejectedRow;
import com.audiencesync.state.RejectedRows;
import com.audiencesync.state.RejectedRows.Stored;
import com.audiencesync.state.RowText;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.SequenceWriter;
import tools.jackson.dataformat.csv.CsvMapper;
import tools.jackson.dataformat.csv.CsvSchema;

import org.springframework.batch.core.repository.JobRepository;

/**
 * {@code rejected <job> [filters] [--reveal] [--export rows.csv]}: the rows of a job that
 * did not reach the vendor, with reason, stage, destination, file, line and state;
 * {@code --replay RUN} sends a run's refusals again, {@code --import fixed.csv} the rows
 * a data team fixed.
 */
@Command(name = "rejected", mixinStandardHelpOptions = true,
		description = { "Lists the rows of a job that did not reach the vendor, with their reasons.",
				"Each row shows its reason, stage, destination, file, line and state: a vendor's refusal is pending "
						+ "until a later run sends it again, and given up after retry.max-runs runs.",
				"Key fields are masked. --reveal opens the rows as read with the aead keyset; --export writes them as "
						+ "CSV (the source's columns plus reason) for a data team to fix, and --import sends the "
						+ "fixed file." })
class RejectedCommand implements Callable<Integer> {

	@Parameters(index = "0", paramLabel = "JOB", description = "the job")
	String job;

	@Option(names = "--run", paramLabel = "RUN",
			description = "one run: its business date (2026-11-22) or run key " + "(backfill:2026-11-22)")
	String run;

	@Option(names = "--execution", paramLabel = "ID", description = "one execution")
	Long execution;

	@Option(names = "--reason", paramLabel = "CODE", description = "one reason (BAD_PHONE, groobee:-1006)")
	String reason;

	@Option(names = "--stage", paramLabel = "STAGE",
			description = "VENDOR (refused by the vendor) or TRANSFORM " + "(the data is wrong)")
	String stage;

	@ArgGroup(exclusive = true)
	Which which = new Which();

	static class Which {

		@Option(names = "--pending", description = "only refusals a later run will send again")
		boolean pending;

		@Option(names = "--given-up", description = "only refusals sent retry.max-runs times, no longer retried")
		boolean givenUp;

	}

	@Option(names = "--limit", paramLabel = "N", defaultValue = "100",
			description = "rows to list (default ${DEFAULT-VALUE}); --export writes all")
	int limit;

	@Option(names = "--reveal", description = "print each row as read, opened with the aead keyset (plaintext "
			+ "personal data: for an operator who may see it)")
	boolean reveal;

	@Option(names = "--export", paramLabel = "FILE",
			description = "write the rows as read to a new CSV file "
					+ "(readable by its owner only): the source's columns as read, then reason, stage, destination, "
					+ "message, source, line, run and rejected_id")
	Path export;

	@Option(names = "--replay", paramLabel = "RUN",
			description = { "send now the rows the vendor refused in that run "
					+ "and no run sent again (given up ones included), as a run of its own; refused again, they are ",
					"recorded with it" })
	String replay;

	@Option(names = "--import", paramLabel = "FILE",
			description = { "send the rows of a file in --export's format that a data team fixed, as a run of "
					+ "its own (status lists it as import); each original is resolved once its fixed row is delivered, ",
					"a row still bad is rejected again by the import; a line that matches no rejected row of the "
							+ "job fails the import before anything is sent" })
	Path importFile;

	@Mixin
	RunFlags flags = new RunFlags();

	@Spec
	CommandSpec commandSpec;

	private final SpringContexts contexts;

	private int maxRuns;

	RejectedCommand(SpringContexts contexts) {
		this.contexts = contexts;
	}

	@Override
	public Integer call() throws IOException {
		PrintWriter out = this.commandSpec.commandLine().getOut();
		PrintWriter err = this.commandSpec.commandLine().getErr();
		if (this.replay != null) {
			return send(out, (launcher, spec, options) -> launcher.replay(spec, this.replay, options));
		}
		if (this.importFile != null) {
			return send(out, (launcher, spec, options) -> launcher.importFixed(spec, this.importFile, options));
		}
		RejectedRows rows = this.contexts.bean(SpringContexts.Need.REPOSITORY, RejectedRows.class);
		this.maxRuns = maxRuns();
		RejectedRows.Query query = new RejectedRows.Query(this.job, this.run, this.execution, this.stage, this.reason,
				null, this.which.pending ? this.maxRuns : null, this.which.givenUp ? this.maxRuns : null, null);
		if (this.export != null) {
			return export(out, err, rows, query);
		}
		List<Stored> found = rows.find(query, 0, this.limit);
		if (found.isEmpty()) {
			requireKnown(rows);
			out.printf("no rejected rows of %s%s%n", this.job, (this.run != null) ? " in run " + this.run : "");
			out.flush();
			return ExitCodes.OK;
		}
		Sealer sealer = this.reveal ? sealer() : null;
		int unopened = 0;
		out.printf("%-8s %-24s %-9s %-28s %-18s %-28s %-16s %s%n", "ID", "RUN", "STAGE", "DESTINATION", "REASON",
				"WHERE", "STATE", "MESSAGE");
		for (Stored stored : found) {
			RejectedRow row = stored.row();
			out.printf("%-8d %-24s %-9s %-28s %-18s %-28s %-16s %s%n", stored.id(), row.runKey(), row.stage(),
					row.destination(), row.reasonCode(), row.source() + ":" + row.position(),
					stored.state(this.maxRuns), row.message());
			if (sealer != null && row.rowSealed() != null) {
				try {
					out.printf("         row: %s%n", RowText.json(open(sealer, row)));
				}
				catch (RuntimeException ex) {
					// one row that cannot be opened hides none of the others
					out.printf("         row: (cannot be opened: see stderr)%n");
					err.printf("rejected row %d (%s:%d): %s%n", stored.id(), row.source(), row.position(), why(ex));
					unopened++;
				}
			}
			else if (row.rowMasked() != null) {
				out.printf("         key: %s%n", row.rowMasked());
			}
		}
		if (found.size() == this.limit) {
			out.printf("(the first %d; --limit for more)%n", this.limit);
		}
		out.flush();
		err.flush();
		return (unopened > 0) ? ExitCodes.FAILED : ExitCodes.OK;
	}

	/** A run a command sends: a replay, an import. */
	@FunctionalInterface
	private interface Send {

		RunOutcome run(SyncLauncher launcher, JobSpec spec, RunOptions options);

	}

	/** Runs the job's spec against the vendor (or the sandbox), printing the outcome. */
	private int send(PrintWriter out, Send send) {
		if (this.export != null || this.reveal || (this.replay != null && this.importFile != null)) {
			throw new ParameterException(this.commandSpec.commandLine(),
					"--replay and --import send rows: use them alone, not with each other, --export or --reveal");
		}
		this.contexts.forSync(this.job);
		this.flags.prepare(this.contexts);
		SyncProperties properties = this.contexts.bean(SpringContexts.Need.ALL, SyncProperties.class);
		// the configuration is checked by the launcher, after an import's file
		JobSpec spec = new SpecCatalog(properties.jobsDir()).resolve(this.job);
		SyncLauncher launcher = this.contexts.bean(SpringContexts.Need.ALL, SyncLauncher.class);
		RunOutcome outcome = this.flags.run(out, spec, (options) -> send.run(launcher, spec, options));
		return ExitCodes.of(outcome.kind());
	}

	/** The trailing columns of an export, after the source's. */
	static final List<String> TRAILING = List.of("reason", "stage", "destination", "message", "source", "line", "run",
			"rejected_id");

	/**
	 * Writes every row of the query, each with its values as read (numbers with their
	 * digits, nested values as JSON). A row that cannot be opened is named on stderr and
	 * left out; the others are written, and the exit code says one was left out.
	 */
	private int export(PrintWriter out, PrintWriter err, RejectedRows rows, RejectedRows.Query query)
			throws IOException {
		Sealer sealer = sealer();
		List<Exported> records = new ArrayList<>();
		Set<String> columns = new LinkedHashSet<>();
		long after = 0;
		List<Stored> page;
		int unsealed = 0;
		int unopened = 0;
		while (!(page = rows.find(query, after, 1000)).isEmpty()) {
			for (Stored stored : page) {
				after = stored.id();
				RejectedRow row = stored.row();
				Map<String, String> cells = new LinkedHashMap<>();
				if (row.rowSealed() != null) {
					try {
						open(sealer, row).forEach((column, value) -> cells.put(column, RowText.cell(value)));
					}
					catch (RuntimeException ex) {
						err.printf("rejected row %d (%s:%d): %s: not exported%n", stored.id(), row.source(),
								row.position(), why(ex));
						unopened++;
						continue;
					}
				}
				else {
					unsealed++;
				}
				columns.addAll(cells.keySet());
				records.add(new Exported(stored, cells));
			}
		}
		err.flush();
		if (records.isEmpty() && unopened == 0) {
			requireKnown(rows);
			out.printf("no rejected rows of %s%s: nothing written%n", this.job,
					(this.run != null) ? " in run " + this.run : "");
			out.flush();
			return ExitCodes.OK;
		}
		List<String> header = new ArrayList<>(columns);
		header.addAll(TRAILING);
		try (Writer writer = Files.newBufferedWriter(this.export, StandardCharsets.UTF_8, StandardOpenOption.CREATE_NEW,
				StandardOpenOption.WRITE)) {
			restrict(this.export);
			// rows as lists: a source column may share a name with a trailing one
			try (SequenceWriter csv = CSV.writerFor(List.class).with(CsvSchema.emptySchema()).writeValues(writer)) {
				csv.write(header);
				for (Exported record : records) {
					csv.write(record.cells(columns));
				}
			}
		}
		catch (FileAlreadyExistsException ex) {
			out.printf("%s exists: choose a new file (an export holds personal data and is never overwritten)%n",
					this.export);
			out.flush();
			return ExitCodes.USAGE;
		}
		out.printf("%d rejected row(s) of %s written to %s (readable by its owner only)%s%s%n", records.size(),
				this.job, this.export,
				(unsealed > 0)
						? "; " + unsealed + " without the row as read (unparseable, or rejected before rows were kept)"
						: "",
				(unopened > 0) ? "; " + unopened + " could not be opened and are not in it (see the errors)" : "");
		out.flush();
		return (unopened > 0) ? ExitCodes.FAILED : ExitCodes.OK;
	}

	/**
	 * A row of an export: the source's cells by column.
	 *
	 * @param stored the rejected row
	 * @param values its values as read, as cells
	 */
	private record Exported(Stored stored, Map<String, String> values) {

		/** The row's cells: the source's columns (empty where it has none), then ours. */
		List<String> cells(Set<String> columns) {
			List<String> cells = new ArrayList<>(columns.size() + TRAILING.size());
			columns.forEach((column) -> cells.add(this.values.getOrDefault(column, "")));
			RejectedRow row = this.stored.row();
			cells.addAll(List.of(row.reasonCode(), row.stage(), row.destination(), row.message(), row.source(),
					String.valueOf(row.position()), row.runKey(), String.valueOf(this.stored.id())));
			return cells;
		}

	}

	private static final CsvMapper CSV = CsvMapper.builder().build();

	/**
	 * Why a kept row could not be opened, without its content: a parser's message can
	 * quote the value it stopped at.
	 */
	private static String why(RuntimeException ex) {
		if (ex instanceof JacksonException) {
			return "its kept copy is not readable (" + ex.getClass().getSimpleName() + ")";
		}
		return (ex.getMessage() != null) ? ex.getMessage() : ex.getClass().getSimpleName();
	}

	/**
	 * Fails naming the job when neither the jobs folder nor the job repository knows it,
	 * with the names they know and the closest of them: a typo must not read as "no
	 * rejected rows".
	 */
	private void requireKnown(RejectedRows rows) {
		SyncProperties properties = this.contexts.bean(SpringContexts.Need.REPOSITORY, SyncProperties.class);
		Set<String> jobs = new TreeSet<>(rows.jobs());
		if (jobs.contains(this.job) || Files.isRegularFile(Path.of(this.job))) {
			return;
		}
		jobs.addAll(new SpecCatalog(properties.jobsDir()).names());
		jobs.addAll(this.contexts.bean(SpringContexts.Need.REPOSITORY, JobRepository.class).getJobNames());
		if (jobs.contains(this.job)) {
			return;
		}
		List<String> known = new ArrayList<>(jobs);
		String listed = known.isEmpty() ? "none yet" : String.join(", ", known.subList(0, Math.min(10, known.size())))
				+ ((known.size() > 10) ? ", and " + (known.size() - 10) + " more" : "");
		throw new IllegalArgumentException("no job '" + this.job + "' in " + properties.jobsDir() + "/ or the job "
				+ "repository (known: " + listed + ")"
				+ Closest.to(this.job, known).map((name) -> "; did you mean '" + name + "'?").orElse(""));
	}

	/** The job's {@code retry.max-runs}, or its default where the spec is gone. */
	private int maxRuns() {
		SyncProperties properties = this.contexts.bean(SpringContexts.Need.REPOSITORY, SyncProperties.class);
		try {
			return new SpecCatalog(properties.jobsDir()).resolve(this.job).retryOrDefault().maxRunsOrDefault();
		}
		catch (SpecException ex) {
			return new RetrySpec(null).maxRunsOrDefault();
		}
	}

	private Sealer sealer() {
		return this.contexts.bean(SpringContexts.Need.REPOSITORY, Keysets.class).sealer();
	}

	private static Map<String, Object> open(Sealer sealer, RejectedRow row) {
		return sealer.openValues(row.rowSealed(), row.sealContext());
	}

	private static void restrict(Path file) throws IOException {
		try {
			Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
		}
		catch (UnsupportedOperationException ex) {
			// not a POSIX file system: keep the platform's defaults
		}
	}

}
