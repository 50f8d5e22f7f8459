package com.audiencesync.destination.braze;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import com.audiencesync.destination.Connection;
import com.audiencesync.destination.DeliveryOutcome;
import com.audiencesync.destination.EndpointBase;
import com.audiencesync.destination.HttpClients;
import com.audiencesync.destination.HttpStatuses;
import com.audiencesync.destination.MappedRow;
import com.audiencesync.destination.Masking;
import com.audiencesync.destination.RateLimiter;
import com.audiencesync.destination.braze.BrazeRows.Alias;
import com.audiencesync.destination.braze.BrazeRows.Identifier;
import com.audiencesync.destination.braze.BrazeRows.MergeRequest;
import com.audiencesync.destination.braze.BrazeRows.MergeUpdate;
import tools.jackson.core.JacksonException;

import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.client.RestClientException;

/**
 * {@code POST /users/merge}. Each request first takes a turn from the key's rate limiter;
 * Braze's {@code X-RateLimit-*} answers steer it, and a 429 empties it until the window
 * resets.
 */
final class BrazeUsersMerge extends EndpointBase<MergeUpdate> {

	private final BrazeApi api;

	private final RateLimiter limiter;

	BrazeUsersMerge(Connection connection, RateLimiter limiter) {
		super(BrazeEndpoints.USERS_MERGE, connection);
		this.api = HttpClients.exchange(BrazeApi.class, connection);
		this.limiter = limiter;
	}

	@Override
	public MergeUpdate toRequest(MappedRow row) {
		return new MergeUpdate(identifier(row, "merge"), identifier(row, "keep"));
	}

	private static Identifier identifier(MappedRow row, String side) {
		String aliasName = row.text(side + "AliasName");
		String email = row.text(side + "Email");
		String phone = row.text(side + "Phone");
		// Braze takes a prioritization only with email or phone
		String prioritization = (email != null || phone != null) ? row.text(side + "Prioritization") : null;
		return new Identifier(row.text(side + "ExternalId"),
				(aliasName != null) ? new Alias(aliasName, row.text(side + "AliasLabel")) : null, email, phone,
				(prioritization != null) ? BrazeEndpoints.priorities(prioritization) : null);
	}

	@Override
	public Optional<Link> link(MergeUpdate row) {
		return Optional.of(new Link(row.merge().key(), row.keep().key()));
	}

	@Override
	public DeliveryOutcome send(List<MergeUpdate> batch) {
		ResponseEntity<String> response;
		try {
			this.limiter.acquire();
			response = this.api.merge("Bearer " + this.connection.apiKey(), new MergeRequest(batch));
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return new DeliveryOutcome.Unavailable("interrupted while waiting for the rate limit");
		}
		catch (RestClientException ex) {
			return HttpClients.failure(this.connection, ex);
		}
		HttpHeaders headers = response.getHeaders();
		this.limiter.observe(number(headers, "X-RateLimit-Remaining"));
		int status = response.getStatusCode().value();
		String answer = "HTTP " + status + message(response.getBody());
		if (status == 429) {
			return throttled(headers, answer);
		}
		DeliveryOutcome outcome = HttpStatuses.classify(BrazeVendor.ID, status, answer, null, null);
		return (status == 401 || status == 403)
				? new DeliveryOutcome.Fatal(
						((DeliveryOutcome.Fatal) outcome).detail() + " (it needs the users.merge permission)")
				: outcome;
	}

	/** Wait until the window resets (or as long as Retry-After says), then send again. */
	private DeliveryOutcome throttled(HttpHeaders headers, String answer) {
		this.limiter.exhausted();
		Duration wait = HttpClients.retryAfter(headers);
		Long reset = number(headers, "X-RateLimit-Reset");
		if (reset != null) {
			Duration untilReset = Duration.between(Instant.now(), Instant.ofEpochSecond(reset));
			wait = (wait == null || untilReset.compareTo(wait) > 0) ? untilReset : wait;
		}
		if (wait == null || wait.isNegative()) {
			wait = Duration.ofSeconds(1);
		}
		return new DeliveryOutcome.Throttled(wait, answer);
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

	/** Braze's message, masked: it may quote an identifier. */
	private static String message(String body) {
		if (body == null || body.isBlank()) {
			return "";
		}
		try {
			String message = JSON.readTree(body).path("message").asString("");
			return message.isEmpty() ? "" : " (" + Masking.scrub(message) + ")";
		}
		catch (JacksonException ex) {
			return "";
		}
	}

}
