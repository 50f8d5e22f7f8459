package com.audiencesync.state.snapshot;

import java.util.List;

/** Sorted cursors merged through a binary heap of their next records. */
final class MergedCursors implements RecordCursor {

	private final List<RecordCursor> cursors;

	private final long[][] heads;

	private final int[] heap;

	private final int width;

	/** The bytes each cursor's head carries. */
	private final byte[][] sealedHeads;

	private byte[] sealed;

	private int size;

	MergedCursors(List<RecordCursor> cursors, int width) {
		this.cursors = cursors;
		this.width = width;
		this.heads = new long[cursors.size()][width];
		this.heap = new int[cursors.size()];
		this.sealedHeads = new byte[cursors.size()][];
		for (int i = 0; i < cursors.size(); i++) {
			if (cursors.get(i).next(this.heads[i])) {
				this.sealedHeads[i] = cursors.get(i).sealed();
				this.heap[this.size++] = i;
			}
		}
		for (int i = this.size / 2 - 1; i >= 0; i--) {
			down(i);
		}
	}

	@Override
	public boolean next(long[] into) {
		if (this.size == 0) {
			return false;
		}
		int top = this.heap[0];
		System.arraycopy(this.heads[top], 0, into, 0, this.width);
		this.sealed = this.sealedHeads[top];
		if (this.cursors.get(top).next(this.heads[top])) {
			this.sealedHeads[top] = this.cursors.get(top).sealed();
		}
		else {
			this.heap[0] = this.heap[--this.size];
		}
		if (this.size > 0) {
			down(0);
		}
		return true;
	}

	private void down(int index) {
		int at = index;
		while (true) {
			int left = 2 * at + 1;
			if (left >= this.size) {
				return;
			}
			int least = left;
			int right = left + 1;
			if (right < this.size && less(this.heap[right], this.heap[left])) {
				least = right;
			}
			if (!less(this.heap[least], this.heap[at])) {
				return;
			}
			int held = this.heap[at];
			this.heap[at] = this.heap[least];
			this.heap[least] = held;
			at = least;
		}
	}

	/** Orders equal records by cursor: a stable merge of the runs' order. */
	private boolean less(int a, int b) {
		int order = Records.compare(this.heads[a], this.heads[b], this.width);
		return order < 0 || (order == 0 && a < b);
	}

	@Override
	public byte[] sealed() {
		return this.sealed;
	}

	@Override
	public void close() {
		for (RecordCursor cursor : this.cursors) {
			cursor.close();
		}
	}

}
