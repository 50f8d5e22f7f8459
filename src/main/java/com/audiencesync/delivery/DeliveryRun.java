package com.audiencesync.delivery;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.audiencesync.destination.DeliveryException;
import com.audiencesync.destination.Endpoint;
import com.audiencesync.destination.Endpoint.UpsertKey;
import com.audiencesync.destination.Masking;

/**
 * What the partitions of one job execution share: the rejected-row budget, a fatal error
 * that stops them all, and the upsert keys already sent (to report two identities under
 * one key).
 */
public final class DeliveryRun {

	private static final Logger log = LoggerFactory.getLogger(DeliveryRun.class);

	private final long skipLimit;

	private final boolean rejectChains;

	private final AtomicLong rejected;

	private final AtomicReference<String> fatal = new AtomicReference<>();

	/**
	 * SHA-256 of the upsert key to the identity and where it was first sent; no plaintext
	 * key is kept.
	 */
	private final Map<String, Sent> sent = new ConcurrentHashMap<>();

	private final AtomicLong conflicts = new AtomicLong();

	/**
	 * Hashes of users that rows led to (kept) and acted on (merged away), with where
	 * first seen.
	 */
	private final Map<String, String> linkedTo = new ConcurrentHashMap<>();

	private final Map<String, String> linkedFrom = new ConcurrentHashMap<>();

	private final AtomicLong chains = new AtomicLong();

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
					total + " rows rejected, more than skip.limit " + this.skipLimit
							+ ": see the rejected rows (status, or the AS_REJECTED_ROW table) and fix the source");
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

	/**
	 * Records a delivered key; true when it was already sent with another identity in
	 * this run.
	 */
	boolean delivered(UpsertKey key, String where) {
		Sent previous = this.sent.put(hash(key.key()), new Sent(key.identity(), where));
		if (previous != null && !previous.identity.equals(key.identity())) {
			this.conflicts.incrementAndGet();
			log.warn("{}: {} {} was sent for {} at {} earlier in this run; the vendor keeps the last ({})", where,
					key.keyName(), Masking.phone(key.key()), Masking.text(previous.identity), previous.where,
					Masking.text(key.identity()));
			return true;
		}
		return false;
	}

	/**
	 * Records a link; true when it chains with an earlier one of this run (A into B, then
	 * B into C, or the reverse), whose order the vendor does not guarantee.
	 */
	boolean chained(Endpoint.Link link, String where) {
		String from = hash(link.from());
		String to = hash(link.to());
		String earlier = this.linkedTo.get(from);
		if (earlier == null) {
			earlier = this.linkedFrom.get(to);
		}
		this.linkedTo.putIfAbsent(to, where);
		this.linkedFrom.putIfAbsent(from, where);
		if (earlier != null) {
			this.chains.incrementAndGet();
			log.warn(
					"{}: this merge chains with the one at {} (a user is merged into one who is merged on); "
							+ "it is sent in a later request, but the vendor does not guarantee the order",
					where, earlier);
			return true;
		}
		return false;
	}

	/** Links that chained with an earlier one in this execution. */
	public long chains() {
		return this.chains.get();
	}

	/** Upsert keys sent with more than one identity in this execution. */
	public long conflicts() {
		return this.conflicts.get();
	}

	private static String hash(String key) {
		try {
			return new String(MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8)),
					StandardCharsets.ISO_8859_1);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private record Sent(String identity, String where) {
	}

}
