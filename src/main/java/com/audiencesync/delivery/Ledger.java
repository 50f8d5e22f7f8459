package com.audiencesync.delivery;

import java.util.List;
import java.util.Map;

import org.springframework.batch.infrastructure.item.ExecutionContext;

/**
 * What a writer keeps per key, a chunk at a time: which of the chunk's rows are sent, and
 * what is written (in the chunk's transaction) once the vendor accepted some of them.
 *
 * @param <R> the request record
 */
interface Ledger<R> {

	/**
	 * At the step's start, before any chunk's transaction: whatever the tables need
	 * before the first chunk (nothing by default).
	 */
	default void prepare() {
	}

	/**
	 * At the step's start, with the counters as the partition's last commit left them:
	 * {@link #prepare()} by default.
	 */
	default void prepare(ExecutionContext context, Tally tally) {
		prepare();
	}

	/**
	 * In each chunk's transaction, once it was written (and in the last one, which may
	 * have no row): what the ledger keeps in the partition's context (nothing by
	 * default).
	 */
	default void update(ExecutionContext context) {
	}

	/**
	 * The partition's reader has read its last row (in the last chunk's transaction,
	 * before its {@link #update}).
	 */
	default void sourceEnded() {
	}

	/** The chunk's rows, with what the tables hold of them read in one query. */
	/**
	 * A row of the chunk about to be opened was rejected before it could be sent (in
	 * mapping): called for each, before {@link #open}.
	 */
	default void rejectedAt(long position) {
	}

	Chunk<R> open(List<Pending<R>> rows, Tally tally);

	/**
	 * One chunk.
	 *
	 * @param <R> the request record
	 */
	interface Chunk<R> {

		/** The rows to send. */
		List<Pending<R>> toSend();

		/**
		 * A row rejected before sending, with its key fields where they could be read.
		 */
		void rejected(Map<String, Object> keyFields);

		/** Notes rows the vendor accepted (from any sending thread). */
		void delivered(List<Pending<R>> rows);

		/** Writes what the vendor accepted, in the chunk's transaction. */
		void commit(Tally tally);

	}

}
