package com.audiencesync.source;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.audiencesync.batch.Names;

import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.ExecutionContext;

/**
 * A source that lists its extracts (files in a folder, objects under a prefix), one
 * partition each. The list is taken once per run and kept in the manager step's execution
 * context: a restart re-runs exactly the partitions of the first attempt, whatever
 * arrived or left since.
 */
public abstract class ListedSource implements Source {

	/** Manager step context: the run's extracts, one a line. A persisted name. */
	protected static final String ITEMS_KEY = "source.files";

	/** Partition context: the extract (a path, an object key). A persisted name. */
	public static final String ITEM_KEY = "source.file";

	/** Partition context: the extract's name in reports. A persisted name. */
	public static final String DISPLAY_KEY = "source.display";

	private final JobRepository jobRepository;

	private StepExecution manager;

	/**
	 * @param jobRepository saves the list as soon as it is taken (null: nothing is kept,
	 * as in previews)
	 */
	protected ListedSource(JobRepository jobRepository) {
		this.jobRepository = jobRepository;
	}

	/**
	 * The extracts to read now, in order; fails (or is empty, per {@code on-empty}) when
	 * there are none.
	 */
	protected abstract List<String> list();

	/**
	 * An extract's name in reports and partition names, e.g. its path below the folder or
	 * prefix.
	 */
	protected abstract String display(String item);

	@Override
	public void beforeStep(StepExecution stepExecution) {
		this.manager = stepExecution;
	}

	@Override
	public Map<String, ExecutionContext> partition(int gridSize) {
		return contexts(keep(list()));
	}

	@Override
	public Collection<String> getPartitionNames(int gridSize) {
		return contexts(kept()).keySet();
	}

	@Override
	public Optional<ExecutionContext> initialContext(String partition) {
		return Optional.ofNullable(contexts(kept()).get(partition));
	}

	/**
	 * The list of this run: the one kept by its first attempt or, when that attempt
	 * failed before listing (the folder was missing), a fresh one, kept from now on.
	 */
	private List<String> kept() {
		String kept = (this.manager != null) ? this.manager.getExecutionContext().getString(ITEMS_KEY, null) : null;
		if (kept == null) {
			return keep(list());
		}
		return kept.isEmpty() ? List.of() : List.of(kept.split("\n"));
	}

	private List<String> keep(List<String> items) {
		if (this.manager != null && this.jobRepository != null) {
			this.manager.getExecutionContext().put(ITEMS_KEY, String.join("\n", items));
			this.jobRepository.updateExecutionContext(this.manager);
		}
		return items;
	}

	private Map<String, ExecutionContext> contexts(List<String> items) {
		Map<String, ExecutionContext> partitions = new LinkedHashMap<>();
		for (String item : items) {
			ExecutionContext context = new ExecutionContext();
			context.putString(ITEM_KEY, item);
			context.putString(DISPLAY_KEY, display(item));
			partitions.put(Names.partition(display(item)), context);
		}
		return partitions;
	}

}
