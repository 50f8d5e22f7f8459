package com.audiencesync.destination;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

import com.audiencesync.batch.Names;
import com.audiencesync.destination.DeliveryException.Kind;
import com.audiencesync.destination.DeliveryOutcome.Delivered;
import com.audiencesync.destination.DeliveryOutcome.Fatal;
import com.audiencesync.destination.DeliveryOutcome.Rejected;
import com.audiencesync.destination.DeliveryOutcome.Throttled;
import com.audiencesync.destination.DeliveryOutcome.TooLarge;
import com.audiencesync.destination.DeliveryOutcome.Unavailable;
import com.audiencesync.state.RejectedRow;
import com.audiencesync.state.RejectedRows;
import com.audiencesync.transform.Transformed;
import com.audiencesync.transform.Transformed.Accepted;
import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStreamWriter;

/**
 * The only ItemWriter: records the chunk's rejected rows, groups the rest into requests
 * within the endpoint's limit and handles every outcome itself. A request the vendor
 * rejects as a whole is split in halves until the bad rows stand alone; they are recorded
 * with the vendor's reason and the others are delivered. Spring Batch's skip is never
 * used: its chunk scanning would send good rows twice.
 *
 * @param <R> the endpoint's request row
 */
public final class DeliveryWriter<R> implements ItemStreamWriter<Transformed> {

	/** Execution-context keys of the counters; a persisted contract. */
	public static final String SEEN = Names.WRITER + ".seen";

	public static final String DELIVERED = Names.WRITER + ".delivered";

	public static final String REJECTED = Names.WRITER + ".rejected";

	public static final String REQUESTS = Names.WRITER + ".requests";

	public static final String CONFLICTS = Names.WRITER + ".conflicts";

	public static final String CHAINS = Names.WRITER + ".chains";

	private final Endpoint<R> endpoint;

	private final int batchSize;

	private final DeliveryRetry retry;

	private final RejectedRows rejectedRows;

	private final DeliveryRun run;

	private final Context context;

	private final AtomicLong seen = new AtomicLong();

	private final AtomicLong delivered = new AtomicLong();

	private final AtomicLong rejected = new AtomicLong();

	private final AtomicLong requests = new AtomicLong();

	private final AtomicLong conflicts = new AtomicLong();

	private final AtomicLong chains = new AtomicLong();

	/**
	 * Where the rows of this writer come from, for the rejected-rows table.
	 *
	 * @param jobExecutionId the execution
	 * @param jobName the job
	 * @param runKey the run's identity (business date)
	 * @param partition the partition name
	 */
	public record Context(long jobExecutionId, String jobName, String runKey, String partition) {
	}

	public DeliveryWriter(Endpoint<R> endpoint, int batchSize, DeliveryRetry retry, RejectedRows rejectedRows,
			DeliveryRun run, Context context) {
		this.endpoint = endpoint;
		this.batchSize = Math.min(batchSize, endpoint.descriptor().maxBatchSize());
		this.retry = retry;
		this.rejectedRows = rejectedRows;
		this.run = run;
		this.context = context;
	}

	@Override
	public void open(ExecutionContext executionContext) {
		this.seen.set(executionContext.getLong(SEEN, 0));
		this.delivered.set(executionContext.getLong(DELIVERED, 0));
		this.rejected.set(executionContext.getLong(REJECTED, 0));
		this.requests.set(executionContext.getLong(REQUESTS, 0));
		this.conflicts.set(executionContext.getLong(CONFLICTS, 0));
		this.chains.set(executionContext.getLong(CHAINS, 0));
	}

	@Override
	public void update(ExecutionContext executionContext) {
		executionContext.putLong(SEEN, this.seen.get());
		executionContext.putLong(DELIVERED, this.delivered.get());
		executionContext.putLong(REJECTED, this.rejected.get());
		executionContext.putLong(REQUESTS, this.requests.get());
		executionContext.putLong(CONFLICTS, this.conflicts.get());
		executionContext.putLong(CHAINS, this.chains.get());
	}

	@Override
	public void write(Chunk<? extends Transformed> chunk) {
		this.run.checkNotFatal();
		List<RejectedRow> refused = new ArrayList<>();
		List<Pending<R>> pending = new ArrayList<>();
		for (Transformed item : chunk) {
			this.seen.incrementAndGet();
			if (item instanceof Accepted accepted) {
				pending.add(new Pending<>(accepted, this.endpoint.toRequest(accepted)));
			}
			else if (item instanceof Transformed.Rejected rejection) {
				refused.add(row(rejection.origin().source(), rejection.origin().position(), "TRANSFORM",
						rejection.reasonCode(), rejection.message(), rejection.masked()));
			}
		}
		List<Pending<R>> batch = new ArrayList<>();
		Set<String> linked = new HashSet<>();
		for (Pending<R> row : pending) {
			Optional<Endpoint.Link> link = this.endpoint.link(row.request());
			if (link.isPresent() && this.run.chained(link.get(), row.accepted().origin().where())) {
				this.chains.incrementAndGet();
				if (this.run.rejectsChains()) {
					refused.add(row(row.accepted().origin().source(), row.accepted().origin().position(), "TRANSFORM",
							"CHAIN",
							"merges into or from a user merged earlier in this run (destination.chains: reject)",
							row.accepted().masked()));
					continue;
				}
			}
			// a row that shares a user with one already in the batch goes in a later
			// request, after it
			boolean dependent = link.isPresent()
					&& (linked.contains(link.get().from()) || linked.contains(link.get().to()));
			if (batch.size() == this.batchSize || dependent) {
				deliver(batch, refused);
				batch = new ArrayList<>();
				linked.clear();
			}
			batch.add(row);
			link.ifPresent((l) -> {
				linked.add(l.from());
				linked.add(l.to());
			});
		}
		if (!batch.isEmpty()) {
			deliver(batch, refused);
		}
		this.rejectedRows.record(refused);
		this.rejected.addAndGet(refused.size());
		this.run.rejected(refused.size());
	}

	private void deliver(List<Pending<R>> batch, List<RejectedRow> refused) {
		List<R> requestRows = batch.stream().map(Pending::request).toList();
		DeliveryOutcome outcome = this.retry.send(() -> {
			this.requests.incrementAndGet();
			return this.endpoint.send(requestRows);
		});
		outcome.accept(new DeliveryOutcome.Handler<Void>() {

			@Override
			public Void delivered(Delivered outcome) {
				DeliveryWriter.this.delivered.addAndGet(batch.size());
				for (Pending<R> row : batch) {
					DeliveryWriter.this.endpoint.upsertKey(row.request())
						.filter((key) -> DeliveryWriter.this.run.delivered(key, row.accepted().origin().where()))
						.ifPresent((key) -> DeliveryWriter.this.conflicts.incrementAndGet());
				}
				return null;
			}

			@Override
			public Void rejected(Rejected outcome) {
				splitOrRefuse(batch, refused, outcome.code(), outcome.message());
				return null;
			}

			@Override
			public Void tooLarge(TooLarge outcome) {
				splitOrRefuse(batch, refused, outcome.code(), outcome.message());
				return null;
			}

			@Override
			public Void throttled(Throttled outcome) {
				throw exhausted("still throttled", outcome.detail());
			}

			@Override
			public Void unavailable(Unavailable outcome) {
				throw exhausted("unavailable", outcome.detail());
			}

			@Override
			public Void fatal(Fatal outcome) {
				DeliveryWriter.this.run.fatal(outcome.detail());
				throw new DeliveryException(Kind.FATAL, endpointId() + ": " + outcome.detail());
			}

		});
	}

	private DeliveryException exhausted(String what, String detail) {
		return new DeliveryException(Kind.UNAVAILABLE, endpointId() + " " + what + " after every retry (" + detail
				+ "): the step failed; run the same date again to resume from the last committed chunk");
	}

	private String endpointId() {
		return this.endpoint.descriptor().id();
	}

	private void splitOrRefuse(List<Pending<R>> batch, List<RejectedRow> refused, String code, String message) {
		if (batch.size() == 1) {
			Accepted row = batch.get(0).accepted();
			refused.add(row(row.origin().source(), row.origin().position(), "VENDOR",
					this.endpoint.descriptor().vendor() + ":" + code, message, row.masked()));
			return;
		}
		int half = batch.size() / 2;
		deliver(batch.subList(0, half), refused);
		deliver(batch.subList(half, batch.size()), refused);
	}

	private RejectedRow row(String source, long position, String stage, String code, String message, String masked) {
		return new RejectedRow(this.context.jobExecutionId(), this.context.jobName(), this.context.runKey(),
				this.context.partition(), source, position, this.endpoint.descriptor().id(), stage, code, message,
				masked);
	}

	private record Pending<R>(Accepted accepted, R request) {
	}

}
