package com.audiencesync.destination.hackle;

import java.util.List;
import java.util.function.Function;

import com.audiencesync.destination.Connection;
import com.audiencesync.destination.DeliveryOutcome;
import com.audiencesync.destination.Endpoint;
import com.audiencesync.destination.EndpointDescriptor;
import com.audiencesync.destination.HttpClients;
import com.audiencesync.destination.RateLimiter;
import com.audiencesync.transform.Masking;
import com.audiencesync.transform.Transformed.Accepted;

import org.springframework.http.ResponseEntity;
import org.springframework.web.client.RestClientException;

/**
 * One Hackle endpoint: how a row becomes its request and which call carries it. Every
 * endpoint answers alike: 200 delivered, 400 an invalid record (that row is rejected with
 * Hackle's answer), 401 a missing or invalid key (the run stops).
 *
 * @param <R> the request record
 */
final class HackleEndpoint<R> implements Endpoint<R> {

	private final EndpointDescriptor descriptor;

	private final Connection connection;

	private final RateLimiter limiter;

	private final Function<Accepted, R> toRequest;

	private final Call<R> call;

	private final HackleApi api;

	HackleEndpoint(EndpointDescriptor descriptor, Connection connection, RateLimiter limiter,
			Function<Accepted, R> toRequest, Call<R> call) {
		this.descriptor = descriptor;
		this.connection = connection;
		this.limiter = limiter;
		this.toRequest = toRequest;
		this.call = call;
		this.api = HttpClients.exchange(HackleApi.class, connection);
	}

	/**
	 * The API call that carries one request.
	 *
	 * @param <R> the request record
	 */
	@FunctionalInterface
	interface Call<R> {

		ResponseEntity<String> send(HackleApi api, String key, R request);

	}

	@Override
	public EndpointDescriptor descriptor() {
		return this.descriptor;
	}

	@Override
	public void checkReady() {
		this.connection.check();
	}

	@Override
	public R toRequest(Accepted row) {
		return this.toRequest.apply(row);
	}

	@Override
	public DeliveryOutcome send(List<R> batch) {
		if (batch.size() != 1) {
			// the writer never groups more than the descriptor's limit of one
			throw new IllegalArgumentException("Hackle takes one record a request, not " + batch.size());
		}
		try {
			this.limiter.acquire();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return new DeliveryOutcome.Unavailable("interrupted while waiting for the rate limit");
		}
		ResponseEntity<String> response;
		try {
			response = this.call.send(this.api, this.connection.apiKey(), batch.get(0));
		}
		catch (RestClientException ex) {
			return new DeliveryOutcome.Unavailable(HttpClients.rootCause(ex));
		}
		return classify(response);
	}

	static DeliveryOutcome classify(ResponseEntity<String> response) {
		int status = response.getStatusCode().value();
		if (response.getStatusCode().is2xxSuccessful()) {
			return new DeliveryOutcome.Delivered();
		}
		String answer = "HTTP " + status + answer(response.getBody());
		return switch (status) {
			case 400, 422 -> new DeliveryOutcome.Rejected(String.valueOf(status), answer);
			case 401, 403 -> new DeliveryOutcome.Fatal(answer + ": check audience-sync.destinations.hackle.api-key "
					+ "(the server SDK key, X-HACKLE-API-KEY)");
			case 404, 405 -> new DeliveryOutcome.Fatal(answer + ": check audience-sync.destinations.hackle.base-url");
			case 413 -> new DeliveryOutcome.TooLarge(String.valueOf(status), answer);
			case 429 -> new DeliveryOutcome.Throttled(HttpClients.retryAfter(response.getHeaders()), answer);
			default -> new DeliveryOutcome.Unavailable(answer);
		};
	}

	/** Hackle's answer, short and masked: it may echo the record. */
	private static String answer(String body) {
		if (body == null || body.isBlank()) {
			return "";
		}
		String text = body.strip().replaceAll("\\s+", " ");
		return " (" + Masking.scrub((text.length() > 200) ? text.substring(0, 200) + "..." : text) + ")";
	}

}
