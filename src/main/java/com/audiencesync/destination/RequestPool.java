package com.audiencesync.destination;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.slf4j.MDC;

/**
 * The threads that send one vendor's requests in a run: at most {@code size} requests in
 * flight, whatever the number of partitions, and no thread per request beyond that.
 * Vendors without a bulk endpoint (Hackle) get their throughput from it; with size 1 a
 * writer sends its requests one after another on its own thread.
 */
public final class RequestPool implements AutoCloseable {

	/** One request at a time, on the writer's thread. */
	public static final RequestPool SEQUENTIAL = new RequestPool(1, null);

	private final int size;

	private final ThreadPoolExecutor executor;

	private RequestPool(int size, ThreadPoolExecutor executor) {
		this.size = size;
		this.executor = executor;
	}

	/** A pool of {@code size} sender threads named after the vendor. */
	public static RequestPool of(String vendor, int size) {
		if (size <= 1) {
			return SEQUENTIAL;
		}
		AtomicInteger count = new AtomicInteger();
		ThreadPoolExecutor executor = new ThreadPoolExecutor(size, size, 30, TimeUnit.SECONDS,
				new LinkedBlockingQueue<>(), (task) -> {
					Thread thread = new Thread(task, vendor + "-send-" + count.incrementAndGet());
					thread.setDaemon(true);
					return thread;
				});
		executor.allowCoreThreadTimeOut(true);
		return new RequestPool(size, executor);
	}

	/** Requests in flight at most. */
	public int size() {
		return this.size;
	}

	/**
	 * Runs every task and returns once each has finished, so no request of a chunk is
	 * still in flight when the chunk commits or rolls back. The first failure is thrown
	 * after all have finished; a {@link DeliveryException} of kind FATAL wins over
	 * others.
	 */
	public void runAll(List<Runnable> tasks) {
		if (this.executor == null || tasks.size() <= 1) {
			tasks.forEach(Runnable::run);
			return;
		}
		List<Future<?>> futures = new ArrayList<>(tasks.size());
		// the sender threads' log lines name the partition's job, execution and partition
		Map<String, String> logContext = MDC.getCopyOfContextMap();
		for (Runnable task : tasks) {
			futures.add(this.executor.submit(() -> {
				if (logContext != null) {
					MDC.setContextMap(logContext);
				}
				try {
					task.run();
				}
				finally {
					MDC.clear();
				}
			}));
		}
		RuntimeException failure = null;
		boolean interrupted = false;
		for (Future<?> future : futures) {
			try {
				future.get();
			}
			catch (InterruptedException ex) {
				interrupted = true;
				future.cancel(true);
			}
			catch (ExecutionException ex) {
				RuntimeException cause = (ex.getCause() instanceof RuntimeException runtime) ? runtime
						: new IllegalStateException(ex.getCause());
				if (failure == null || (isFatal(cause) && !isFatal(failure))) {
					failure = cause;
				}
			}
		}
		if (interrupted) {
			Thread.currentThread().interrupt();
			throw new DeliveryException(DeliveryException.Kind.UNAVAILABLE,
					"interrupted while requests were in flight: the step stops; run the same date again to resume");
		}
		if (failure != null) {
			throw failure;
		}
	}

	private static boolean isFatal(RuntimeException ex) {
		return ex instanceof DeliveryException delivery && delivery.kind() == DeliveryException.Kind.FATAL;
	}

	@Override
	public void close() {
		if (this.executor != null) {
			this.executor.shutdownNow();
		}
	}

}
