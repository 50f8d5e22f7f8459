package com.audiencesync.batch.reports;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;
import java.util.stream.Stream;

import com.audiencesync.delivery.DeliveryCounts;
import com.audiencesync.destination.DeliveryOutcome;
import com.audiencesync.destination.DeliveryRetry;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.observation.ObservationRegistry;

import org.springframework.batch.core.listener.ChunkListener;
import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * The run's meters (Micrometer), the names the dashboard ({@code k8s/dashboard.json}) and
 * the README's Metrics section use. Counted as work commits: a chunk that fails counts
 * nothing, its restart counts it once.
 */
@Component
public class RunMeters {

	/** Rows read from the source: tag {@code sync}. */
	static final String ROWS_READ = "audience.sync.rows.read";

	/**
	 * Rows by what became of them: tags {@code sync}, {@code destination}
	 * ({@code vendor/endpoint}), {@code outcome} (delivered, rejected, unchanged,
	 * skipped).
	 */
	static final String ROWS = "audience.sync.rows";

	/**
	 * Requests to vendors, timed (rate-limit waits included): tags {@code vendor},
	 * {@code endpoint}, {@code outcome} (delivered, rejected, too_large, throttled,
	 * unavailable, fatal).
	 */
	public static final String REQUESTS = "audience.sync.requests";

	/** Requests sent again: tags {@code vendor}, {@code endpoint}, {@code reason}. */
	static final String RETRIES = "audience.sync.retries";

	/** Histogram buckets of request times: a dozen, not a percentile histogram's 70. */
	private static final Duration[] LATENCY_BUCKETS = Stream
		.of(5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000, 10000, 30000)
		.map(Duration::ofMillis)
		.toArray(Duration[]::new);

	private final MeterRegistry registry;

	private final ObservationRegistry observations;

	public RunMeters(MeterRegistry registry, ObjectProvider<ObservationRegistry> observations) {
		this.registry = registry;
		this.observations = observations.getIfAvailable(() -> ObservationRegistry.NOOP);
	}

	/** Where Spring Batch's own observations go ({@code spring.batch.*}). */
	public ObservationRegistry observations() {
		return this.observations;
	}

	/** A partition's row counters, moved by each chunk that commits. */
	public <I, O> ChunkListener<I, O> rows(String sync, List<String> destinations, Counted writer) {
		return new ChunkListener<>() {

			private List<DeliveryCounts> before;

			@Override
			public void beforeChunk(Chunk<I> chunk) {
				this.before = writer.counts();
			}

			@Override
			public void afterChunk(Chunk<O> chunk) {
				List<DeliveryCounts> after = writer.counts();
				for (int i = 0; i < after.size(); i++) {
					DeliveryCounts now = after.get(i);
					DeliveryCounts then = this.before.get(i);
					if (i == 0) {
						count(ROWS_READ, now.seen() - then.seen(), "sync", sync);
					}
					String destination = destinations.get(i);
					rows(sync, destination, "delivered", now.delivered() - then.delivered());
					rows(sync, destination, "rejected", now.rejected() - then.rejected());
					rows(sync, destination, "unchanged", now.unchanged() - then.unchanged());
					rows(sync, destination, "skipped", now.skipped() - then.skipped());
				}
			}

		};
	}

	private void rows(String sync, String destination, String outcome, long delta) {
		count(ROWS, delta, "sync", sync, "destination", destination, "outcome", outcome);
	}

	private void count(String name, long delta, String... tags) {
		if (delta > 0) {
			this.registry.counter(name, tags).increment(delta);
		}
	}

	/** Times one request and counts its outcome. */
	public DeliveryOutcome timed(String vendor, String endpoint, Supplier<DeliveryOutcome> request) {
		long start = System.nanoTime();
		DeliveryOutcome outcome = request.get();
		Timer.builder(REQUESTS)
			.tags("vendor", vendor, "endpoint", endpoint, "outcome", name(outcome))
			.serviceLevelObjectives(LATENCY_BUCKETS)
			.register(this.registry)
			.record(Duration.ofNanos(System.nanoTime() - start));
		return outcome;
	}

	/** Counts the retries of a vendor's endpoint. */
	public DeliveryRetry.Listener retries(String vendor, String endpoint) {
		return (outcome, wait) -> this.registry
			.counter(RETRIES, "vendor", vendor, "endpoint", endpoint, "reason", name(outcome))
			.increment();
	}

	/** An outcome's name in tags: {@code delivered}, {@code too_large}. */
	static String name(DeliveryOutcome outcome) {
		return outcome.getClass().getSimpleName().replaceAll("([a-z])([A-Z])", "$1_$2").toLowerCase(Locale.ROOT);
	}

	/** What the row counters read: a partition's writers. */
	@FunctionalInterface
	public interface Counted {

		List<DeliveryCounts> counts();

	}

}
