package com.audiencesync.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import com.audiencesync.JobTest;
import com.audiencesync.TestExtracts;
import com.audiencesync.batch.launch.RunOutcome;
import com.audiencesync.destination.emulator.Emulator;
import com.audiencesync.spec.JobSpec;
import com.audiencesync.spec.SpecLoader;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import tools.jackson.databind.MappingIterator;
import tools.jackson.databind.SequenceWriter;
import tools.jackson.dataformat.csv.CsvMapper;
import tools.jackson.dataformat.csv.CsvReadFeature;
import tools.jackson.dataformat.csv.CsvSchema;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

import static com.audiencesync.TestExtracts.phone;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The way back in for rejected rows a data team fixed, as an operator goes it: export the
 * rejected rows, fix them in the CSV, import it. Each fixed row reaches the vendor once,
 * its original is resolved by the import (and no longer replayed), a row still bad is
 * rejected again by the import, and importing the same file again sends nothing more.
 */
class RejectedImportIntegrationTests extends JobTest {

	/** The first night's extract, as rejected rows name it. */
	private static final String EXTRACT = "day-" + DATE + ".csv";

	private static final CsvMapper CSV = CsvMapper.builder().enable(CsvReadFeature.WRAP_AS_ARRAY).build();

	@Autowired
	ApplicationContext context;

	@Override
	protected String vendor() {
		return "groobee";
	}

	Emulator groobee() {
		return sandbox.emulator("groobee");
	}

	@Test
	void fixedRowsAreDeliveredOnceAndTheirOriginalsResolved() throws IOException {
		// given a night that rejected two bad phones (m-3, m-5) and whose vendor refused
		// m-7
		JobSpec spec = job(20);
		members(0, 0, 20, List.of(3, 5));
		groobee().reject("m-7");
		RunOutcome night = this.launcher.run(spec, DATE, this.options);
		assertThat(night.report().rejected()).isEqualTo(3);
		groobee().clearFaults();

		// when the rows are exported, m-3's phone and m-7's grade fixed, m-5's phone
		// still wrong
		Path export = this.dir.resolve("rejected.csv");
		assertThat(cli("rejected", spec.name(), "--export", export.toString()).code()).isZero();
		List<List<String>> file = read(export);
		set(file, "m-3", "phone", phone(3).replace("-", ""));
		set(file, "m-5", "phone", "999-5");
		set(file, "m-7", "grade", "VIP");
		Path fixed = write(this.dir.resolve("fixed.csv"), file);
		int requestsBefore = groobee().requestCount();
		RunOutcome imported = this.launcher.importFixed(spec, fixed, this.options);

		// then the fixed rows arrive, once each, as fixed
		assertThat(imported.kind()).isEqualTo(RunOutcome.Kind.COMPLETED);
		assertThat(imported.report().run()).isEqualTo("import");
		assertThat(imported.report().runDate()).isEqualTo("fixed.csv");
		assertThat(imported.report().read()).isEqualTo(3);
		assertThat(imported.report().delivered()).isEqualTo(2);
		assertThat(imported.report().rejected()).isEqualTo(1);
		assertThat(groobee().deliveries(phone(3))).isEqualTo(1);
		assertThat(groobee().deliveries(phone(7))).isEqualTo(1);
		assertThat(groobee().records().get(phone(7)).properties()).containsEntry("grade", "VIP");
		assertThat(groobee().records()).hasSize(19);

		// and rejected shows their originals fixed by the import, the row still bad
		// rejected again by it, its original as it was
		String listed = cli("rejected", spec.name()).out();
		assertThat(listed.lines().filter((line) -> line.contains(" " + EXTRACT + ":5 "))).singleElement()
			.asString()
			.containsPattern("BAD_PHONE +" + EXTRACT + ":5 +fixed in import:[0-9a-f]{16} ");
		assertThat(listed.lines().filter((line) -> line.contains(" " + EXTRACT + ":9 "))).singleElement()
			.asString()
			.containsPattern("VENDOR .* fixed in import:[0-9a-f]{16} ");
		assertThat(listed.lines().filter((line) -> line.contains(" " + EXTRACT + ":7 "))).singleElement()
			.asString()
			.containsPattern("BAD_PHONE +" + EXTRACT + ":7 +- ");
		assertThat(listed).containsPattern("import:[0-9a-f]{16} +TRANSFORM .*BAD_PHONE +fixed.csv:\\d+ +- ");
		assertThat(cli("rejected", spec.name(), "--pending").out()).startsWith("no rejected rows of " + spec.name());

		// and importing the same file again sends nothing more
		int requests = groobee().requestCount();
		RunOutcome again = this.launcher.importFixed(spec, fixed, this.options);
		assertThat(again.kind()).isEqualTo(RunOutcome.Kind.ALREADY_COMPLETED);
		assertThat(again.message()).contains("already completed").contains("nothing sent");
		assertThat(groobee().requestCount()).isEqualTo(requests).isGreaterThan(requestsBefore);
		assertThat(groobee().deliveries(phone(3))).isEqualTo(1);

		// and the next night's replay no longer sends m-7's kept copy
		members(1, 100, 10, List.of());
		RunOutcome next = this.launcher.run(spec, DATE.plusDays(1), this.options);
		assertThat(next.report().replays()).isEmpty();
		assertThat(groobee().deliveries(phone(7))).isEqualTo(1);
		assertThat(groobee().records().get(phone(7)).properties()).containsEntry("grade", "VIP");
	}

	@Test
	void aLineThatMatchesNoRejectionFailsTheImportBeforeAnythingIsSent() throws IOException {
		// given a night with two bad phones, exported
		JobSpec spec = job(20);
		members(0, 0, 20, List.of(3, 5));
		this.launcher.run(spec, DATE, this.options);
		Path export = this.dir.resolve("rejected.csv");
		cli("rejected", spec.name(), "--export", export.toString());
		List<List<String>> file = read(export);
		set(file, "m-3", "phone", phone(3).replace("-", ""));
		set(file, "m-5", "phone", phone(5).replace("-", ""));

		// when one line's trailing columns name no rejected row of the job
		set(file, "m-5", "line", "999");
		set(file, "m-5", "rejected_id", "");
		Path fixed = write(this.dir.resolve("fixed.csv"), file);
		int requests = groobee().requestCount();

		// then the import fails naming that line, and sends nothing
		assertThatThrownBy(() -> this.launcher.importFixed(spec, fixed, this.options))
			.isInstanceOf(IllegalArgumentException.class)
			.hasMessage("fixed.csv:3: no rejected row of " + spec.name() + " is of run " + DATE + ", " + EXTRACT
					+ ":999, destination groobee/personalizations");
		assertThat(groobee().requestCount()).isEqualTo(requests);

		// and the command says so in one line, exit 2
		Result command = cli("rejected", this.dir.resolve(spec.name() + ".yml").toString(), "--import",
				fixed.toString());
		assertThat(command.code()).isEqualTo(ExitCodes.USAGE);
		assertThat(command.err()).startsWith("error: fixed.csv:3: no rejected row of ");

		// and an export without the rejected_id column is read by run, source and line
		List<List<String>> withoutIds = read(export);
		set(withoutIds, "m-3", "phone", phone(3).replace("-", ""));
		withoutIds.forEach((row) -> row.remove(row.size() - 1));
		RunOutcome imported = this.launcher.importFixed(spec, write(this.dir.resolve("old.csv"), withoutIds),
				this.options);
		assertThat(imported.report().delivered()).isEqualTo(1);
		assertThat(groobee().deliveries(phone(3))).isEqualTo(1);
	}

	@Test
	void aRefusalRefusedAgainByALaterNightIsOneRowToFix() throws IOException {
		// given a refusal the next night's replay saw refused again: two attempts at one
		// row, both in the export
		JobSpec spec = job(20);
		members(0, 0, 20, List.of());
		groobee().reject("m-7");
		this.launcher.run(spec, DATE, this.options);
		members(1, 100, 10, List.of());
		this.launcher.run(spec, DATE.plusDays(1), this.options);
		groobee().clearFaults();
		Path export = this.dir.resolve("rejected.csv");
		cli("rejected", spec.name(), "--export", export.toString());
		List<List<String>> file = read(export);
		assertThat(file).hasSize(3);

		// when only one of the two lines is fixed, the import cannot tell which is meant
		file.get(1).set(file.get(0).indexOf("grade"), "VIP");
		Path one = write(this.dir.resolve("one.csv"), file);
		assertThatThrownBy(() -> this.launcher.importFixed(spec, one, this.options))
			.hasMessage("one.csv:3: fixes the same rejected row as line 2 (another run's attempt at it) with other "
					+ "values: keep one of the two lines");

		// when both are fixed alike, the row is sent once and both attempts are resolved
		file.get(2).set(file.get(0).indexOf("grade"), "VIP");
		RunOutcome imported = this.launcher.importFixed(spec, write(this.dir.resolve("both.csv"), file), this.options);
		assertThat(imported.report().delivered()).isEqualTo(1);
		assertThat(groobee().deliveries(phone(7))).isEqualTo(1);
		assertThat(groobee().records().get(phone(7)).properties()).containsEntry("grade", "VIP");
		assertThat(cli("rejected", spec.name()).out().lines().filter((line) -> line.contains("fixed in import:")))
			.hasSize(2);

		// and the night after sends neither again
		members(2, 200, 10, List.of());
		assertThat(this.launcher.run(spec, DATE.plusDays(2), this.options).report().replays()).isEmpty();
		assertThat(groobee().deliveries(phone(7))).isEqualTo(1);
	}

	@Test
	void aFailedImportResumesWithoutSendingOrMarkingTwice() throws IOException {
		// given three refusals, fixed in a file sent a row a chunk
		JobSpec spec = job(1);
		members(0, 0, 20, List.of());
		List.of("m-4", "m-6", "m-8").forEach(groobee()::reject);
		this.launcher.run(spec, DATE, this.options);
		groobee().clearFaults();
		Path export = this.dir.resolve("rejected.csv");
		cli("rejected", spec.name(), "--export", export.toString());
		Path fixed = write(this.dir.resolve("fixed.csv"), read(export));

		// when the vendor goes down after the first fixed row
		groobee().failAfterItems(groobee().itemsAccepted() + 1, 503);
		RunOutcome failed = this.launcher.importFixed(spec, fixed, this.options);
		assertThat(failed.kind()).isEqualTo(RunOutcome.Kind.FAILED);
		assertThat(resolved(spec)).isEqualTo(1);

		// and comes back, and the same file is imported again
		groobee().clearFaults();
		RunOutcome resumed = this.launcher.importFixed(spec, fixed, this.options);

		// then the import resumes after its committed chunk: each row once, each
		// original resolved once
		assertThat(resumed.kind()).isEqualTo(RunOutcome.Kind.COMPLETED);
		assertThat(resumed.report().executionId()).isNotEqualTo(failed.report().executionId());
		for (int member : List.of(4, 6, 8)) {
			assertThat(groobee().deliveries(phone(member))).as("m-" + member).isEqualTo(1);
		}
		assertThat(resolved(spec)).isEqualTo(3);
		assertThat(cli("rejected", spec.name(), "--pending").out()).startsWith("no rejected rows");
	}

	@Test
	void theCommandImportsToTheSandboxWhichResolvesOnlyASandboxRunsRows() throws IOException {
		// given a bad phone rejected by a --sandbox run, and one rejected by a real run
		JobSpec trial = job(20);
		members(0, 0, 20, List.of(2));
		this.launcher.run(trial, DATE, sandbox.sandboxRun("groobee"));
		JobSpec real = job(20);
		this.launcher.run(real, DATE, this.options);

		// when the command imports each fixed: a real import cannot take the sandbox
		// run's row
		Result refused = cli("rejected", specFile(trial), "--import", fixed(trial).toString());
		assertThat(refused.code()).isEqualTo(ExitCodes.USAGE);
		assertThat(refused.err()).containsPattern("error: fixed-.*\\.csv:2: rejected row \\d+ was rejected by a "
				+ "--sandbox run: its fixed row goes to the sandbox only");

		// and each goes to the sandbox
		Result sandboxed = cli("rejected", specFile(trial), "--import", fixed(trial).toString(), "--sandbox");
		Result tried = cli("rejected", specFile(real), "--import", fixed(real).toString(), "--sandbox");

		// then the emulator started for each received the row
		assertThat(sandboxed.code()).as(sandboxed.out() + sandboxed.err()).isZero();
		assertThat(sandboxed.out()).contains(trial.name() + " (import of fixed-" + trial.name() + ".csv), execution ")
			.contains("delivered   1 row")
			.contains("sandbox: groobee received 1 request(s), accepted 1");
		assertThat(tried.code()).as(tried.out() + tried.err()).isZero();
		assertThat(tried.out()).contains("delivered   1 row")
			.contains("1 row(s) rejected by real runs sent to the sandbox as a trial: their rejections stay as they "
					+ "were");

		// and the sandbox run's row is resolved by the sandbox's import, the real run's
		// is not: a trial changes nothing a real run sends
		assertThat(cli("rejected", trial.name()).out()).containsPattern(EXTRACT + ":4 +fixed in sandbox:import:");
		assertThat(cli("rejected", real.name()).out()).containsPattern(EXTRACT + ":4 +- ");
		assertThat(cli("status", trial.name()).out()).containsPattern(trial.name() + " +sandbox import +fixed-");

	}

	private String specFile(JobSpec spec) {
		return this.dir.resolve(spec.name() + ".yml").toString();
	}

	/** The job's rejected rows exported, member 2's phone fixed. */
	private Path fixed(JobSpec spec) throws IOException {
		Path export = this.dir.resolve("rejected-" + spec.name() + ".csv");
		if (!Files.exists(export)) {
			cli("rejected", spec.name(), "--export", export.toString());
		}
		List<List<String>> file = read(export);
		set(file, "m-2", "phone", phone(2).replace("-", ""));
		return write(this.dir.resolve("fixed-" + spec.name() + ".csv"), file);
	}

	private long resolved(JobSpec spec) {
		return this.jdbc.queryForObject("SELECT COUNT(*) FROM AS_REJECTED_RESOLVED x JOIN AS_REJECTED_ROW r "
				+ "ON r.ID = x.REJECTED_ID WHERE r.JOB_NAME = ?", Long.class, spec.name());
	}

	/** A job reading a file a day, in chunks of that many rows. */
	JobSpec job(int chunk) {
		String name = "import-" + UUID.randomUUID().toString().substring(0, 8);
		return new SpecLoader()
			.load(TestExtracts.groobeeSpec(this.dir, name, "data/day-${runDate}.csv", chunk, chunk, 1));
	}

	void members(int night, int from, int rows, List<Integer> badPhones) {
		TestExtracts.members(this.dir, "data/day-" + DATE.plusDays(night) + ".csv", from, rows, badPhones, List.of());
	}

	/** An export's header and rows. */
	static List<List<String>> read(Path export) throws IOException {
		List<List<String>> rows = new ArrayList<>();
		try (MappingIterator<List<String>> lines = CSV.readerForListOf(String.class)
			.with(CsvSchema.emptySchema())
			.readValues(Files.newBufferedReader(export))) {
			lines.forEachRemaining((row) -> rows.add(new ArrayList<>(row)));
		}
		return rows;
	}

	/** What a data team does in a spreadsheet: one cell of a member's row changed. */
	static void set(List<List<String>> file, String member, String column, String value) {
		List<String> header = file.get(0);
		List<String> row = file.stream()
			.skip(1)
			.filter((each) -> each.get(header.indexOf("member_id")).equals(member))
			.findFirst()
			.orElseThrow(() -> new AssertionError("no row of " + member));
		row.set(header.lastIndexOf(column), value);
	}

	static Path write(Path file, List<List<String>> rows) throws IOException {
		try (Writer writer = Files.newBufferedWriter(file);
				SequenceWriter csv = CSV.writerFor(List.class).with(CsvSchema.emptySchema()).writeValues(writer)) {
			for (List<String> row : rows) {
				csv.write(row);
			}
		}
		return file;
	}

	/**
	 * What a command line did.
	 *
	 * @param code the exit code
	 * @param out standard output
	 * @param err standard error
	 */
	record Result(int code, String out, String err) {
	}

	Result cli(String... args) {
		StringWriter out = new StringWriter();
		StringWriter err = new StringWriter();
		CommandLine commandLine = Cli.commandLine(this.context);
		commandLine.setOut(new PrintWriter(out, true));
		commandLine.setErr(new PrintWriter(err, true));
		int code = commandLine.execute(args);
		return new Result(code, out.toString(), err.toString());
	}

}
