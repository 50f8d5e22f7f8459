package com.audiencesync.source;

import java.util.Optional;

import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.partition.PartitionNameProvider;
import org.springframework.batch.core.partition.Partitioner;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStreamReader;

/**
 * One run's source: how it splits into partitions and how a partition is read. A
 * partition's execution context (from {@link #partition(int)}) is all its reader needs,
 * so partitions can run on other threads or, later, other machines.
 */
public interface Source extends Partitioner, PartitionNameProvider, StepExecutionListener {

	/**
	 * A fresh reader for one partition, positioned by the {@code open} of its execution
	 * context.
	 */
	ItemStreamReader<SourceRow> reader(ExecutionContext partition);

	/**
	 * The context a partition starts from. Spring Batch gives a partition that first runs
	 * on a restart an empty context; the worker then takes this one.
	 */
	Optional<ExecutionContext> initialContext(String partition);

	/**
	 * Completes a partition's context with what its {@link #initialContext} has and it
	 * lacks: one that first runs on a restart or a remote worker has none of it, and one
	 * whose process was killed as it started may hold Spring Batch's own keys only. What
	 * the partition saved (its position) is kept.
	 */
	default void complete(String partition, ExecutionContext context) {
		initialContext(partition).ifPresent((initial) -> initial.entrySet().forEach((entry) -> {
			if (!context.containsKey(entry.getKey())) {
				context.put(entry.getKey(), entry.getValue());
			}
		}));
	}

	/**
	 * Whether what a planned night's delivery reads at a place can differ from what its
	 * plan read there: a table's rows change while it is read again, an extract's bytes
	 * cannot (a changed extract is refused).
	 */
	default boolean placesMayMove() {
		return false;
	}

	/** What the source reads, for messages, e.g. the folder. */
	String describe();

	/**
	 * Checks, before anything of a run is recorded, that the source can be read at all:
	 * its folder or file exists, its bucket answers, its warehouse connects. Whether
	 * there is anything in it is {@code on-empty}'s business, decided by the run.
	 * @throws SourceUnavailableException saying what is missing and what to set
	 */
	default void check() {
	}

	/**
	 * A reader, not yet open, of what the run would read first, as the source is now (the
	 * first extract of a folder or prefix; the table or query), for the checks made
	 * before anything of a run is recorded: the columns the mapping reads are there.
	 * Empty when the source cannot tell before it is planned, or holds nothing yet (the
	 * run then says so as it does).
	 */
	default Optional<ItemStreamReader<SourceRow>> first() {
		return Optional.empty();
	}

}
