package com.audiencesync.batch.jobs;

import java.util.ArrayList;
import java.util.List;

import com.audiencesync.delivery.NightPlanner;
import com.audiencesync.destination.Endpoint;
import com.audiencesync.names.Names;
import com.audiencesync.source.EachLine;
import com.audiencesync.source.ExtractReader;
import com.audiencesync.source.Source;
import com.audiencesync.source.SourceRow;
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
			LinePlan lines = new LinePlan(this.run, this.source, this.planned, this.columns);
			LineMemo memo = lines.memo(part);
			ItemStreamReader<SourceRow> reader = this.source.reader(partition);
			long rows = 0;
			if (memo != null && reader instanceof EachLine) {
				try (memo) {
					rows = lines.plan(stepExecution, partition, reader, planners, plans, targets, memo,
							(row) -> map(row, planners, indexes));
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

	private void map(SourceRow row, List<NightPlanner<?>> planners, List<Integer> indexes) {
		for (int i = 0; i < planners.size(); i++) {
			planners.get(i).add(this.run.destinations().get(indexes.get(i)).mapper().map(row));
		}
	}

	static void stopping(StepExecution stepExecution) throws JobInterruptedException {
		if (stepExecution.isTerminateOnly()) {
			throw new JobInterruptedException("stopped while planning " + stepExecution.getStepName());
		}
	}

	/** The version of the extract planned: its delivery refuses other bytes. */
	static void version(ItemStreamReader<SourceRow> reader, StepExecution stepExecution) {
		ExecutionContext read = new ExecutionContext();
		reader.update(read);
		String version = ExtractReader.versionKey(Names.READER);
		if (read.containsKey(version)) {
			stepExecution.getExecutionContext().putString(version, read.getString(version));
		}
	}

	private <R> NightPlanner<R> planner(Endpoint<R> endpoint, PartitionPlan plan, boolean mirror) {
		return new NightPlanner<>(endpoint, this.run.stores(), plan, this.run.spec().chunkSize(),
				this.run.spec().name(), mirror);
	}

}
