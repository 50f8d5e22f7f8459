package com.audiencesync.delivery;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import com.audiencesync.delivery.Tally.Counter;
import com.audiencesync.destination.DeliveryRetry;
import com.audiencesync.destination.Endpoint;
import com.audiencesync.destination.Endpoint.Link;
import com.audiencesync.destination.EndpointDescriptor;
import com.audiencesync.destination.RequestPool;
import com.audiencesync.names.Names;
import com.audiencesync.state.RejectedRow;
import com.audiencesync.state.RejectedRows;
import com.audiencesync.transform.Transformed;
import com.audiencesync.transform.Transformed.Accepted;

import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStreamWriter;

/**
 * The only ItemWriter: records the chunk's rejected rows, groups the rest into requests
 * within the endpoint's limit ({@link Batches}) and sends them ({@link BisectingSender}),
 * several at once on the run's request pool unless their order matters. Spring Batch's
 * skip is never used: its chunk scanning would send good rows twice. The counters are
 * saved in the step's execution context with each chunk ({@link DeliveryCounts}).
 *
 * @param <R> the endpoint's request row
 */
public final class DeliveryWriter<R> implements ItemStreamWriter<Transformed> {

	private final RequestPool pool;

	private final Endpoint<R> endpoint;

	private final int batchSize;

	private final RejectedRows rejectedRows;

	private final DeliveryRun run;

	private final DeliveryRetry retry;

	private final Context context;

	private final Tally tally;

	private final Ledger<R> changes;

	private final ChainLedger chains;

	private final CommitHook hook;

	private final SyncStores stores;

	/**
	 * Where the rows of this writer come from, for the rejected-rows table.
	 *
	 * @param jobExecutionId the execution
	 * @param jobName the job
	 * @param runKey the run's identity (business date)
	 * @param partition the partition name
	 * @param attempts which attempt at each row this is (a replay of a refused row, or a
	 * first)
	 */
	public record Context(long jobExecutionId, String jobName, String runKey, String partition, Attempts attempts) {

		/** Rows read from the source: first attempts. */
		public Context(long jobExecutionId, String jobName, String runKey, String partition) {
			this(jobExecutionId, jobName, runKey, partition, Attempts.FIRST);
		}

	}

	/** The only destination of a spec, one request at a time, keeping no state. */
	public DeliveryWriter(Endpoint<R> endpoint, int batchSize, DeliveryRetry retry, RejectedRows rejectedRows,
			DeliveryRun run, Context context) {
		this(endpoint, batchSize, retry, rejectedRows, run, context, "", RequestPool.SEQUENTIAL, null, CommitHook.NONE,
				false);
	}

	/**
	 * @param endpoint the endpoint
	 * @param batchSize rows per request, at most the endpoint's limit
	 * @param retry how throttled and unavailable answers are retried
	 * @param rejectedRows where rejected rows are recorded
	 * @param run what the partitions of the execution share
	 * @param context where the rows come from
	 * @param destination {@code vendor/endpoint} when the spec has several destinations
	 * (the counters are saved under {@code writer[vendor/endpoint]}), empty for its only
	 * one ({@code writer})
	 * @param pool the threads requests are sent on (several at once for vendors without a
	 * bulk endpoint)
	 * @param stores the run's tables (sync state, conflicts, links), or null to keep no
	 * state
	 * @param hook called when a chunk was delivered, before it commits
	 * @param mirror whether the destination mirrors (every key read is marked seen)
	 */
	public DeliveryWriter(Endpoint<R> endpoint, int batchSize, DeliveryRetry retry, RejectedRows rejectedRows,
			DeliveryRun run, Context context, String destination, RequestPool pool, SyncStores stores, CommitHook hook,
			boolean mirror) {
		this(endpoint, batchSize, retry, rejectedRows, run, context, destination, pool, stores, hook,
				ledger(endpoint, stores, context, mirror));
	}

	/**
	 * What a writer keeps per key: on a planned night a sync partition sends what the
	 * plan says ({@link PlannedLedger}); otherwise the per-key table decides
	 * ({@link ChangeDetection}).
	 */
	private static <R> Ledger<R> ledger(Endpoint<R> endpoint, SyncStores stores, Context context, boolean mirror) {
		String partition = Names.WORKER_STEP + ":";
		if (stores != null && stores.nights() != null && NightPlanner.plans(endpoint)) {
			int target = stores.state().number(stores.target(context.jobName(), endpoint.descriptor().id()));
			if (context.partition().startsWith(partition)) {
				return new PlannedLedger<>(endpoint, stores, context, target,
						context.partition().substring(partition.length()));
			}
			if (context.partition().startsWith(Names.REPLAY_STEP + ":")) {
				return new PlannedReplayLedger<>(endpoint, stores, context, target);
			}
		}
		return new ChangeDetection<>(endpoint, stores, context, mirror);
	}

	/**
	 * A writer of a mirror's deletions: each key the vendor deleted is forgotten by the
	 * state of the destination it was upserted to; on a planned night, the snapshot
	 * already left it out, and a key whose deletion the vendor refused is kept.
	 * @param upserts that destination's endpoint
	 * @param planned whether the night was planned (a {@link PlannedMirrorReader} reads
	 * the deletions)
	 */
	public static <R> DeliveryWriter<R> deleting(Endpoint<R> endpoint, int batchSize, DeliveryRetry retry,
			RejectedRows rejectedRows, DeliveryRun run, Context context, RequestPool pool, SyncStores stores,
			CommitHook hook, EndpointDescriptor upserts, boolean planned) {
		return new DeliveryWriter<>(endpoint, batchSize, retry, rejectedRows, run, context, "", pool, stores, hook,
				new DeletionLedger<>(stores, context, upserts.id(), upserts.keying(), planned));
	}

	private DeliveryWriter(Endpoint<R> endpoint, int batchSize, DeliveryRetry retry, RejectedRows rejectedRows,
			DeliveryRun run, Context context, String destination, RequestPool pool, SyncStores stores, CommitHook hook,
			Ledger<R> ledger) {
		this.pool = pool;
		this.endpoint = endpoint;
		this.batchSize = Math.min(batchSize, endpoint.descriptor().maxBatchSize());
		this.retry = retry;
		this.rejectedRows = rejectedRows;
		this.run = run;
		this.context = context;
		this.tally = new Tally(destination);
		this.changes = ledger;
		this.chains = new ChainLedger(stores, context);
		this.hook = hook;
		// rejected rows keep the row as read, sealed, where the run keeps state
		this.stores = stores;
	}

	@Override
	public void open(ExecutionContext executionContext) {
		this.tally.open(executionContext);
		this.changes.prepare(executionContext, this.tally);
	}

	/** The destination it delivers to: {@code vendor/endpoint}. */
	public String destination() {
		return this.endpoint.descriptor().id();
	}

	/** The live counters (earlier attempts of the partition included). */
	public DeliveryCounts counts() {
		return this.tally.snapshot();
	}

	@Override
	public void update(ExecutionContext executionContext) {
		this.changes.update(executionContext);
		this.tally.update(executionContext);
	}

	/**
	 * The partition's reader has read its last row: called from the reader, in the last
	 * chunk's transaction.
	 */
	public void sourceEnded() {
		this.changes.sourceEnded();
	}

	@Override
	public void write(Chunk<? extends Transformed> chunk) {
		this.run.checkNotFatal();
		Refusals refusals = new Refusals(this.context, this.endpoint.descriptor().id(), this.stores);
		List<Pending<R>> pending = new ArrayList<>();
		List<Transformed.Rejected> rejections = new ArrayList<>();
		for (Transformed item : chunk) {
			this.tally.add(Counter.SEEN, 1);
			if (item instanceof Transformed.Skipped) {
				this.tally.add(Counter.SKIPPED, 1);
			}
			else if (item instanceof Accepted accepted) {
				pending.add(new Pending<>(accepted, this.endpoint.toRequest(accepted.row())));
			}
			else if (item instanceof Transformed.Rejected rejection) {
				rejections.add(rejection);
				this.changes.rejectedAt(rejection.origin().position());
				refusals.add(rejection.origin(), "TRANSFORM", rejection.reasonCode(), rejection.message(),
						rejection.masked());
			}
		}
		Ledger.Chunk<R> changed = this.changes.open(pending, this.tally);
		rejections.forEach((rejection) -> changed.rejected(rejection.keyFields()));
		ChainLedger.Chunk links = this.chains
			.open(changed.toSend().stream().flatMap((row) -> this.endpoint.link(row.request()).stream()).toList());
		Batches<R> batches = Batches.of(changed.toSend(), this.batchSize, this.endpoint::link,
				(link, row) -> admit(link, row, links, refusals));
		send(batches,
				new BisectingSender<>(this.endpoint, this.retry, this.run, this.tally, refusals, changed::delivered));
		this.hook.delivered(this.context.partition());
		changed.commit(this.tally);
		links.commit();
		List<RejectedRow> refused = refusals.rows();
		this.rejectedRows.record(refused);
		this.tally.add(Counter.REJECTED, refused.size());
		this.run.rejected(refused.size());
	}

	/** A row that chains with an earlier one is sent later, or rejected when asked. */
	private boolean admit(Link link, Pending<R> row, ChainLedger.Chunk links, Refusals refusals) {
		if (!links.chained(link, row.accepted().origin().where())) {
			return true;
		}
		this.tally.add(Counter.CHAINS, 1);
		if (this.run.rejectsChains()) {
			refusals.add(row.accepted().origin(), "TRANSFORM", "CHAIN",
					"merges into or from a user merged earlier in this run (destination.chains: reject)",
					row.accepted().masked());
			return false;
		}
		return true;
	}

	private void send(Batches<R> batches, BisectingSender<R> sender) {
		if (batches.ordered()) {
			// linked rows depend on the order of their requests
			batches.requests().forEach(sender::send);
			return;
		}
		AtomicBoolean failed = new AtomicBoolean();
		this.pool.runAll(batches.requests().stream().<Runnable>map((request) -> () -> {
			if (failed.get()) {
				// another request of the chunk failed: the chunk will roll back
				return;
			}
			try {
				this.run.checkNotFatal();
				sender.send(request);
			}
			catch (RuntimeException ex) {
				failed.set(true);
				throw ex;
			}
		}).toList());
	}

}
