package com.audiencesync.batch.remote;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import com.audiencesync.batch.jobs.ChunkBoundary;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A worker asked to stop (SIGTERM: a rollout, a drain) stops its partitions at a chunk
 * boundary: each one's thread waits between two chunks ({@link ChunkBoundary}), the last
 * committed and the next not begun, and the process then exits. The partitions stay
 * STARTED, their messages unacknowledged, so RabbitMQ hands them to another worker, which
 * goes on from their last committed chunk and sends no row twice. Spring Batch's own
 * graceful stop is not used: it would end the partitions STOPPED, and the run with them,
 * and a remote worker can hang in it (spring-batch#4431).
 */
public final class WorkerShutdown {

	private static final Logger log = LoggerFactory.getLogger(WorkerShutdown.class);

	private final Set<Thread> running = ConcurrentHashMap.newKeySet();

	private final Set<Thread> parked = ConcurrentHashMap.newKeySet();

	private volatile boolean draining;

	/**
	 * Stops taking partitions and waits, at most {@code grace}, for every running one to
	 * reach a chunk boundary or its end.
	 * @return how many partitions were stopped at a chunk boundary, or -1 if one did not
	 * reach one in time
	 */
	public int drain(Duration grace) {
		this.draining = true;
		long deadline = System.nanoTime() + grace.toNanos();
		while (!this.parked.containsAll(this.running)) {
			if (System.nanoTime() > deadline) {
				return -1;
			}
			try {
				TimeUnit.MILLISECONDS.sleep(20);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return -1;
			}
		}
		return this.parked.size();
	}

	boolean draining() {
		return this.draining;
	}

	/** Runs a partition on this thread, to be stopped at a chunk boundary. */
	void run(Runnable partition) {
		this.running.add(Thread.currentThread());
		ChunkBoundary.onThisThread(() -> {
			if (this.draining) {
				park();
			}
		});
		try {
			partition.run();
		}
		finally {
			ChunkBoundary.onThisThread(null);
			this.running.remove(Thread.currentThread());
		}
	}

	/**
	 * This thread waits for the process to exit: its chunk's transaction is never
	 * committed, and its message is left to the next worker.
	 */
	void park() {
		log.info("stopping at a chunk boundary: this partition's message goes back to the queue, for another worker "
				+ "to go on from its last committed chunk");
		this.parked.add(Thread.currentThread());
		while (true) {
			try {
				TimeUnit.HOURS.sleep(1);
			}
			catch (InterruptedException ex) {
				// only the process's exit ends this wait
			}
		}
	}

}
