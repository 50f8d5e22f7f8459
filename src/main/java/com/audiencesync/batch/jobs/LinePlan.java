package com.audiencesync.batch.jobs;

import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.BitSet;
import java.util.HexFormat;
import java.util.List;
import java.util.zip.ZipFile;

import com.audiencesync.crypto.KeyedHash;
import com.audiencesync.delivery.NightPlanner;
import com.audiencesync.names.Names;
import com.audiencesync.source.EachLine;
import com.audiencesync.source.ExtractReader;
import com.audiencesync.source.Source;
import com.audiencesync.source.SourceRow;
import com.audiencesync.spec.JobSpec;
import com.audiencesync.state.snapshot.LineMemo;
import com.audiencesync.state.snapshot.PartitionPlan;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStreamReader;

/**
 * A plan partition of JSON lines with a line memo ({@code audience-sync.state.memo-dir},
 * docs/design/snapshots.md#the-line-memo): its lines known by their keyed hashes, those
 * last night's memo holds planned from it, the rest read again and mapped.
 */
final class LinePlan {

	private static final Logger log = LoggerFactory.getLogger(LinePlan.class);

	/** The domain of a line's keyed hash. */
	private static final String LINE_DOMAIN = "line";

	private final BoundRun run;

	private final Source source;

	private final List<BoundDestination> planned;

	private final ColumnGuard columns;

	LinePlan(BoundRun run, Source source, List<BoundDestination> planned, ColumnGuard columns) {
		this.run = run;
		this.source = source;
		this.planned = planned;
		this.columns = columns;
	}

	/** Maps a row for every planned destination. */
	@FunctionalInterface
	interface Mapping {

		void map(SourceRow row);

	}

	/**
	 * The partition's line memo, where nights keep them and its lines can be planned from
	 * one: no destination mirrors (a mirror's records carry sealed key fields) and no
	 * field is encrypted (its cipher's key is not part of what the memo knows).
	 */
	LineMemo memo(String part) {
		boolean mirrors = this.planned.stream().anyMatch((destination) -> destination.spec().mirrors());
		if (mirrors || SyncStoresFactory.encrypts(this.run.spec())) {
			return null;
		}
		KeyedHash hash = this.run.stores().hash();
		String name = HexFormat.of()
			.formatHex(hash.of("line-memo", this.run.spec().name() + "\n" + this.run.stores().account() + "\n" + part));
		StringBuilder function = new StringBuilder("line-memo/1\n").append(Program.IT).append('\n');
		// what maps a line: not where the lines are (a dated folder), nor how they are
		// sent
		JobSpec spec = this.run.spec();
		function.append(spec.mapping())
			.append('\n')
			.append(spec.destination())
			.append('\n')
			.append(spec.destinations())
			.append('\n')
			.append(spec.zoneOrDefault())
			.append('\n');
		this.planned.forEach((destination) -> function.append(destination.id()).append('\n'));
		return this.run.stores()
			.nights()
			.lineMemo(name, hash.of("line-memo", function.toString()), this.planned.size());
	}

	/**
	 * What the program is, so a new build (a mapping or a vendor's request changed) reads
	 * no memo of an older one: its version and a digest of its jar's entries (their
	 * names, sizes and CRCs, from the jar's directory: no class is read). Made once.
	 */
	private static final class Program {

		static final String IT = describe();

		private static String describe() {
			String version = LinePlan.class.getPackage().getImplementationVersion();
			String location = String.valueOf(LinePlan.class.getProtectionDomain().getCodeSource().getLocation());
			try {
				Path jar = null;
				if (location.startsWith("nested:")) {
					// the fat jar's classes:
					// nested:/app/audience-sync.jar/!BOOT-INF/classes/!/
					jar = Path.of(location.substring("nested:".length(), location.indexOf("/!")));
				}
				else if (location.startsWith("file:")) {
					jar = Path.of(URI.create(location));
				}
				if (jar != null && Files.isRegularFile(jar)) {
					MessageDigest digest = MessageDigest.getInstance("SHA-256");
					ByteBuffer numbers = ByteBuffer.allocate(16);
					try (ZipFile zip = new ZipFile(jar.toFile())) {
						zip.stream().forEach((entry) -> {
							digest.update(entry.getName().getBytes(StandardCharsets.UTF_8));
							numbers.clear();
							numbers.putLong(entry.getCrc()).putLong(entry.getSize());
							digest.update(numbers.array());
						});
					}
					return version + " " + HexFormat.of().formatHex(digest.digest());
				}
				// classes in a folder (a build's own tests)
				return version + " " + location;
			}
			catch (Exception ex) {
				return version + " " + location + " (" + ex.getClass().getSimpleName() + ")";
			}
		}

	}

	/**
	 * Says why a partition's lines are all mapped where a memo was expected: on a next
	 * night, a memo that is not there means the folder was not kept since (a volume not
	 * mounted), which only an operator can see to.
	 */
	private void unheld(StepExecution stepExecution, LineMemo memo, List<Integer> targets) {
		if (memo.exists()) {
			log.info("{}: the line memo {} is not one of this mapping, build and key: every line is mapped, and a "
					+ "new memo made", stepExecution.getStepName(), memo.file());
			return;
		}
		boolean nextNight = targets.stream()
			.anyMatch((target) -> this.run.stores().nights().snapshots().current(target).isPresent());
		if (nextNight) {
			log.warn(
					"{}: no line memo {} from an earlier night: every line is mapped. Is "
							+ "audience-sync.state.memo-dir a folder kept between nights (a volume)?",
					stepExecution.getStepName(), memo.file());
		}
	}

	/**
	 * The partition's lines, each known by its keyed hash: those last night's memo holds
	 * are planned from it (unparsed, unmapped), the rest are read again, mapped and
	 * planned, and tonight's memo replaces last night's. The first chunk's lines are
	 * always mapped, so the columns are checked as they are on any night.
	 */
	long plan(StepExecution stepExecution, ExecutionContext partition, ItemStreamReader<SourceRow> first,
			List<NightPlanner<?>> planners, List<PartitionPlan> plans, List<Integer> targets, LineMemo memo,
			Mapping mapping) throws Exception {
		KeyedHash hash = this.run.stores().hash();
		int firstChunk = this.run.spec().chunkSize();
		BitSet misses = null;
		long[] lines = new long[1];
		// the version of the extract the first pass read: the second refuses other bytes
		ExecutionContext planned = new ExecutionContext();
		boolean held = memo.held();
		if (!held) {
			unheld(stepExecution, memo, targets);
		}
		else {
			BitSet mapped = new BitSet();
			misses = mapped;
			first.open(new ExecutionContext());
			try {
				((EachLine) first).eachLine((line) -> {
					String text = line.text();
					if (++lines[0] <= firstChunk || text == null) {
						mapped.set(Math.toIntExact(line.position()));
					}
					else {
						memo.line(hash.of(LINE_DOMAIN, text), line.position());
					}
					if (lines[0] % 10_000 == 0) {
						PlanPartitionStep.stopping(stepExecution);
					}
				});
				ExecutionContext read = new ExecutionContext();
				first.update(read);
				String version = ExtractReader.versionKey(Names.READER);
				if (read.containsKey(version)) {
					planned.putString(version, read.getString(version));
				}
			}
			finally {
				first.close();
			}
			memo.join(plans, misses);
		}
		for (int i = 0; i < planners.size(); i++) {
			planners.get(i).remembering(memo, i);
		}
		// without a memo of these lines, each is mapped as it is first read
		ItemStreamReader<SourceRow> reader = (misses != null) ? this.source.reader(partition) : first;
		ColumnGuard.Sampled checked = this.columns.sampled();
		BitSet mapped = misses;
		long[] read = new long[1];
		reader.open(planned);
		try {
			((EachLine) reader).eachLine((line) -> {
				long position = line.position();
				if (mapped == null || mapped.get(Math.toIntExact(position))) {
					String text = line.text();
					if (text != null) {
						memo.mapping(hash.of(LINE_DOMAIN, text), position);
					}
					SourceRow row = line.row();
					checked.add(row);
					mapping.map(row);
				}
				if (++read[0] % 10_000 == 0) {
					PlanPartitionStep.stopping(stepExecution);
				}
			});
			checked.add(null);
			PlanPartitionStep.version(reader, stepExecution);
		}
		finally {
			reader.close();
		}
		long rows = read[0];
		for (NightPlanner<?> planner : planners) {
			planner.flush();
		}
		memo.store();
		stepExecution.getExecutionContext().putLong(Names.PLAN_MEMO_LINES, memo.hits());
		log.info("{}: {} of {} line(s) planned from the line memo, the rest mapped", stepExecution.getStepName(),
				memo.hits(), rows);
		return rows;
	}

}
