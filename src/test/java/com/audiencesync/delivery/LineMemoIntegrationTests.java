package com.audiencesync.delivery;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;
import java.util.stream.Stream;

import com.audiencesync.LineMemoJobTest;
import com.audiencesync.TestExtracts;
import com.audiencesync.batch.launch.RunOutcome;
import com.audiencesync.batch.launch.RunOutcome.Kind;
import com.audiencesync.destination.emulator.Emulator;
import com.audiencesync.spec.JobSpec;
import com.audiencesync.spec.SpecLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static com.audiencesync.TestExtracts.phone;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A line memo ({@code audience-sync.state.memo-dir}) only ever spares a night work: a
 * mapping changed since it was made, or a memo that cannot be read, is not used, and the
 * vendor gets exactly what it would have got without one.
 */
@ExtendWith(OutputCaptureExtension.class)
class LineMemoIntegrationTests extends LineMemoJobTest {

	private static final int CHUNK = 5;

	@Override
	protected String vendor() {
		return "groobee";
	}

	@Test
	void aMappingChangedSinceTheMemoWasMadeMapsEveryLineAgain() throws Exception {
		// given 1,000 members delivered, then a night without changes planned from the
		// memo: every line but the first chunk's, nothing sent
		JobSpec spec = firstNight("changed-mapping");
		Emulator groobee = sandbox.emulator("groobee");
		RunOutcome same = this.launcher.run(spec, DATE.plusDays(1), this.options);
		assertThat(same.report().unchanged()).isEqualTo(1_000);
		assertThat(memoLines(same)).isEqualTo(1_000 - CHUNK);
		int requests = groobee.requestCount();

		// when the spec maps points from another column of the same lines (every key
		// changes: the guard is told to let it go on)
		JobSpec other = spec("changed-mapping", "bonus");
		RunOutcome changed = this.launcher.run(other, DATE.plusDays(2), this.options.allowingMassUpdate());

		// then no line is planned from the memo, and every member holds its new points
		assertThat(changed.kind()).as(changed.message()).isEqualTo(Kind.COMPLETED);
		assertThat(memoLines(changed)).isZero();
		assertThat(changed.report().delivered()).isEqualTo(1_000);
		assertThat(groobee.requestCount()).isGreaterThan(requests);
		for (int i = 0; i < 1_000; i += 37) {
			assertThat(groobee.records().get(phone(i)).properties()).as("member %d", i)
				.containsEntry("points", 1_000 + i);
		}

		// and the night after plans from the new mapping's memo, sending nothing
		RunOutcome after = this.launcher.run(other, DATE.plusDays(3), this.options);
		assertThat(after.report().unchanged()).isEqualTo(1_000);
		assertThat(after.report().delivered()).isZero();
		assertThat(memoLines(after)).isEqualTo(1_000 - CHUNK);
	}

	@Test
	void aMemoThatCannotBeReadOrIsCutShortCostsOnlySpeed() throws Exception {
		// given 1,000 members delivered and remembered
		JobSpec spec = firstNight("broken-memo");
		Path extract = this.dir.resolve("broken-memo/members.jsonl");
		Emulator groobee = sandbox.emulator("groobee");
		Path memo = memoOf("broken-memo");

		// and a killed night's unfinished memo of two hours ago, beside it, a memo no
		// night wrote for 31 days (a job renamed) and one of yesterday's (another job's)
		Path unfinished = memo.resolveSibling(memo.getFileName() + "12345.new");
		Files.write(unfinished, new byte[100]);
		Files.setLastModifiedTime(unfinished,
				java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis() - 7_200_000L));
		Path unused = memo.resolveSibling("00000000000000000000000000000001.memo");
		Files.write(unused, new byte[100]);
		Files.setLastModifiedTime(unused,
				java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis() - 31 * 86_400_000L));
		Path yesterdays = memo.resolveSibling("00000000000000000000000000000002.memo");
		Files.write(yesterdays, new byte[100]);
		Files.setLastModifiedTime(yesterdays,
				java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis() - 86_400_000L));

		// when the memo is overwritten with other bytes, and 10 members change
		Files.write(memo, new byte[4096]);
		write(extract, (i) -> (i % 100 == 3) ? "SILVER" : "GOLD", (i) -> i);
		RunOutcome garbage = this.launcher.run(spec, DATE.plusDays(1), this.options);

		// then every line is mapped, and only the 10 are sent
		assertThat(garbage.kind()).as(garbage.message()).isEqualTo(Kind.COMPLETED);
		assertThat(memoLines(garbage)).isZero();
		assertThat(garbage.report().delivered()).isEqualTo(10);
		assertThat(unfinished).as("the killed night's unfinished memo").doesNotExist();
		assertThat(unused).as("a memo unused for 31 days").doesNotExist();
		assertThat(yesterdays).as("another job's memo of yesterday").exists();
		Files.delete(yesterdays);

		// when the memo written since is cut short in the middle of an entry, and 10
		// others change, 100 more change only in a column the spec does not map
		long size = Files.size(memo);
		try (var channel = java.nio.channels.FileChannel.open(memo, java.nio.file.StandardOpenOption.WRITE)) {
			channel.truncate(size / 2 + 3);
		}
		write(extract, (i) -> (i % 100 == 3 || i % 100 == 4) ? "SILVER" : "GOLD", (i) -> (i % 10 == 5) ? i + 7 : i);
		RunOutcome cut = this.launcher.run(spec, DATE.plusDays(2), this.options);

		// then the lines it still holds are planned from it, the rest mapped: the 10
		// are sent, the others not
		assertThat(cut.kind()).as(cut.message()).isEqualTo(Kind.COMPLETED);
		assertThat(memoLines(cut)).isBetween(100L, 700L);
		assertThat(cut.report().delivered()).isEqualTo(10);
		assertThat(cut.report().unchanged()).isEqualTo(990);
		for (int i = 0; i < 1_000; i++) {
			assertThat(groobee.records().get(phone(i)).properties()).as("member %d", i)
				.containsEntry("grade", (i % 100 == 3 || i % 100 == 4) ? "SILVER" : "GOLD");
		}
	}

	@Test
	void aDeliveryOfAnExtractRegeneratedAfterAPlanFromTheMemoFailsNamingIt() throws Exception {
		// given a next night planned from the memo whose delivery failed at its first
		// request
		JobSpec spec = firstNight("regenerated");
		Path extract = this.dir.resolve("regenerated/members.jsonl");
		Emulator groobee = sandbox.emulator("groobee");
		write(extract, (i) -> (i % 100 == 3) ? "SILVER" : "GOLD", (i) -> i);
		groobee.failAfterItems(groobee.itemsAccepted(), 503);
		RunOutcome failed = this.launcher.run(spec, DATE.plusDays(1), this.options);
		assertThat(failed.kind()).isEqualTo(Kind.FAILED);
		// (all but the first chunk's 5 and the 9 changed beyond it)
		assertThat(memoLines(failed)).isEqualTo(1_000 - CHUNK - 9);
		groobee.clearFaults();

		// when the export runs again, with other rows, before the date is restarted
		write(extract, (i) -> "BRONZE", (i) -> i);
		RunOutcome refused = this.launcher.run(spec, DATE.plusDays(1), this.options);

		// then the delivery refuses the bytes its plan did not read, and sends nothing
		assertThat(refused.kind()).isEqualTo(Kind.FAILED);
		assertThat(refused.report().exitMessage()).contains("members.jsonl changed since this run read it");
		assertThat(groobee.records().values()).noneMatch((held) -> "BRONZE".equals(held.properties().get("grade")));
	}

	@Test
	void aNextNightWhoseMemoIsGoneSaysSoAndMapsEveryLine(CapturedOutput output) throws Exception {
		// given 1,000 members delivered and remembered
		JobSpec spec = firstNight("gone");
		Path memo = memoOf("gone");

		// when the memo's folder was not kept (a volume not mounted), and 10 members
		// change
		Files.delete(memo);
		write(this.dir.resolve("gone/members.jsonl"), (i) -> (i % 100 == 3) ? "SILVER" : "GOLD", (i) -> i);
		RunOutcome next = this.launcher.run(spec, DATE.plusDays(1), this.options);

		// then the night maps every line, sends the 10, and warns where an operator looks
		assertThat(next.kind()).as(next.message()).isEqualTo(Kind.COMPLETED);
		assertThat(memoLines(next)).isZero();
		assertThat(next.report().delivered()).isEqualTo(10);
		assertThat(output.getOut()).contains("no line memo " + memo + " from an earlier night: every line is mapped")
			.contains("Is audience-sync.state.memo-dir a folder kept between nights (a volume)?");
		assertThat(memo).as("a new memo").exists();
	}

	/** 1,000 members of a job's own folder, delivered on its first night: its spec. */
	private JobSpec firstNight(String job) throws Exception {
		write(this.dir.resolve(job + "/members.jsonl"), (i) -> "GOLD", (i) -> i);
		JobSpec spec = spec(job, "points");
		assertThat(this.launcher.run(spec, DATE, this.options).kind()).isEqualTo(Kind.COMPLETED);
		return spec;
	}

	/** The memo of the only file of a job: the newest memo there. */
	private static Path memoOf(String job) throws IOException {
		try (Stream<Path> files = Files.list(MEMOS)) {
			return files.filter((file) -> file.toString().endsWith(".memo"))
				.max((a, b) -> Long.compare(a.toFile().lastModified(), b.toFile().lastModified()))
				.orElseThrow(() -> new AssertionError("no memo of " + job));
		}
	}

	private static void write(Path extract, IntFunction<String> grade, IntFunction<Integer> extra) throws Exception {
		List<String> lines = new ArrayList<>();
		for (int i = 0; i < 1_000; i++) {
			lines.add("{\"member_id\":\"m-" + i + "\",\"phone\":\"" + phone(i).replace("-", "") + "\",\"grade\":\""
					+ grade.apply(i) + "\",\"points\":" + i + ",\"bonus\":" + (1_000 + i) + ",\"visits\":"
					+ extra.apply(i) + "}");
		}
		Files.createDirectories(extract.getParent());
		Files.writeString(extract, String.join("\n", lines) + "\n");
	}

	private JobSpec spec(String name, String pointsColumn) {
		Path file = TestExtracts.groobeeSpec(this.dir, name, name, CHUNK, CHUNK, 1);
		try {
			Files.writeString(file,
					Files.readString(file)
						.replace("format: csv", "format: jsonl")
						.replace("points: { column: points", "points: { column: " + pointsColumn));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return new SpecLoader().load(file);
	}

}
