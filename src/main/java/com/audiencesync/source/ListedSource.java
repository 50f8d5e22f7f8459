package com.audiencesync.source;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.audiencesync.names.Names;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStreamReader;

/**
 * A source that lists its extracts (files in a folder, objects under a prefix), one
 * partition each. The list is its plan: taken once per run and kept, one extract a line.
 */
public abstract class ListedSource extends PlannedSource<String> {

	private static final Logger log = LoggerFactory.getLogger(ListedSource.class);

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

	/** Whether {@code source.on-empty: complete}: a run with no rows completes. */
	protected abstract boolean completesWhenEmpty();

	/**
	 * The list, once it is known that some extract holds a row: 0-byte files and CSVs of
	 * a header only are as empty as no file at all, for {@code on-empty}.
	 */
	@Override
	protected String plan(int gridSize) {
		List<String> items = list();
		if (!items.isEmpty() && !completesWhenEmpty() && items.stream().noneMatch(this::holdsARecord)) {
			throw new SourceReadException(((items.size() == 1) ? display(items.get(0)) + " holds"
					: "the " + items.size() + " extracts under " + describe() + " hold")
					+ " no rows (empty, or a header only): nothing to sync (source.on-empty: complete lets such a "
					+ "run complete)");
		}
		return String.join("\n", items);
	}

	/**
	 * A reader of the first extract listed now; empty when none is (the plan then fails
	 * or completes, per {@code on-empty}).
	 */
	@Override
	public Optional<ItemStreamReader<SourceRow>> first() {
		List<String> items;
		try {
			items = list();
		}
		catch (SourceUnavailableException ex) {
			throw ex;
		}
		catch (SourceReadException ex) {
			// nothing to list: the run's plan reports it
			return Optional.empty();
		}
		return items.isEmpty() ? Optional.empty() : Optional.of(reader(context(items.get(0))));
	}

	/** Whether the extract has a first record (a bad one counts: it is reported). */
	private boolean holdsARecord(String item) {
		ItemStreamReader<SourceRow> reader = reader(context(item));
		try {
			reader.open(new ExecutionContext());
			return reader.read() != null;
		}
		catch (Exception ex) {
			// unreadable: its partition says why
			return true;
		}
		finally {
			try {
				reader.close();
			}
			catch (RuntimeException ex) {
				log.debug("closing {} after a look: {}", display(item), ex.getMessage());
			}
		}
	}

	@Override
	protected Map<String, ExecutionContext> partitions(String plan) {
		Map<String, ExecutionContext> partitions = new LinkedHashMap<>();
		for (String item : plan.isEmpty() ? List.<String>of() : List.of(plan.split("\n"))) {
			partitions.put(Names.partition(display(item)), context(item));
		}
		return partitions;
	}

	/** The execution context of an extract's partition. */
	private ExecutionContext context(String item) {
		ExecutionContext context = new ExecutionContext();
		context.putString(Names.SOURCE_FILE, item);
		context.putString(Names.SOURCE_DISPLAY, display(item));
		return context;
	}

}
