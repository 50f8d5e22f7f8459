package com.audiencesync.batch.reports;

import java.util.List;

import com.audiencesync.delivery.DeliveryCounts;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.observation.ObservationRegistry;

import org.springframework.batch.core.listener.ChunkListener;
import org.springframework.batch.core.listener.JobExecutionListener;
import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * The run's row meters (Micrometer), the names the dashboard ({@code k8s/dashboard.json})
 * and docs/operations/metrics-and-alerts.md use, and where Spring Batch's own
 * observations go. Counted as work commits: a chunk that fails counts nothing, its
 * restart counts it once. The requests to vendors and their retries are metered where
 * they are sent ({@link com.audiencesync.destination.RequestMeters}).
 */
@Component
public class RunMeters {

	/** Rows read from the source: tag {@code sync}. */
	static final String ROWS_READ = "audience.sync.rows.read";

	/**
	 * Rows by what became of them: tags {@code sync}, {@code destination}
	 * ({@code vendor/endpoint}), {@code outcome} (delivered, rejected, unchanged,
	 * skipped, deferred).
	 */
	static final String ROWS = "audience.sync.rows";

	private final MeterRegistry registry;

	private final ObservationRegistry observations;

	private final JobErrors errors = new JobErrors();

	public RunMeters(MeterRegistry registry, ObjectProvider<ObservationRegistry> observations) {
		this.registry = registry;
		this.observations = observations.getIfAvailable(() -> ObservationRegistry.NOOP);
		if (!this.observations.isNoop()) {
			this.observations.observationConfig().observationFilter(this.errors);
		}
	}

	/**
	 * A job's listener that lets its {@code spring.batch.job} observation's {@code error}
	 * tag say what ended it ({@link JobErrors}).
	 */
	public JobExecutionListener errors() {
		return this.errors;
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
					rows(sync, destination, "deferred", now.deferred() - then.deferred());
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

	/** What the row counters read: a partition's writers. */
	@FunctionalInterface
	public interface Counted {

		List<DeliveryCounts> counts();

	}

}
