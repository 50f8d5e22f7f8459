package com.audiencesync.delivery;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import com.audiencesync.source.SourceRow;
import com.audiencesync.state.RejectedRow;

/**
 * The rows of one chunk that did not reach the vendor, collected from every thread that
 * sends its requests and recorded with the chunk.
 */
final class Refusals {

	private final DeliveryWriter.Context context;

	private final String destination;

	private final List<RejectedRow> rows = Collections.synchronizedList(new ArrayList<>());

	Refusals(DeliveryWriter.Context context, String destination) {
		this.context = context;
		this.destination = destination;
	}

	/** Adds a row that will not be sent, with its stage, reason and masked key fields. */
	void add(SourceRow origin, String stage, String code, String message, String masked) {
		this.rows.add(new RejectedRow(this.context.jobExecutionId(), this.context.jobName(), this.context.runKey(),
				this.context.partition(), origin.source(), origin.position(), this.destination, stage, code, message,
				masked));
	}

	List<RejectedRow> rows() {
		synchronized (this.rows) {
			return List.copyOf(this.rows);
		}
	}

}
