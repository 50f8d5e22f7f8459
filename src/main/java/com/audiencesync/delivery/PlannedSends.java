package com.audiencesync.delivery;

import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

import com.audiencesync.state.snapshot.PlanPages;
import com.audiencesync.state.snapshot.RecordCursor;

/**
 * A partition's planned rows to send for one target, read in the order of their places as
 * the partition's rows pass. Where places can move (a table whose rows were inserted or
 * deleted since the plan), the rows carry their key hashes, and a planned row passed
 * without being met, or met holding another key, is gone: its key keeps the entry it had.
 */
final class PlannedSends {

	private final RecordCursor sends;

	private final long[] send = new long[PlanPages.KEYED_SEND_WIDTH];

	private boolean held;

	private final boolean keyed;

	/** The last place passed, committed with each chunk ({@link Long#MAX_VALUE}: all). */
	private long through = -1;

	private final List<byte[]> gone = new ArrayList<>();

	/** Planned rows not found where the plan read them, in this attempt. */
	private long missed;

	/**
	 * Of those, the ones not yet counted as deferred: rows at a place whose row was
	 * rejected tonight are not (they are counted as rejected).
	 */
	private long deferred;

	/** Places of rows rejected tonight whose planned rows were not passed yet. */
	private final ArrayDeque<Long> rejected = new ArrayDeque<>();

	/**
	 * @param sends the planned rows: place, fingerprint (2) and, where {@code keyed}, the
	 * key hash (2)
	 * @param keyed whether places can move
	 */
	PlannedSends(RecordCursor sends, boolean keyed) {
		this.sends = sends;
		this.keyed = keyed;
		this.held = sends.next(this.send);
	}

	boolean keyed() {
		return this.keyed;
	}

	/** Goes on after the place an earlier attempt committed. */
	void resumeAfter(long through) {
		this.through = through;
	}

	long through() {
		return this.through;
	}

	/**
	 * The planned row at a keyed row's place (a copy), or null; the planned rows before
	 * it are passed.
	 */
	long[] at(long position) {
		passTo(position);
		long[] planned = (this.held && this.send[0] == position) ? this.send.clone() : null;
		this.through = position;
		return planned;
	}

	/**
	 * A row without a key at that place: never a planned row, so a planned row there has
	 * lost its key since.
	 */
	void passKeyless(long position) {
		passTo(position + 1);
		this.through = position;
	}

	/** Whether a row sent at a planned place holds the planned key. */
	boolean holdsPlannedKey(long[] planned, KeyHashes hashes) {
		if (hashes == null) {
			return false;
		}
		ByteBuffer key = ByteBuffer.wrap(hashes.key().bytes());
		return key.getLong() == planned[3] && key.getLong() == planned[4];
	}

	/** A planned row found holding another key: its planned key is gone. */
	void moved(long[] planned) {
		this.gone.add(key(planned));
		this.missed++;
		this.deferred++;
	}

	/**
	 * The row at that place was rejected tonight: a planned row there, once passed, is
	 * gone but not deferred (it is counted as rejected). Places come in increasing order.
	 */
	void rejectedAt(long position) {
		if (position > this.through) {
			this.rejected.addLast(position);
		}
	}

	/** The planned rows deferred since last asked: not sent tonight, nor rejected. */
	long takeDeferred() {
		long taken = this.deferred;
		this.deferred = 0;
		return taken;
	}

	/** The planned keys gone since last asked. */
	List<byte[]> takeGone() {
		List<byte[]> taken = List.copyOf(this.gone);
		this.gone.clear();
		return taken;
	}

	/**
	 * The partition's reader has read its last row: every planned row left is gone;
	 * nothing once done.
	 */
	List<byte[]> ended() {
		if (this.through == Long.MAX_VALUE) {
			return List.of();
		}
		passTo(Long.MAX_VALUE);
		this.through = Long.MAX_VALUE;
		return takeGone();
	}

	long missed() {
		return this.missed;
	}

	private void passTo(long position) {
		while (this.held && this.send[0] < position) {
			if (this.keyed && this.send[0] > this.through) {
				this.gone.add(key(this.send));
				this.missed++;
				while (!this.rejected.isEmpty() && this.rejected.peekFirst() < this.send[0]) {
					this.rejected.removeFirst();
				}
				if (!this.rejected.isEmpty() && this.rejected.peekFirst() == this.send[0]) {
					this.rejected.removeFirst();
				}
				else {
					this.deferred++;
				}
			}
			this.held = this.sends.next(this.send);
		}
		// the rejected places passed: none is held longer than its chunk
		while (!this.rejected.isEmpty() && this.rejected.peekFirst() < position) {
			this.rejected.removeFirst();
		}
	}

	private static byte[] key(long[] send) {
		return ByteBuffer.allocate(16).putLong(send[3]).putLong(send[4]).array();
	}

}
