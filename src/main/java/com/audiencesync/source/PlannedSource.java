package com.audiencesync.source;

import java.io.Serializable;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;

import com.audiencesync.names.Names;

import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.ExecutionContext;

/**
 * A source that plans its partitions once per run (the files in a folder, the key ranges
 * of a table) and keeps the plan in the manager step's execution context: a restart
 * re-runs exactly the partitions of the first attempt, whatever arrived or left since,
 * and a partition that first runs on a restart gets its context from the kept plan.
 *
 * @param <P> the plan, as kept in the execution context: JDK types only (strings,
 * numbers, lists, maps), since it is read back by later versions of this code
 */
public abstract class PlannedSource<P extends Serializable> implements Source {

	private final JobRepository jobRepository;

	private final String planKey;

	private StepExecution manager;

	/**
	 * @param jobRepository saves the plan as soon as it is made (null: nothing is kept,
	 * as in previews)
	 * @param planKey the manager step context key of the plan: a persisted name
	 */
	protected PlannedSource(JobRepository jobRepository, String planKey) {
		this.jobRepository = jobRepository;
		this.planKey = planKey;
	}

	/**
	 * What the run reads, decided now; fails (or is empty, per {@code on-empty}) when
	 * there is nothing.
	 * @param gridSize the partitions wanted, for sources that split by size
	 */
	protected abstract P plan(int gridSize);

	/** The partitions of a plan, by partition name, in order. */
	protected abstract Map<String, ExecutionContext> partitions(P plan);

	@Override
	public void beforeStep(StepExecution stepExecution) {
		this.manager = stepExecution;
		if (this.jobRepository != null && stepExecution.getExecutionContext().get(this.planKey) == null
				&& !Names.PLAN_STEP.equals(stepExecution.getStepName())) {
			// a planned night delivers exactly the partitions it planned, whatever
			// arrived
			// since: the plan step's, of this execution or an earlier one of the run
			StepExecution planned = this.jobRepository
				.getLastStepExecution(stepExecution.getJobExecution().getJobInstance(), Names.PLAN_STEP);
			Object kept = (planned != null) ? planned.getExecutionContext().get(this.planKey) : null;
			if (kept != null) {
				stepExecution.getExecutionContext().put(this.planKey, kept);
				this.jobRepository.updateExecutionContext(stepExecution);
			}
		}
	}

	/**
	 * The partitions of a step's first run: of the run's plan step where the night was
	 * planned (what {@link #beforeStep} took, in this execution or an earlier one),
	 * otherwise planned now.
	 */
	@Override
	public Map<String, ExecutionContext> partition(int gridSize) {
		Map<String, ExecutionContext> partitions = partitions(kept(gridSize));
		partitions.forEach(this::planned);
		return partitions;
	}

	@Override
	public Collection<String> getPartitionNames(int gridSize) {
		return partitions(kept(gridSize)).keySet();
	}

	@Override
	public Optional<ExecutionContext> initialContext(String partition) {
		ExecutionContext context = partitions(kept(0)).get(partition);
		if (context != null) {
			planned(partition, context);
		}
		return Optional.ofNullable(context);
	}

	/**
	 * On a planned night, each partition's delivery starts knowing the version of the
	 * extract its plan read ({@link ExtractReader#VERSION}): its places are of those
	 * bytes, so other ones are refused.
	 */
	private void planned(String partition, ExecutionContext context) {
		String key = ExtractReader.versionKey(Names.READER);
		if (this.jobRepository == null || this.manager == null || Names.PLAN_STEP.equals(this.manager.getStepName())
				|| context.containsKey(key)) {
			return;
		}
		StepExecution plan = this.jobRepository.getLastStepExecution(this.manager.getJobExecution().getJobInstance(),
				Names.PLAN_STEP + ":" + partition);
		if (plan != null && plan.getExecutionContext().containsKey(key)) {
			context.putString(key, plan.getExecutionContext().getString(key));
		}
	}

	/**
	 * The plan of this run: the one kept by its first attempt or, when that attempt
	 * failed before planning (the folder was missing), a fresh one, kept from now on.
	 */
	@SuppressWarnings("unchecked")
	private P kept(int gridSize) {
		Object kept = (this.manager != null) ? this.manager.getExecutionContext().get(this.planKey) : null;
		return (kept != null) ? (P) kept : keep(plan(gridSize));
	}

	private P keep(P plan) {
		if (this.manager != null && this.jobRepository != null) {
			this.manager.getExecutionContext().put(this.planKey, plan);
			this.jobRepository.updateExecutionContext(this.manager);
		}
		return plan;
	}

}
