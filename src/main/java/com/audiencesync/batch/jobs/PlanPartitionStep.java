package com.audiencesync.batch.jobs;

import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HexFormat;
import java.util.List;
import java.util.zip.ZipFile;

import com.audiencesync.crypto.KeyedHash;
import com.audiencesync.delivery.NightPlanner;
import com.audiencesync.destination.Endpoint;
import com.audiencesync.names.Names;
import com.audiencesync.source.EachLine;
import com.audiencesync.source.ExtractReader;
import com.audiencesync.source.Source;
import com.audiencesync.source.SourceRow;
import com.audiencesync.spec.JobSpec;
import com.audiencesync.state.snapshot.LineMemo;
import com.audiencesync.state.snapshot.Nights;
import com.audiencesync.state.snapshot.PartitionPlan;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.batch.core.job.JobInterruptedException;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStreamReader;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.interceptor.DefaultTransactionAttribute;

/**
 * A partition's plan ({@code plan:<partition>}): its rows read and mapped as delivery
 * will, each planned destination's records sorted and stored. Nothing is sent; a restart
 * plans the partition from its start. Its pages are written outside any transaction of
 * the step's, one page a statement.
 */
final class PlanPartitionStep implements Step {

	private static final Logger log = LoggerFactory.getLogger(PlanPartitionStep.class);

	/** The domain of a line's keyed hash. */
	private static final String LINE_DOMAIN = "line";

	private final JobRepository jobRepository;

	private final PlatformTransactionManager transactionManager;

	private final BoundRun run;

	private final Source source;

	private final List<BoundDestination> planned;

	private final ColumnGuard columns;

	PlanPartitionStep(JobRepository jobRepository, PlatformTransactionManager transactionManager, BoundRun run,
			Source source, List<BoundDestination> planned, ColumnGuard columns) {
		this.jobRepository = jobRepository;
		this.transactionManager = transactionManager;
		this.run = run;
		this.source = source;
		this.planned = planned;
		this.columns = columns;
	}

	@Override
	public String getName() {
		return Names.PLAN_STEP;
	}

	@Override
	public void execute(StepExecution stepExecution) throws JobInterruptedException {
		try (LogContext ignored = LogContext.partition(stepExecution)) {
			DefaultTransactionAttribute none = new DefaultTransactionAttribute(
					TransactionDefinition.PROPAGATION_NOT_SUPPORTED);
			new StepBuilder(stepExecution.getStepName(), this.jobRepository)
				.tasklet((contribution, chunk) -> plan(stepExecution), this.transactionManager)
				.transactionAttribute(none)
				.build()
				.execute(stepExecution);
		}
	}

	private RepeatStatus plan(StepExecution stepExecution) throws Exception {
		String part = stepExecution.getStepName().substring(Names.PLAN_STEP.length() + 1);
		ExecutionContext partition = new ExecutionContext(stepExecution.getExecutionContext());
		this.source.complete(part, partition);
		Nights nights = this.run.stores().nights();
		List<PartitionPlan> plans = new ArrayList<>();
		List<NightPlanner<?>> planners = new ArrayList<>();
		List<Integer> indexes = new ArrayList<>();
		List<Integer> targets = new ArrayList<>();
		try {
			for (BoundDestination destination : this.planned) {
				int target = this.run.stores()
					.state()
					.number(this.run.stores().target(this.run.spec().name(), destination.id()));
				boolean mirror = destination.spec().mirrors();
				targets.add(target);
				PartitionPlan plan = nights.partition(target, this.run.runKey(), part, mirror);
				plans.add(plan);
				planners.add(planner(destination.endpoint().endpoint(), plan, mirror));
				indexes.add(this.run.destinations().indexOf(destination));
			}
			LineMemo memo = memo(part, this.planned.size());
			ItemStreamReader<SourceRow> reader = this.source.reader(partition);
			long rows = 0;
			if (memo != null && reader instanceof EachLine) {
				try (memo) {
					unheld(stepExecution, memo, targets);
					rows = planLines(stepExecution, partition, reader, planners, indexes, plans, memo);
				}
			}
			else {
				rows = planRows(stepExecution, reader, planners, indexes);
			}
			for (int i = 0; i < planners.size(); i++) {
				planners.get(i).flush();
				plans.get(i).store();
			}
			stepExecution.setReadCount(rows);
			log.info("{}: {} row(s) planned for {} destination(s)", stepExecution.getStepName(), rows, planners.size());
		}
		finally {
			plans.forEach(PartitionPlan::close);
		}
		return RepeatStatus.FINISHED;
	}

	/**
	 * Says why a partition's lines are all mapped where a memo was expected: on a next
	 * night, a memo that is not there means the folder was not kept since (a volume not
	 * mounted), which only an operator can see to.
	 */
	private void unheld(StepExecution stepExecution, LineMemo memo, List<Integer> targets) {
		if (memo.held()) {
			return;
		}
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

	/** Every row read, parsed and mapped. */
	private long planRows(StepExecution stepExecution, ItemStreamReader<SourceRow> source,
			List<NightPlanner<?>> planners, List<Integer> indexes) throws Exception {
		ItemStreamReader<SourceRow> reader = this.columns.partition(source);
		// from the partition's start, whatever an earlier attempt read
		reader.open(new ExecutionContext());
		long rows = 0;
		try {
			SourceRow row;
			while ((row = reader.read()) != null) {
				map(row, planners, indexes);
				if (++rows % 10_000 == 0) {
					stopping(stepExecution);
				}
			}
			version(reader, stepExecution);
		}
		finally {
			reader.close();
		}
		return rows;
	}

	/**
	 * The partition's lines, each known by its keyed hash: those last night's memo holds
	 * are planned from it (unparsed, unmapped), the rest are read again, mapped and
	 * planned, and tonight's memo replaces last night's. The first chunk's lines are
	 * always mapped, so the columns are checked as they are on any night.
	 */
	private long planLines(StepExecution stepExecution, ExecutionContext partition, ItemStreamReader<SourceRow> first,
			List<NightPlanner<?>> planners, List<Integer> indexes, List<PartitionPlan> plans, LineMemo memo)
			throws Exception {
		KeyedHash hash = this.run.stores().hash();
		int firstChunk = this.run.spec().chunkSize();
		BitSet misses = null;
		long[] lines = new long[1];
		// the version of the extract the first pass read: the second refuses other bytes
		ExecutionContext planned = new ExecutionContext();
		if (memo.held()) {
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
						stopping(stepExecution);
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
					map(row, planners, indexes);
				}
				if (++read[0] % 10_000 == 0) {
					stopping(stepExecution);
				}
			});
			checked.add(null);
			version(reader, stepExecution);
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

	private void map(SourceRow row, List<NightPlanner<?>> planners, List<Integer> indexes) {
		for (int i = 0; i < planners.size(); i++) {
			planners.get(i).add(this.run.destinations().get(indexes.get(i)).mapper().map(row));
		}
	}

	private static void stopping(StepExecution stepExecution) throws JobInterruptedException {
		if (stepExecution.isTerminateOnly()) {
			throw new JobInterruptedException("stopped while planning " + stepExecution.getStepName());
		}
	}

	/** The version of the extract planned: its delivery refuses other bytes. */
	private static void version(ItemStreamReader<SourceRow> reader, StepExecution stepExecution) {
		ExecutionContext read = new ExecutionContext();
		reader.update(read);
		String version = ExtractReader.versionKey(Names.READER);
		if (read.containsKey(version)) {
			stepExecution.getExecutionContext().putString(version, read.getString(version));
		}
	}

	/**
	 * The partition's line memo, where nights keep them and its lines can be planned from
	 * one: no destination mirrors (a mirror's records carry sealed key fields) and no
	 * field is encrypted (its cipher's key is not part of what the memo knows).
	 */
	private LineMemo memo(String part, int destinations) {
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
		return this.run.stores().nights().lineMemo(name, hash.of("line-memo", function.toString()), destinations);
	}

	/**
	 * What the program is, so a new build (a mapping or a vendor's request changed) reads
	 * no memo of an older one: its version and a digest of its jar's entries (their
	 * names, sizes and CRCs, from the jar's directory: no class is read). Made once.
	 */
	private static final class Program {

		static final String IT = describe();

		private static String describe() {
			String version = PlanPartitionStep.class.getPackage().getImplementationVersion();
			String location = String
				.valueOf(PlanPartitionStep.class.getProtectionDomain().getCodeSource().getLocation());
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

	private <R> NightPlanner<R> planner(Endpoint<R> endpoint, PartitionPlan plan, boolean mirror) {
		return new NightPlanner<>(endpoint, this.run.stores(), plan, this.run.spec().chunkSize(),
				this.run.spec().name(), mirror);
	}

}
