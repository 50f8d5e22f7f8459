package com.audiencesync.destination;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import com.audiencesync.names.Names;
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

	public static final String SKIPPED = Names.WRITER + ".skipped";

	private final String prefix;

	private final RequestPool pool;

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

	private final AtomicLong skipped = new AtomicLong();

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
		this(endpoint, batchSize, retry, rejectedRows, run, context, Names.WRITER, RequestPool.SEQUENTIAL);
	}

	/**
	 * @param endpoint the endpoint
	 * @param batchSize rows per request, at most the endpoint's limit
	 * @param retry how throttled and unavailable answers are retried
	 * @param rejectedRows where rejected rows are recorded
	 * @param run what the partitions of the execution share
	 * @param context where the rows come from
	 * @param prefix the execution-context prefix of the counters: {@code writer}, or
	 * {@code writer[vendor/endpoint]} when a spec has several destinations
	 * @param pool the threads requests are sent on (several at once for vendors without a
	 * bulk endpoint)
	 */
	public DeliveryWriter(Endpoint<R> endpoint, int batchSize, DeliveryRetry retry, RejectedRows rejectedRows,
			DeliveryRun run, Context context, String prefix, RequestPool pool) {
		this.prefix = prefix;
		this.pool = pool;
		this.endpoint = endpoint;
		this.batchSize = Math.min(batchSize, endpoint.descriptor().maxBatchSize());
		this.retry = retry;
		this.rejectedRows = rejectedRows;
		this.run = run;
		this.context = context;
	}

	@Override
	public void open(ExecutionContext executionContext) {
		this.seen.set(executionContext.getLong(key(SEEN), 0));
		this.delivered.set(executionContext.getLong(key(DELIVERED), 0));
		this.rejected.set(executionContext.getLong(key(REJECTED), 0));
		this.requests.set(executionContext.getLong(key(REQUESTS), 0));
		this.conflicts.set(executionContext.getLong(key(CONFLICTS), 0));
		this.chains.set(executionContext.getLong(key(CHAINS), 0));
		this.skipped.set(executionContext.getLong(key(SKIPPED), 0));
	}

	@Override
	public void update(ExecutionContext executionContext) {
		executionContext.putLong(key(SEEN), this.seen.get());
		executionContext.putLong(key(DELIVERED), this.delivered.get());
		executionContext.putLong(key(REJECTED), this.rejected.get());
		executionContext.putLong(key(REQUESTS), this.requests.get());
		executionContext.putLong(key(CONFLICTS), this.conflicts.get());
		executionContext.putLong(key(CHAINS), this.chains.get());
		executionContext.putLong(key(SKIPPED), this.skipped.get());
	}

	/** A counter's key under this writer's prefix. */
	private String key(String counter) {
		return this.prefix + counter.substring(Names.WRITER.length());
	}

	@Override
	public void write(Chunk<? extends Transformed> chunk) {
		this.run.checkNotFatal();
		List<RejectedRow> refused = Collections.synchronizedList(new ArrayList<>());
		List<Pending<R>> pending = new ArrayList<>();
		for (Transformed item : chunk) {
			this.seen.incrementAndGet();
			if (item instanceof Transformed.Skipped) {
				this.skipped.incrementAndGet();
			}
			else if (item instanceof Accepted accepted) {
				pending.add(new Pending<>(accepted, this.endpoint.toRequest(accepted)));
			}
			else if (item instanceof Transformed.Rejected rejection) {
				refused.add(row(rejection.origin().source(), rejection.origin().position(), "TRANSFORM",
						rejection.reasonCode(), rejection.message(), rejection.masked()));
			}
		}
		List<List<Pending<R>>> batches = new ArrayList<>();
		List<Pending<R>> batch = new ArrayList<>();
		Set<String> linked = new HashSet<>();
		boolean ordered = false;
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
			ordered |= link.isPresent();
			if (batch.size() == this.batchSize || dependent) {
				batches.add(batch);
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
			batches.add(batch);
		}
		if (ordered) {
			// linked rows depend on the order of their requests
			batches.forEach((each) -> deliver(each, refused));
		}
		else {
			AtomicBoolean failed = new AtomicBoolean();
			this.pool.runAll(batches.stream().<Runnable>map((each) -> () -> {
				if (failed.get()) {
					// another request of the chunk failed: the chunk will roll back
					return;
				}
				try {
					this.run.checkNotFatal();
					deliver(each, refused);
				}
				catch (RuntimeException ex) {
					failed.set(true);
					throw ex;
				}
			}).toList());
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

	/**
	 * What one writer of a partition counted, as saved in its execution context.
	 *
	 * @param destination {@code vendor/endpoint} for one of several destinations, empty
	 * for a spec's only one
	 * @param seen rows given to the writer
	 * @param delivered rows the vendor accepted
	 * @param rejected rows rejected (bad source rows and vendor refusals)
	 * @param skipped rows the destination does not take ({@code when}, nothing to change)
	 * @param requests requests sent, retries and bisection included
	 * @param conflicts upsert keys sent with two identities
	 * @param chains rows linked to an earlier row's user
	 */
	public record Counts(String destination, long seen, long delivered, long rejected, long skipped, long requests,
			long conflicts, long chains) {

		/** The counters of every writer saved in a partition's context. */
		public static List<Counts> of(ExecutionContext context) {
			List<Counts> counts = new ArrayList<>();
			for (Map.Entry<String, Object> entry : context.entrySet()) {
				String key = entry.getKey();
				if (!key.startsWith(Names.WRITER) || !key.endsWith(SEEN.substring(Names.WRITER.length()))) {
					continue;
				}
				String prefix = key.substring(0, key.length() - SEEN.length() + Names.WRITER.length());
				String destination = (prefix.length() > Names.WRITER.length())
						? prefix.substring(Names.WRITER.length() + 1, prefix.length() - 1) : "";
				counts.add(new Counts(destination, context.getLong(key, 0), get(context, prefix, DELIVERED),
						get(context, prefix, REJECTED), get(context, prefix, SKIPPED), get(context, prefix, REQUESTS),
						get(context, prefix, CONFLICTS), get(context, prefix, CHAINS)));
			}
			counts.sort(Comparator.comparing(Counts::destination));
			return counts;
		}

		private static long get(ExecutionContext context, String prefix, String counter) {
			return context.getLong(prefix + counter.substring(Names.WRITER.length()), 0);
		}

	}

}
