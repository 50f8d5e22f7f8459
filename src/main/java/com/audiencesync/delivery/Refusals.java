package com.audiencesync.delivery;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import com.audiencesync.crypto.KeyedHash;
import com.audiencesync.crypto.Sealer;
import com.audiencesync.source.SourceRow;
import com.audiencesync.state.RejectedRow;
import tools.jackson.databind.json.JsonMapper;

/**
 * The rows of one chunk that did not reach the vendor, collected from every thread that
 * sends its requests and recorded with the chunk.
 */
final class Refusals {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final DeliveryWriter.Context context;

	private final String destination;

	private final Sealer sealer;

	private final KeyedHash hash;

	private final List<RejectedRow> rows = Collections.synchronizedList(new ArrayList<>());

	/**
	 * @param stores seal each row as read and hash it, or null to keep only the masked
	 * preview
	 */
	Refusals(DeliveryWriter.Context context, String destination, SyncStores stores) {
		this.context = context;
		this.destination = destination;
		this.sealer = (stores != null) ? stores.sealer() : null;
		this.hash = (stores != null) ? stores.hash() : null;
	}

	/**
	 * Adds a row that will not be sent, with its stage, reason, masked key fields and the
	 * row as read, sealed.
	 */
	void add(SourceRow origin, String stage, String code, String message, String masked) {
		Attempts.Attempt attempt = this.context.attempts().of(origin);
		boolean kept = this.sealer != null && origin.readable() && !origin.values().isEmpty();
		byte[] sealed = kept ? this.sealer.sealValues(origin.values(), RejectedRow.sealContext(this.context.jobName(),
				this.context.runKey(), origin.source(), origin.position())) : null;
		byte[] rowHash = (kept && this.hash != null)
				? this.hash.of("rejected-row " + this.destination, JSON.writeValueAsString(origin.values())) : null;
		this.rows.add(new RejectedRow(this.context.jobExecutionId(), this.context.jobName(), this.context.runKey(),
				this.context.partition(), origin.source(), origin.position(), this.destination, stage, code, message,
				masked, sealed, rowHash, attempt.number(), attempt.replayOf()));
	}

	List<RejectedRow> rows() {
		synchronized (this.rows) {
			return List.copyOf(this.rows);
		}
	}

}
