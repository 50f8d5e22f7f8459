package com.audiencesync.source;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.audiencesync.names.Names;

import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.infrastructure.item.ExecutionContext;

/**
 * A source that lists its extracts (files in a folder, objects under a prefix), one
 * partition each. The list is its plan: taken once per run and kept, one extract a line.
 */
public abstract class ListedSource extends PlannedSource<String> {

	/**
	 * @param jobRepository saves the list as soon as it is taken (null: nothing is kept,
	 * as in previews)
	 */
	protected ListedSource(JobRepository jobRepository) {
		super(jobRepository, Names.SOURCE_FILES);
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
	protected String plan(int gridSize) {
		return String.join("\n", list());
	}

	@Override
	protected Map<String, ExecutionContext> partitions(String plan) {
		Map<String, ExecutionContext> partitions = new LinkedHashMap<>();
		for (String item : plan.isEmpty() ? List.<String>of() : List.of(plan.split("\n"))) {
			ExecutionContext context = new ExecutionContext();
			context.putString(Names.SOURCE_FILE, item);
			context.putString(Names.SOURCE_DISPLAY, display(item));
			partitions.put(Names.partition(display(item)), context);
		}
		return partitions;
	}

}
