package com.audiencesync.delivery;

import java.util.concurrent.atomic.AtomicLongArray;

import org.springframework.batch.infrastructure.item.ExecutionContext;

/**
 * A writer's live counters, updated from the threads that send its requests, saved as
 * {@link DeliveryCounts}.
 */
final class Tally {

	/** The counters, in the order of {@code Names.WRITER_COUNTERS}. */
	enum Counter {

		SEEN, DELIVERED, REJECTED, REQUESTS, CONFLICTS, CHAINS, SKIPPED, UNCHANGED, POINTS, POINTS_UNCHANGED, DEFERRED

	}

	private final String destination;

	private final AtomicLongArray values = new AtomicLongArray(Counter.values().length);

	Tally(String destination) {
		this.destination = destination;
	}

	void add(Counter counter, long delta) {
		this.values.addAndGet(counter.ordinal(), delta);
	}

	/** Takes up the counts saved in the context (zeros on a first run). */
	void open(ExecutionContext context) {
		long[] saved = DeliveryCounts.read(context, this.destination).values();
		for (int i = 0; i < saved.length; i++) {
			this.values.set(i, saved[i]);
		}
	}

	void update(ExecutionContext context) {
		snapshot().write(context);
	}

	DeliveryCounts snapshot() {
		return new DeliveryCounts(this.destination, get(Counter.SEEN), get(Counter.DELIVERED), get(Counter.REJECTED),
				get(Counter.REQUESTS), get(Counter.CONFLICTS), get(Counter.CHAINS), get(Counter.SKIPPED),
				get(Counter.UNCHANGED), get(Counter.POINTS), get(Counter.POINTS_UNCHANGED), get(Counter.DEFERRED));
	}

	private long get(Counter counter) {
		return this.values.get(counter.ordinal());
	}

}
