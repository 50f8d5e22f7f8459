package com.audiencesync.delivery;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

import com.audiencesync.crypto.Sealer;
import com.audiencesync.names.Names;
import com.audiencesync.source.SourceRow;
import com.audiencesync.state.RejectedRow;
import com.audiencesync.state.RejectedRows;
import com.audiencesync.state.RejectedRows.Stored;
import com.audiencesync.transform.Transformed;

import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStreamReader;
import org.springframework.batch.infrastructure.item.ItemStreamWriter;

/**
 * Rows a destination's vendor refused in earlier runs, sent again: a reader of their
 * sealed rows as read (to be mapped with today's mapping), and a writer that marks each
 * chunk's rows as sent again by this run in the chunk's transaction before it delivers
 * them. A row refused again is recorded as this run's, a later attempt of the first; once
 * {@code retry.max-runs} runs have sent it, it is no longer read (given up).
 */
public final class Replays implements Attempts {

	/** Rows per query. */
	static final int PAGE = 500;

	private final RejectedRows rejectedRows;

	private final Sealer sealer;

	private final RejectedRows.Query query;

	private final String runKey;

	/** The rows read and not yet written, by identity: two may share a file and line. */
	private final Map<SourceRow, Attempt> attempts = Collections.synchronizedMap(new IdentityHashMap<>());

	/**
	 * @param rejectedRows the table
	 * @param sealer opens the rows as read
	 * @param query the rows to send again: pending refusals of the job's destination
	 * @param runKey the run that sends them (its own rejections are not read)
	 */
	public Replays(RejectedRows rejectedRows, Sealer sealer, RejectedRows.Query query, String runKey) {
		this.rejectedRows = rejectedRows;
		this.sealer = sealer;
		this.query = query;
		this.runKey = runKey;
	}

	/**
	 * Pending refusals of a job's destination, of runs before this one against the same
	 * vendor account: a sandbox's refusals are never sent to production, nor one
	 * account's to another.
	 */
	public static RejectedRows.Query pending(String job, String destination, int maxRuns, String account) {
		return new RejectedRows.Query(job, null, null, RejectedRow.VENDOR, null, destination, maxRuns, null, account);
	}

	@Override
	public Attempt of(SourceRow row) {
		Attempt attempt = this.attempts.get(row);
		return (attempt != null) ? attempt : Attempt.FIRST;
	}

	/**
	 * Reads the rows to send again, in id order; a restart goes on after the last read.
	 */
	public ItemStreamReader<SourceRow> reader() {
		return new ItemStreamReader<>() {

			private final List<Stored> page = new ArrayList<>();

			private long after;

			private boolean exhausted;

			@Override
			public void open(ExecutionContext context) {
				this.after = context.getLong(Names.REPLAY_AFTER, 0L);
				if (Replays.this.query.pendingBelow() != null) {
					context.putInt(Names.REPLAY_MAX_RUNS, Replays.this.query.pendingBelow());
				}
			}

			@Override
			public SourceRow read() {
				while (true) {
					if (this.page.isEmpty()) {
						if (this.exhausted) {
							return null;
						}
						List<Stored> next = Replays.this.rejectedRows.find(Replays.this.query, this.after, PAGE);
						this.exhausted = next.size() < PAGE;
						this.page.addAll(next);
						if (this.page.isEmpty()) {
							return null;
						}
					}
					Stored stored = this.page.remove(0);
					this.after = stored.id();
					RejectedRow row = stored.row();
					if (row.runKey().equals(Replays.this.runKey) || row.rowSealed() == null) {
						// refused by this very run, or kept without its row
						continue;
					}
					SourceRow origin = SourceRow.of(row.source(), row.position(),
							Replays.this.sealer.openValues(row.rowSealed(), row.sealContext()));
					Replays.this.attempts.put(origin, new Attempt(stored.id(), row.attempt() + 1));
					return origin;
				}
			}

			@Override
			public void update(ExecutionContext context) {
				context.putLong(Names.REPLAY_AFTER, this.after);
				if (Replays.this.query.pendingBelow() != null) {
					context.putInt(Names.REPLAY_MAX_RUNS, Replays.this.query.pendingBelow());
				}
			}

		};
	}

	/**
	 * Marks each chunk's rows as sent again by this run, then delivers them: both in the
	 * chunk's transaction.
	 */
	public <T extends Transformed> ItemStreamWriter<T> writer(DeliveryWriter<?> delivery) {
		return new ItemStreamWriter<>() {

			@Override
			public void write(Chunk<? extends T> chunk) throws Exception {
				List<Long> ids = new ArrayList<>(chunk.size());
				for (T item : chunk) {
					Attempt attempt = Replays.this.attempts.get(item.origin());
					if (attempt != null) {
						ids.add(attempt.replayOf());
					}
				}
				Replays.this.rejectedRows.replayed(ids, Replays.this.runKey);
				delivery.write(new Chunk<Transformed>(new ArrayList<>(chunk.getItems())));
				// looked up while the writer recorded refusals: no longer needed
				chunk.forEach((item) -> Replays.this.attempts.remove(item.origin()));
			}

			@Override
			public void open(ExecutionContext context) {
				delivery.open(context);
			}

			@Override
			public void update(ExecutionContext context) {
				delivery.update(context);
			}

			@Override
			public void close() {
				delivery.close();
			}

		};
	}

}
