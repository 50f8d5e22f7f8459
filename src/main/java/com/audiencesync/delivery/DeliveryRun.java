package com.audiencesync.delivery;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import com.audiencesync.destination.DeliveryException;

/**
 * What the partitions of one job execution share: the rejected-row budget and a fatal
 * error that stops them all. Nothing here grows with the run: keys, conflicts and links
 * live in the job repository ({@link SyncStores}).
 */
public final class DeliveryRun {

	private final long skipLimit;

	private final boolean rejectChains;

	private final AtomicLong rejected;

	private final AtomicReference<String> fatal = new AtomicReference<>();

	/**
	 * @param skipLimit how many rejected rows the run tolerates
	 * @param rejectedBefore rows rejected by earlier executions of the same run (a
	 * restart)
	 */
	public DeliveryRun(long skipLimit, long rejectedBefore) {
		this(skipLimit, rejectedBefore, false);
	}

	/**
	 * @param skipLimit how many rejected rows the run tolerates
	 * @param rejectedBefore rows rejected by earlier executions of the same run (a
	 * restart)
	 * @param rejectChains whether a row that chains with an earlier one is rejected
	 * rather than sent later
	 */
	public DeliveryRun(long skipLimit, long rejectedBefore, boolean rejectChains) {
		this.skipLimit = skipLimit;
		this.rejected = new AtomicLong(rejectedBefore);
		this.rejectChains = rejectChains;
	}

	boolean rejectsChains() {
		return this.rejectChains;
	}

	void rejected(int rows) {
		long total = this.rejected.addAndGet(rows);
		if (total > this.skipLimit) {
			throw new DeliveryException(DeliveryException.Kind.SKIP_LIMIT,
					total + " rows rejected, more than skip.limit " + this.skipLimit + ": see the rejected rows "
							+ "(status, or the AS_REJECTED_ROW table) and fix the source; the " + rows
							+ " of the chunk that went over are not recorded, the next run reads it again");
		}
	}

	void fatal(String detail) {
		this.fatal.compareAndSet(null, detail);
	}

	void checkNotFatal() {
		String detail = this.fatal.get();
		if (detail != null) {
			throw new DeliveryException(DeliveryException.Kind.FATAL,
					"stopped because another partition failed: " + detail);
		}
	}

}
