package com.audiencesync.batch.jobs;

import org.springframework.batch.core.partition.PartitionHandler;
import org.springframework.batch.core.partition.support.TaskExecutorPartitionHandler;
import org.springframework.batch.core.step.Step;
import org.springframework.core.task.SimpleAsyncTaskExecutor;

/**
 * Partitions run on threads of this process, at most {@code concurrency} at once, each on
 * a thread of its own (named {@code partition-N}).
 */
public final class LocalPartitionHandlerFactory implements PartitionHandlerFactory {

	@Override
	public PartitionHandler create(Step worker, int gridSize, int concurrency) {
		SimpleAsyncTaskExecutor executor = new SimpleAsyncTaskExecutor("partition-");
		executor.setConcurrencyLimit(concurrency);
		TaskExecutorPartitionHandler handler = new TaskExecutorPartitionHandler();
		handler.setStep(worker);
		handler.setTaskExecutor(executor);
		handler.setGridSize(gridSize);
		try {
			handler.afterPropertiesSet();
		}
		catch (Exception ex) {
			throw new IllegalStateException("cannot build the partition handler: " + ex.getMessage(), ex);
		}
		return handler;
	}

}
