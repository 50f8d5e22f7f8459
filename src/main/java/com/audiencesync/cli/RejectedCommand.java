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
import java.util.concurrent.Callable;

import com.audiencesync.batch.RunOutcome;
import com.audiencesync.batch.SyncLauncher;
import com.audiencesync.batch.SyncProperties;
import com.audiencesync.crypto.Keysets;
import com.audiencesync.crypto.Sealer;
import com.audiencesync.spec.JobSpec;
import com.audiencesync.spec.RetrySpec;
import com.audiencesync.spec.SpecCatalog;
import com.audiencesync.spec.SpecException;
import com.audiencesync.state.RejectedRow;
import com.audiencesync.state.RejectedRows;
import com.audiencesync.state.RejectedRows.Stored;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.dataformat.csv.CsvMapper;
import tools.jackson.dataformat.csv.CsvSchema;

/**
 * {@code rejected <job> [filters] [--reveal] [--export rows.csv]}: the rows of a job that
 * did not reach the vendor, with reason, stage, destination, file and line.
 */
@Command(name = "rejected", mixinStandardHelpOptions = true,
		description = { "Lists the rows of a job that did not reach the vendor, with their reasons.",
				"Each row shows its reason, stage, destination, file, line and state: a vendor's refusal is pending "
						+ "until a later run sends it again, and given up after retry.max-runs runs.",
				"Key fields are masked. --reveal opens the rows as read with the aead keyset; --export writes them as "
						+ "CSV (the source's columns plus reason) for a data team to fix." })
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
					+ "(readable by its owner only): the source's columns, then reason, stage, destination, message, "
					+ "source, line and run")
	Path export;

	@Option(names = "--replay", paramLabel = "RUN",
			description = { "send now the rows the vendor refused in that run "
					+ "and no run sent again (given up ones included), as a run of its own; refused again, they are ",
					"recorded with it" })
	String replay;

	@Mixin
	RunFlags flags = new RunFlags();

	@Spec
	CommandSpec commandSpec;

	private final Contexts contexts;

	private int maxRuns;

	RejectedCommand(Contexts contexts) {
		this.contexts = contexts;
	}

	@Override
	public Integer call() throws IOException {
		PrintWriter out = this.commandSpec.commandLine().getOut();
		if (this.replay != null) {
			this.contexts.forSync(this.job);
			this.flags.prepare(this.contexts);
			SyncProperties properties = this.contexts.bean(Contexts.Need.ALL, SyncProperties.class);
			JobSpec spec = new SpecCatalog(properties.jobsDir()).resolve(this.job);
			SyncLauncher launcher = this.contexts.bean(Contexts.Need.ALL, SyncLauncher.class);
			RunOutcome outcome = this.flags.run(out, spec, (options) -> launcher.replay(spec, this.replay, options));
			return ExitCodes.of(outcome.kind());
		}
		RejectedRows rows = this.contexts.bean(Contexts.Need.REPOSITORY, RejectedRows.class);
		this.maxRuns = maxRuns();
		RejectedRows.Query query = new RejectedRows.Query(this.job, this.run, this.execution, this.stage, this.reason,
				null, this.which.pending ? this.maxRuns : null, this.which.givenUp ? this.maxRuns : null, null);
		if (this.export != null) {
			return export(out, rows, query);
		}
		List<Stored> found = rows.find(query, 0, this.limit);
		if (found.isEmpty()) {
			out.printf("no rejected rows of %s%s%n", this.job, (this.run != null) ? " in run " + this.run : "");
			out.flush();
			return ExitCodes.OK;
		}
		Sealer sealer = this.reveal ? sealer() : null;
		out.printf("%-8s %-24s %-9s %-28s %-18s %-28s %-16s %s%n", "ID", "RUN", "STAGE", "DESTINATION", "REASON",
				"WHERE", "STATE", "MESSAGE");
		for (Stored stored : found) {
			RejectedRow row = stored.row();
			out.printf("%-8d %-24s %-9s %-28s %-18s %-28s %-16s %s%n", stored.id(), row.runKey(), row.stage(),
					row.destination(), row.reasonCode(), row.source() + ":" + row.position(),
					stored.state(this.maxRuns), row.message());
			if (sealer != null && row.rowSealed() != null) {
				out.printf("         row: %s%n", JSON.writeValueAsString(open(sealer, row)));
			}
			else if (row.rowMasked() != null) {
				out.printf("         key: %s%n", row.rowMasked());
			}
		}
		if (found.size() == this.limit) {
			out.printf("(the first %d; --limit for more)%n", this.limit);
		}
		out.flush();
		return ExitCodes.OK;
	}

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private int export(PrintWriter out, RejectedRows rows, RejectedRows.Query query) throws IOException {
		Sealer sealer = sealer();
		List<Map<String, Object>> records = new ArrayList<>();
		Set<String> columns = new LinkedHashSet<>();
		long after = 0;
		List<Stored> page;
		int unsealed = 0;
		while (!(page = rows.find(query, after, 1000)).isEmpty()) {
			for (Stored stored : page) {
				RejectedRow row = stored.row();
				Map<String, Object> record = new LinkedHashMap<>();
				if (row.rowSealed() != null) {
					record.putAll(open(sealer, row));
				}
				else {
					unsealed++;
				}
				columns.addAll(record.keySet());
				record.put("reason", row.reasonCode());
				record.put("stage", row.stage());
				record.put("destination", row.destination());
				record.put("message", row.message());
				record.put("source", row.source());
				record.put("line", row.position());
				record.put("run", row.runKey());
				records.add(record);
				after = stored.id();
			}
		}
		CsvSchema.Builder schema = CsvSchema.builder().setUseHeader(true);
		columns.forEach(schema::addColumn);
		List.of("reason", "stage", "destination", "message", "source", "line", "run").forEach(schema::addColumn);
		try (Writer writer = Files.newBufferedWriter(this.export, StandardCharsets.UTF_8, StandardOpenOption.CREATE_NEW,
				StandardOpenOption.WRITE)) {
			restrict(this.export);
			new CsvMapper().writer(schema.build()).writeValues(writer).writeAll(records).close();
		}
		catch (FileAlreadyExistsException ex) {
			out.printf("%s exists: choose a new file (an export holds personal data and is never overwritten)%n",
					this.export);
			out.flush();
			return ExitCodes.USAGE;
		}
		out.printf("%d rejected row(s) of %s written to %s (readable by its owner only)%s%n", records.size(), this.job,
				this.export,
				(unsealed > 0)
						? "; " + unsealed + " without the row as read (unparseable, or rejected before rows were kept)"
						: "");
		out.flush();
		return ExitCodes.OK;
	}

	/** The job's {@code retry.max-runs}, or its default where the spec is gone. */
	private int maxRuns() {
		SyncProperties properties = this.contexts.bean(Contexts.Need.REPOSITORY, SyncProperties.class);
		try {
			return new SpecCatalog(properties.jobsDir()).resolve(this.job).retryOrDefault().maxRunsOrDefault();
		}
		catch (SpecException ex) {
			return new RetrySpec(null).maxRunsOrDefault();
		}
	}

	private Sealer sealer() {
		return this.contexts.bean(Contexts.Need.REPOSITORY, Keysets.class).sealer();
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
