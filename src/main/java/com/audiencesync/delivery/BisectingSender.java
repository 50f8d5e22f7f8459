package com.audiencesync.delivery;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import com.audiencesync.delivery.Tally.Counter;
import com.audiencesync.destination.DeliveryException;
import com.audiencesync.destination.DeliveryException.Kind;
import com.audiencesync.destination.DeliveryOutcome;
import com.audiencesync.destination.DeliveryOutcome.Delivered;
import com.audiencesync.destination.DeliveryOutcome.Fatal;
import com.audiencesync.destination.DeliveryOutcome.Rejected;
import com.audiencesync.destination.DeliveryOutcome.Throttled;
import com.audiencesync.destination.DeliveryOutcome.TooLarge;
import com.audiencesync.destination.DeliveryOutcome.Unavailable;
import com.audiencesync.destination.DeliveryRetry;
import com.audiencesync.destination.Endpoint;
import com.audiencesync.transform.Transformed.Accepted;

/**
 * Sends one request through the retry and handles the outcome: a request the vendor
 * refuses as a whole (a bad row, or too large) is split in halves until the bad rows
 * stand alone; they are recorded with the vendor's reason and the others are delivered.
 * Throttled or unavailable through every retry, or refused for good, it throws.
 *
 * @param <R> the request record
 */
final class BisectingSender<R> {

	private final Endpoint<R> endpoint;

	private final DeliveryRetry retry;

	private final DeliveryRun run;

	private final Tally tally;

	private final Refusals refusals;

	private final Consumer<List<Pending<R>>> accepted;

	/**
	 * @param accepted told of the rows of every request the vendor accepted
	 */
	BisectingSender(Endpoint<R> endpoint, DeliveryRetry retry, DeliveryRun run, Tally tally, Refusals refusals,
			Consumer<List<Pending<R>>> accepted) {
		this.endpoint = endpoint;
		this.retry = retry;
		this.run = run;
		this.tally = tally;
		this.refusals = refusals;
		this.accepted = accepted;
	}

	/** Delivers the request's rows, or records the ones the vendor refuses. */
	void send(List<Pending<R>> batch) {
		List<R> records = batch.stream().map(Pending::request).toList();
		// keyed rows carry their JSON, made once for the fingerprint
		List<byte[]> json = batch.stream().allMatch((row) -> row.json() != null)
				? batch.stream().map(Pending::json).toList() : null;
		DeliveryOutcome outcome = this.retry.send(() -> {
			this.tally.add(Counter.REQUESTS, 1);
			return (json != null) ? this.endpoint.send(records, json) : this.endpoint.send(records);
		});
		outcome.accept(new DeliveryOutcome.Handler<Void>() {

			@Override
			public Void delivered(Delivered outcome) {
				BisectingSender.this.delivered(batch);
				return null;
			}

			@Override
			public Void rejected(Rejected outcome) {
				splitOrRefuse(batch, outcome.code(), outcome.message());
				return null;
			}

			@Override
			public Void partlyRejected(DeliveryOutcome.PartlyRejected outcome) {
				BisectingSender.this.partly(batch, outcome);
				return null;
			}

			@Override
			public Void tooLarge(TooLarge outcome) {
				splitOrRefuse(batch, outcome.code(), outcome.message());
				return null;
			}

			@Override
			public Void throttled(Throttled outcome) {
				throw exhausted("still throttled", outcome.detail());
			}

			@Override
			public Void unavailable(Unavailable outcome) {
				throw exhausted("unavailable", outcome.detail());
			}

			@Override
			public Void fatal(Fatal outcome) {
				BisectingSender.this.run.fatal(outcome.detail());
				throw new DeliveryException(Kind.FATAL, endpointId() + ": " + outcome.detail());
			}

		});
	}

	private void delivered(List<Pending<R>> batch) {
		this.tally.add(Counter.DELIVERED, batch.size());
		if (this.endpoint.descriptor().bills()) {
			long points = 0;
			for (Pending<R> row : batch) {
				points += this.endpoint.descriptor().points(row.accepted().row());
			}
			this.tally.add(Counter.POINTS, points);
		}
		this.accepted.accept(batch);
	}

	/**
	 * The rows the vendor named are refused with its reason; the others were taken. An
	 * index outside the request names no row: such an answer cannot be trusted row by
	 * row, so the request is split as if refused whole.
	 */
	private void partly(List<Pending<R>> batch, DeliveryOutcome.PartlyRejected outcome) {
		Map<Integer, DeliveryOutcome.Refused> refused = new HashMap<>();
		for (DeliveryOutcome.Refused one : outcome.refused()) {
			if (one.index() < 0 || one.index() >= batch.size()) {
				splitOrRefuse(batch, one.code(), one.message());
				return;
			}
			refused.putIfAbsent(one.index(), one);
		}
		List<Pending<R>> taken = new ArrayList<>();
		for (int i = 0; i < batch.size(); i++) {
			DeliveryOutcome.Refused one = refused.get(i);
			if (one == null) {
				taken.add(batch.get(i));
				continue;
			}
			Accepted row = batch.get(i).accepted();
			this.refusals.add(row.origin(), "VENDOR", this.endpoint.descriptor().vendor() + ":" + one.code(),
					one.message(), row.masked());
		}
		if (!taken.isEmpty()) {
			delivered(taken);
		}
	}

	private void splitOrRefuse(List<Pending<R>> batch, String code, String message) {
		if (batch.size() == 1) {
			Accepted row = batch.get(0).accepted();
			this.refusals.add(row.origin(), "VENDOR", this.endpoint.descriptor().vendor() + ":" + code, message,
					row.masked());
			return;
		}
		int half = batch.size() / 2;
		send(batch.subList(0, half));
		send(batch.subList(half, batch.size()));
	}

	private DeliveryException exhausted(String what, String detail) {
		return new DeliveryException(Kind.UNAVAILABLE, endpointId() + " " + what + " after every retry (" + detail
				+ "): the step failed; run the same date again to resume from the last committed chunk");
	}

	private String endpointId() {
		return this.endpoint.descriptor().id();
	}

}
