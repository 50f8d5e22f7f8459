package com.audiencesync.batch.jobs;

import org.springframework.batch.core.partition.PartitionHandler;
import org.springframework.batch.core.step.Step;

/**
 * How a run's manager step hands its partitions to workers. The default runs them on
 * threads of this process ({@link LocalPartitionHandlerFactory}); a bean of this type
 * replaces it, e.g. with spring-batch-integration's remote partitioning.
 */
public interface PartitionHandlerFactory {

	/**
	 * A handler for one run's manager step.
	 * @param worker the step each partition runs
	 * @param gridSize the partitions the source is asked for
	 * @param concurrency the partitions that may run at once
	 */
	PartitionHandler create(Step worker, int gridSize, int concurrency);

}
