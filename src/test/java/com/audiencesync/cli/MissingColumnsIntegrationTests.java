package com.audiencesync.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.audiencesync.JobTest;
import com.audiencesync.TestExtracts;
import com.audiencesync.batch.launch.RunOutcome;
import com.audiencesync.batch.launch.RunOutcome.Kind;
import com.audiencesync.destination.emulator.StoredRecord;
import com.audiencesync.spec.SpecLoader;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A mapped column the extract does not have (a typo in the spec, a renamed column in the
 * export) stops the run before anything is sent, where sending would store null in that
 * property on every profile (Groobee replaces the whole map) or reject every row.
 * {@code validate} says the same, with the column's closest name as a hint.
 */
class MissingColumnsIntegrationTests extends JobTest {

	@Autowired
	ApplicationContext context;

	@Override
	protected String vendor() {
		return "groobee";
	}

	@Test
	void aMisspelledPropertyColumnOfACsvStopsTheRunBeforeItStarts() {
		// given profiles Groobee already holds with their grade
		Path good = csvJob("members", "[grade]");
		assertThat(run(good).kind()).isEqualTo(Kind.COMPLETED);
		Map<String, StoredRecord> before = Map.copyOf(sandbox.emulator("groobee").records());
		int requests = sandbox.emulator("groobee").requestCount();
		assertThat(before.values()).allSatisfy((record) -> assertThat(record.properties()).containsKey("grade"));

		// and a spec that maps 'grdae' where the header says 'grade'
		Path typo = csvJob("typo", "[grdae]");

		// when it is validated, then it is refused naming the column and the right one
		Said cli = validate(typo);
		assertThat(cli.code()).isEqualTo(ExitCodes.USAGE);
		assertThat(cli.output())
			.contains(typo + ": members.csv: column 'grdae' (mapping.properties.columns) is "
					+ "not in its header: did you mean 'grade'?")
			.contains("1 problem(s): the spec maps column(s) its source does not have")
			.doesNotContain("spec is valid");

		// and a dry run says a run would not start
		Said dry = cli("run", typo.toString(), "--dry-run", "--param", "runDate=" + DATE);
		assertThat(dry.code()).isEqualTo(ExitCodes.USAGE);
		assertThat(dry.output())
			.contains(typo + ": members.csv: column 'grdae' (mapping.properties.columns) is "
					+ "not in its header: did you mean 'grade'?")
			.contains("a run would not start: the spec maps column(s) its source does not have");

		// when it runs, then it does not start: nothing sent, nothing recorded
		RunOutcome outcome = run(typo);
		assertThat(ExitCodes.of(outcome.kind())).isEqualTo(2);
		assertThat(outcome.message()).isEqualTo(jobName(typo) + " for runDate " + DATE + " cannot start: members.csv: "
				+ "column 'grdae' (mapping.properties.columns) is not in its header: did you mean 'grade'? (nothing "
				+ "ran)");
		assertThat(sandbox.emulator("groobee").requestCount()).isEqualTo(requests);
		assertThat(sandbox.emulator("groobee").records()).isEqualTo(before);
		assertNothingRecorded(typo);
	}

	@Test
	void aMisspelledPropertyKeyOfJsonLinesStopsTheRunBeforeItStarts() {
		// given JSON lines and a spec mapping 'grdae' where every line has 'grade'
		Path typo = jsonlJob("typo", "[grdae]", jsonl(0, 20, true));

		// when it is validated
		Said cli = validate(typo);

		// then it is refused naming the key and the right one
		assertThat(cli.code()).isEqualTo(ExitCodes.USAGE);
		assertThat(cli.output()).contains(typo + ": members.jsonl: column 'grdae' (mapping.properties.columns) is "
				+ "not in any of its first 20 rows: did you mean 'grade'?");

		// when it runs, then it does not start: nothing sent, nothing recorded
		RunOutcome outcome = run(typo);
		assertThat(ExitCodes.of(outcome.kind())).isEqualTo(2);
		assertThat(outcome.message()).isEqualTo(jobName(typo) + " for runDate " + DATE + " cannot start: "
				+ "members.jsonl: column 'grdae' (mapping.properties.columns) is not in any of its first 20 rows: did "
				+ "you mean 'grade'? (nothing ran)");
		assertThat(sandbox.emulator("groobee").requestCount()).isZero();
		assertThat(sandbox.emulator("groobee").records()).isEmpty();
		assertNothingRecorded(typo);
	}

	@Test
	void aMisspelledRequiredColumnIsRefusedRatherThanEveryRowRejected() {
		Path spec = csvJob("required", "[grade]");
		Path typo = TestExtracts.write(spec, read(spec).replace("memberId: member_id", "memberId: member_idd"));

		Said cli = validate(typo);

		assertThat(cli.code()).isEqualTo(ExitCodes.USAGE);
		assertThat(cli.output()).contains("members.csv: column 'member_idd' (mapping.fields.memberId) is not in its "
				+ "header: did you mean 'member_id'?");
		RunOutcome outcome = run(typo);
		assertThat(outcome.kind()).isEqualTo(Kind.UNAVAILABLE);
		assertThat(sandbox.emulator("groobee").requestCount()).isZero();
		assertNothingRecorded(typo);
	}

	@Test
	void aSecondFileWhoseHeaderLacksAColumnStopsTheNightBeforeEitherIsSent() {
		// given a folder of two extracts, the second without the grade column
		Path folder = this.dir.resolve("two");
		TestExtracts.members(folder, "a.csv", 0, 10, List.of(), List.of());
		StringBuilder b = new StringBuilder("member_id,phone,points\n");
		for (int i = 10; i < 20; i++) {
			b.append("m-").append(i).append(',').append(TestExtracts.phone(i)).append(',').append(i).append('\n');
		}
		TestExtracts.write(folder.resolve("b.csv"), b.toString());
		Path spec = TestExtracts.groobeeSpec(this.dir, "two", "two", 100, 100, 1);

		// when it runs
		RunOutcome outcome = run(spec);

		// then b.csv fails its plan, naming itself and the column, and the night stops
		// before anything is sent: a.csv waits for it
		assertThat(outcome.kind()).isEqualTo(Kind.FAILED);
		assertThat(ExitCodes.of(outcome.kind())).isEqualTo(1);
		assertThat(outcome.report().exitMessage()).isEqualTo("b.csv: column 'grade' (mapping.properties.columns) is "
				+ "not in its header (it has member_id, phone, points)");
		assertThat(outcome.report().partitions()).isEqualTo(2);
		assertThat(outcome.report().delivered()).isZero();
		assertThat(sandbox.emulator("groobee").requestCount()).isZero();
		assertThat(
				this.jdbc.queryForObject("SELECT COUNT(*) FROM AS_REJECTED_ROW WHERE JOB_NAME = 'two'", Integer.class))
			.isZero();
	}

	@Test
	void aSecondFileOfJsonLinesWithoutAKeyInItsFirstChunkFailsBeforeSendingAny() {
		// given two extracts read in chunks of 5: the second has no grade in any line
		Path spec = jsonlJob("lines", "[grade]", jsonl(0, 10, true));
		TestExtracts.write(this.dir.resolve("lines/zz.jsonl"), String.join("\n", jsonl(10, 10, false)) + "\n");
		TestExtracts.write(spec, read(spec) + "chunk: 5\n");

		// when it runs
		RunOutcome outcome = run(spec);

		// then the second fails its plan after reading its first chunk, and the night
		// stops before anything is sent
		assertThat(outcome.kind()).isEqualTo(Kind.FAILED);
		assertThat(outcome.report().exitMessage()).isEqualTo("zz.jsonl: column 'grade' (mapping.properties.columns) "
				+ "is not in any of its first 5 rows (it has member_id, phone, points)");
		assertThat(sandbox.emulator("groobee").requestCount()).isZero();
	}

	@Test
	void anOptionalKeyThatSomeLinesHaveRunsAsUsual() {
		// given JSON lines where only every other line has a grade
		List<String> lines = jsonl(0, 20, false);
		for (int i = 0; i < lines.size(); i += 2) {
			lines.set(i, lines.get(i).replace("}", ", \"grade\": \"GOLD\"}"));
		}
		Path spec = jsonlJob("sometimes", "[grade]", lines);

		// when it is validated and run
		Said cli = validate(spec);
		RunOutcome outcome = run(spec);

		// then it is valid, and every line is delivered, a missing grade as null
		assertThat(cli.code()).as(cli.output()).isZero();
		assertThat(outcome.kind()).as(outcome.message()).isEqualTo(Kind.COMPLETED);
		assertThat(outcome.report().delivered()).isEqualTo(20);
		assertThat(outcome.report().rejected()).isZero();
		assertThat(sandbox.emulator("groobee").records().get(TestExtracts.phone(0)).properties()).containsEntry("grade",
				"GOLD");
		assertThat(sandbox.emulator("groobee").records().get(TestExtracts.phone(1)).properties()).containsEntry("grade",
				null);
	}

	@Test
	void validateFailsWhenEveryRowItMapsIsRejected() {
		TestExtracts.members(this.dir.resolve("bad"), "members.csv", 0, 5, List.of(0, 1, 2, 3, 4), List.of());
		Path spec = TestExtracts.groobeeSpec(this.dir, "bad", "bad", 100, 100, 1);

		Said cli = validate(spec);

		assertThat(cli.code()).isEqualTo(ExitCodes.FAILED);
		assertThat(cli.output()).contains("spec is valid")
			.contains(spec + ": every one of the 5 row(s) read is rejected (BAD_PHONE 5; e.g. members.csv:2: "
					+ "phoneNumber: ")
			.contains("is not a valid Korean phone number): a run would send nothing");
	}

	// ---- helpers

	/** What a command line said (out and err together) and its exit code. */
	private record Said(int code, String output) {
	}

	/** As the runs here are run: against the emulator, whose key the test holds. */
	private Said validate(Path spec) {
		return cli("validate", spec.toString(), "--run-date", DATE.toString(), "--sandbox");
	}

	private Said cli(String... args) {
		StringWriter out = new StringWriter();
		CommandLine commandLine = Cli.commandLine(this.context);
		commandLine.setOut(new PrintWriter(out, true));
		commandLine.setErr(new PrintWriter(out, true));
		return new Said(commandLine.execute(args), out.toString());
	}

	private RunOutcome run(Path spec) {
		return this.launcher.run(new SpecLoader().load(spec), DATE, this.options);
	}

	private void assertNothingRecorded(Path spec) {
		String job = jobName(spec);
		assertThat(this.jdbc.queryForObject("SELECT COUNT(*) FROM BATCH_JOB_INSTANCE WHERE JOB_NAME = ?", Integer.class,
				job))
			.isZero();
		assertThat(
				this.jdbc.queryForObject("SELECT COUNT(*) FROM AS_REJECTED_ROW WHERE JOB_NAME = ?", Integer.class, job))
			.isZero();
	}

	/** A Groobee spec over a folder holding the members CSV, copying those columns. */
	private Path csvJob(String name, String columns) {
		TestExtracts.members(this.dir.resolve(name), "members.csv", 0, 10, List.of(), List.of());
		return job(name, "csv", columns);
	}

	private Path jsonlJob(String name, String columns, List<String> lines) {
		TestExtracts.write(this.dir.resolve(name).resolve("members.jsonl"), String.join("\n", lines) + "\n");
		return job(name, "jsonl", columns);
	}

	private Path job(String name, String format, String columns) {
		String job = name + "-" + UUID.randomUUID().toString().substring(0, 8);
		return TestExtracts.write(this.dir.resolve(name + ".yml"), """
				name: %s
				source:
				  type: file
				  path: %s
				  format: %s
				mapping:
				  fields:
				    memberId: member_id
				    phoneNumber: { column: phone, type: phone }
				  properties:
				    columns: %s
				    fields:
				      points: { column: points, type: integer }
				destination:
				  vendor: groobee
				  endpoint: personalizations
				""".formatted(job, name, format, columns));
	}

	private static List<String> jsonl(int from, int rows, boolean grade) {
		List<String> lines = new ArrayList<>();
		for (int i = from; i < from + rows; i++) {
			lines.add("{\"member_id\": \"m-" + i + "\", \"phone\": \"" + TestExtracts.phone(i) + "\", \"points\": " + i
					+ (grade ? ", \"grade\": \"GOLD\"" : "") + "}");
		}
		return lines;
	}

	private static String jobName(Path spec) {
		return new SpecLoader().load(spec).name();
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
