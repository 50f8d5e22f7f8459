package com.audiencesync.destination.braze;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;

import com.audiencesync.destination.Connection;
import com.audiencesync.destination.DeliveryOutcome;
import com.audiencesync.destination.HttpClients;
import com.audiencesync.destination.HttpStatuses;
import com.audiencesync.destination.Masking;
import com.audiencesync.destination.RateLimiter;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.client.RestClientException;

/**
 * How Braze answers, alike on every endpoint: {@code X-RateLimit-*} steer the key's
 * budget, a 429 waits until the window resets, a 2xx took the request, 401 and 403 name
 * the permission the key lacks, and the rest are classified as for any vendor, Braze's
 * {@code message} masked (it may quote an identifier).
 */
final class BrazeAnswers {

	private static final JsonMapper JSON = JsonMapper.shared();

	private final RateLimiter limiter;

	private final String permission;

	/**
	 * @param limiter the budget the answers steer
	 * @param permission the key's permission the endpoint needs, e.g. {@code users.merge}
	 */
	BrazeAnswers(RateLimiter limiter, String permission) {
		this.limiter = limiter;
		this.permission = permission;
	}

	/**
	 * Takes a turn from the budget, makes the call, and reads its answer with
	 * {@link #classify}: what every Braze endpoint does with a request.
	 */
	DeliveryOutcome send(Connection connection, Supplier<ResponseEntity<String>> call) {
		return send(connection, call, this::classify);
	}

	/** The same, its answer read by the endpoint (a success may name refused objects). */
	DeliveryOutcome send(Connection connection, Supplier<ResponseEntity<String>> call,
			Function<ResponseEntity<String>, DeliveryOutcome> read) {
		ResponseEntity<String> response;
		try {
			this.limiter.acquire();
			response = call.get();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return new DeliveryOutcome.Unavailable("interrupted while waiting for the rate limit");
		}
		catch (RestClientException ex) {
			return HttpClients.failure(connection, ex);
		}
		return read.apply(response);
	}

	/**
	 * Requests sent one after another, as Braze takes one kind of them each: the first
	 * that is not delivered ends the batch with its outcome (the batch is sent again
	 * whole, which these idempotent endpoints take); else delivered.
	 */
	static DeliveryOutcome inTurn(List<Supplier<DeliveryOutcome>> requests) {
		for (Supplier<DeliveryOutcome> request : requests) {
			DeliveryOutcome outcome = request.get();
			if (!(outcome instanceof DeliveryOutcome.Delivered)) {
				return outcome;
			}
		}
		return new DeliveryOutcome.Delivered();
	}

	/** An answer whose success needs nothing more read. */
	DeliveryOutcome classify(ResponseEntity<String> response) {
		observe(response);
		int status = response.getStatusCode().value();
		if (status == 429) {
			return throttled(response);
		}
		return (status / 100 == 2) ? new DeliveryOutcome.Delivered() : failure(response);
	}

	/** Tells the budget what Braze counted. */
	void observe(ResponseEntity<String> response) {
		this.limiter.observe(number(response.getHeaders(), "X-RateLimit-Remaining"));
	}

	/** A non-2xx answer other than 429, as the run handles it. */
	DeliveryOutcome failure(ResponseEntity<String> response) {
		int status = response.getStatusCode().value();
		String answer = answer(response);
		DeliveryOutcome outcome = HttpStatuses.classify(BrazeVendor.ID, status, answer, null, null);
		return (status == 401 || status == 403) ? new DeliveryOutcome.Fatal(
				((DeliveryOutcome.Fatal) outcome).detail() + " (it needs the " + this.permission + " permission)")
				: outcome;
	}

	/** Wait until the window resets (or as long as Retry-After says), then send again. */
	DeliveryOutcome throttled(ResponseEntity<String> response) {
		this.limiter.exhausted();
		HttpHeaders headers = response.getHeaders();
		Duration wait = HttpClients.retryAfter(headers);
		Long reset = number(headers, "X-RateLimit-Reset");
		if (reset != null) {
			Duration untilReset = Duration.between(Instant.now(), Instant.ofEpochSecond(reset));
			wait = (wait == null || untilReset.compareTo(wait) > 0) ? untilReset : wait;
		}
		if (wait == null || wait.isNegative()) {
			wait = Duration.ofSeconds(1);
		}
		return new DeliveryOutcome.Throttled(wait, answer(response));
	}

	/** {@code HTTP 400 (Braze's message, masked)}. */
	static String answer(ResponseEntity<String> response) {
		JsonNode body = body(response);
		String message = (body != null) ? body.path("message").asString("") : "";
		return "HTTP " + response.getStatusCode().value()
				+ (message.isEmpty() ? "" : " (" + Masking.scrub(message) + ")");
	}

	/** The answer's JSON object, or null. */
	static JsonNode body(ResponseEntity<String> response) {
		String body = response.getBody();
		if (body == null || body.isBlank()) {
			return null;
		}
		try {
			JsonNode node = JSON.readTree(body);
			return node.isObject() ? node : null;
		}
		catch (JacksonException ex) {
			return null;
		}
	}

	private static Long number(HttpHeaders headers, String name) {
		String value = headers.getFirst(name);
		try {
			return (value != null) ? Long.valueOf(value.strip()) : null;
		}
		catch (NumberFormatException ex) {
			return null;
		}
	}

}
