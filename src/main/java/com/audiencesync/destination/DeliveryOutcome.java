package com.audiencesync.destination;

import java.time.Duration;
import java.util.List;

/**
 * How a vendor answered one request. Sealed, and handled through {@link Handler} (Java 17
 * has no pattern {@code switch}), so adding an outcome fails the build wherever one is
 * not handled.
 */
public sealed interface DeliveryOutcome {

	/** Lets the handler's method for this outcome answer. */
	<T> T accept(Handler<T> handler);

	/**
	 * One method per outcome.
	 *
	 * @param <T> what handling gives back
	 */
	interface Handler<T> {

		T delivered(Delivered outcome);

		T rejected(Rejected outcome);

		T partlyRejected(PartlyRejected outcome);

		T tooLarge(TooLarge outcome);

		T throttled(Throttled outcome);

		T unavailable(Unavailable outcome);

		T fatal(Fatal outcome);

	}

	/** Every row of the request was accepted. */
	record Delivered() implements DeliveryOutcome {

		@Override
		public <T> T accept(Handler<T> handler) {
			return handler.delivered(this);
		}

	}

	/**
	 * At least one row of the request is bad and the vendor applied none of them: split
	 * to find it.
	 *
	 * @param code the vendor's code, e.g. {@code -1007}
	 * @param message the vendor's message, personal data masked
	 */
	record Rejected(String code, String message) implements DeliveryOutcome {

		@Override
		public <T> T accept(Handler<T> handler) {
			return handler.rejected(this);
		}

	}

	/**
	 * The vendor took the request's rows but the ones it names by their place in the
	 * request (Braze's {@code errors} with an {@code index}): those are refused with its
	 * reason, the others delivered.
	 *
	 * @param refused the refused rows, each named by its index in the request
	 */
	record PartlyRejected(List<Refused> refused) implements DeliveryOutcome {

		public PartlyRejected {
			refused = List.copyOf(refused);
		}

		@Override
		public <T> T accept(Handler<T> handler) {
			return handler.partlyRejected(this);
		}

	}

	/**
	 * One row the vendor refused within a request it took.
	 *
	 * @param index the row's place in the request, from 0
	 * @param code the vendor's code
	 * @param message the vendor's message, personal data masked
	 */
	record Refused(int index, String code, String message) {
	}

	/**
	 * The request carried more than the vendor takes: split it and send the halves.
	 *
	 * @param code the vendor's code
	 * @param message the vendor's message
	 */
	record TooLarge(String code, String message) implements DeliveryOutcome {

		@Override
		public <T> T accept(Handler<T> handler) {
			return handler.tooLarge(this);
		}

	}

	/**
	 * Over the vendor's rate limit: wait, then send again.
	 *
	 * @param retryAfter how long the vendor asked to wait, or null
	 * @param detail status and request id, for the failure message
	 */
	record Throttled(Duration retryAfter, String detail) implements DeliveryOutcome {

		@Override
		public <T> T accept(Handler<T> handler) {
			return handler.throttled(this);
		}

	}

	/**
	 * The vendor could not take the request now (5xx, timeout, connection error): send
	 * again later.
	 *
	 * @param detail status or error and request id, for the failure message
	 */
	record Unavailable(String detail) implements DeliveryOutcome {

		@Override
		public <T> T accept(Handler<T> handler) {
			return handler.unavailable(this);
		}

	}

	/**
	 * No request will succeed (bad key, expired contract): stop the job at once, without
	 * retries.
	 *
	 * @param detail what the vendor said and what to check
	 */
	record Fatal(String detail) implements DeliveryOutcome {

		@Override
		public <T> T accept(Handler<T> handler) {
			return handler.fatal(this);
		}

	}

}
