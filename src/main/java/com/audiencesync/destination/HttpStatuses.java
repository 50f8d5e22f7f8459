package com.audiencesync.destination;

import java.time.Duration;

/**
 * What an HTTP status means for a request, the same for every vendor: 2xx delivered, 400
 * and 422 a bad row (bisect), 401 and 403 a key the vendor refuses, 404 and 405 a wrong
 * base URL (both fatal, naming the property), 413 too large (split), 429 throttled, and
 * anything else unavailable (retry). A vendor handles its own exceptions first (a 200
 * whose body says otherwise, a 400 about its project) and hands the rest here.
 */
public final class HttpStatuses {

	private HttpStatuses() {
	}

	/**
	 * The outcome of a status.
	 * @param vendor the vendor id, for the property names in fatal messages
	 * @param status the HTTP status
	 * @param answer the status and the vendor's answer, masked, e.g.
	 * {@code HTTP 400 (code 4000: ...)}
	 * @param code the vendor's error code for a bad row, or null to use the status
	 * @param retryAfter how long a 429 asks to wait, or null
	 */
	public static DeliveryOutcome classify(String vendor, int status, String answer, String code, Duration retryAfter) {
		if (status >= 200 && status < 300) {
			return new DeliveryOutcome.Delivered();
		}
		String property = "audience-sync.destinations." + vendor + ".";
		return switch (status) {
			case 400, 422 -> new DeliveryOutcome.Rejected((code != null) ? code : String.valueOf(status), answer);
			case 401, 403 -> new DeliveryOutcome.Fatal(answer + ": check " + property + "api-key");
			case 404, 405 -> new DeliveryOutcome.Fatal(answer + ": check " + property + "base-url");
			case 413 -> new DeliveryOutcome.TooLarge(String.valueOf(status), answer);
			case 429 -> new DeliveryOutcome.Throttled(retryAfter, answer);
			default -> new DeliveryOutcome.Unavailable(answer);
		};
	}

}
