package com.audiencesync.destination;

import java.time.Duration;
import java.util.Locale;
import java.util.function.Supplier;
import java.util.stream.Stream;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * The meters of the requests to vendors (Micrometer), the same for every vendor: each
 * request timed and counted by outcome where it is sent ({@link #metered(Endpoint)}), and
 * each retry counted by its reason. The dashboard ({@code k8s/dashboard.json}) and the
 * alerts use these names.
 */
public final class RequestMeters {

	/**
	 * Requests to vendors, timed (rate-limit waits included): tags {@code sync} (the job
	 * sending), {@code vendor}, {@code endpoint}, {@code outcome} (delivered, rejected,
	 * too_large, throttled, unavailable, fatal).
	 */
	public static final String REQUESTS = "audience.sync.requests";

	/**
	 * Requests sent again: tags {@code sync}, {@code vendor}, {@code endpoint},
	 * {@code reason}.
	 */
	public static final String RETRIES = "audience.sync.retries";

	/** Histogram buckets of request times: a dozen, not a percentile histogram's 70. */
	private static final Duration[] LATENCY_BUCKETS = Stream
		.of(5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000, 10000, 30000)
		.map(Duration::ofMillis)
		.toArray(Duration[]::new);

	private final MeterRegistry registry;

	public RequestMeters(MeterRegistry registry) {
		this.registry = registry;
	}

	/**
	 * The endpoint with each of its requests timed and counted by outcome, tagged with
	 * the job sending (a worker sends for any).
	 */
	public <R> Endpoint<R> metered(Endpoint<R> endpoint, String sync) {
		return new MeteredEndpoint<>(endpoint, this, sync);
	}

	/** Counts the retries of a vendor's endpoint for a job. */
	public DeliveryRetry.Listener retries(String sync, String vendor, String endpoint) {
		return (outcome, wait) -> this.registry
			.counter(RETRIES, "sync", sync, "vendor", vendor, "endpoint", endpoint, "reason", name(outcome))
			.increment();
	}

	/** Times one request and counts its outcome. */
	DeliveryOutcome timed(String sync, EndpointDescriptor endpoint, Supplier<DeliveryOutcome> request) {
		long start = System.nanoTime();
		DeliveryOutcome outcome = request.get();
		Timer.builder(REQUESTS)
			.tags("sync", sync, "vendor", endpoint.vendor(), "endpoint", endpoint.endpoint(), "outcome", name(outcome))
			.serviceLevelObjectives(LATENCY_BUCKETS)
			.register(this.registry)
			.record(Duration.ofNanos(System.nanoTime() - start));
		return outcome;
	}

	/** An outcome's name in tags: {@code delivered}, {@code too_large}. */
	static String name(DeliveryOutcome outcome) {
		return outcome.getClass().getSimpleName().replaceAll("([a-z])([A-Z])", "$1_$2").toLowerCase(Locale.ROOT);
	}

}
