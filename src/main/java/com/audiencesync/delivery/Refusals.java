package com.audiencesync.delivery;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import com.audiencesync.crypto.Sealer;
import com.audiencesync.source.SourceRow;
import com.audiencesync.state.RejectedRow;

/**
 * The rows of one chunk that did not reach the vendor, collected from every thread that
 * sends its requests and recorded with the chunk.
 */
final class Refusals {

	private final DeliveryWriter.Context context;

	private final String destination;

	private final Sealer sealer;

	private final List<RejectedRow> rows = Collections.synchronizedList(new ArrayList<>());

	/**
	 * @param sealer seals each row as read, or null to keep only the masked preview
	 */
	Refusals(DeliveryWriter.Context context, String destination, Sealer sealer) {
		this.context = context;
		this.destination = destination;
		this.sealer = sealer;
	}

	/**
	 * Adds a row that will not be sent, with its stage, reason, masked key fields and the
	 * row as read, sealed.
	 */
	void add(SourceRow origin, String stage, String code, String message, String masked) {
		Attempts.Attempt attempt = this.context.attempts().of(origin);
		byte[] sealed = (this.sealer != null && origin.readable() && !origin.values().isEmpty())
				? this.sealer.sealValues(origin.values(), RejectedRow.sealContext(this.context.jobName(),
						this.context.runKey(), origin.source(), origin.position()))
				: null;
		this.rows.add(new RejectedRow(this.context.jobExecutionId(), this.context.jobName(), this.context.runKey(),
				this.context.partition(), origin.source(), origin.position(), this.destination, stage, code, message,
				masked, sealed, attempt.number(), attempt.replayOf()));
	}

	List<RejectedRow> rows() {
		synchronized (this.rows) {
			return List.copyOf(this.rows);
		}
	}

}
