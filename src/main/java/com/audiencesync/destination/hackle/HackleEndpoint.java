package com.audiencesync.destination.hackle;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Function;

import com.audiencesync.destination.Connection;
import com.audiencesync.destination.DeliveryOutcome;
import com.audiencesync.destination.EndpointBase;
import com.audiencesync.destination.EndpointDescriptor;
import com.audiencesync.destination.HttpClients;
import com.audiencesync.destination.HttpStatuses;
import com.audiencesync.destination.MappedRow;
import com.audiencesync.destination.Masking;
import com.audiencesync.destination.RateLimiter;
import org.apache.hc.client5.http.classic.methods.HttpDelete;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.classic.methods.HttpUriRequestBase;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.http.io.entity.EntityUtils;

import org.springframework.http.HttpHeaders;

/**
 * One Hackle endpoint: how a row becomes its request record and how the record is sent.
 * Every endpoint answers alike: 200 delivered, 400 an invalid record (that row is
 * rejected with Hackle's answer), 401 a missing or invalid key, 404 or 405 a wrong base
 * URL (the run stops).
 * <p>
 * Hackle takes one record a request, so a run sends tens of thousands of small requests:
 * they go straight through the pooled HTTP client as JSON bytes with their length,
 * without the declarative client the bulk vendors use, whose per-call overhead cost a
 * quarter of the throughput on loopback.
 *
 * @param <R> the request record
 */
final class HackleEndpoint<R> extends EndpointBase<R> {

	static final String KEY_HEADER = "X-HACKLE-API-KEY";

	private final RateLimiter limiter;

	private final Function<MappedRow, R> toRequest;

	private final Route<R> route;

	private final CloseableHttpClient http;

	private final String baseUrl;

	HackleEndpoint(EndpointDescriptor descriptor, Connection connection, RateLimiter limiter,
			Function<MappedRow, R> toRequest, Route<R> route) {
		super(descriptor, connection);
		this.limiter = limiter;
		this.toRequest = toRequest;
		this.route = route;
		this.http = HttpClients.pooled(connection);
		String base = String.valueOf(connection.baseUrl());
		this.baseUrl = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
	}

	/**
	 * How a record is sent.
	 *
	 * @param <R> the request record
	 */
	@FunctionalInterface
	interface Route<R> {

		/** The request for a record, on that base URL (no trailing slash). */
		HttpUriRequestBase request(String baseUrl, R record);

		/** {@code POST path} with the record as its JSON body. */
		static <R> Route<R> post(String path) {
			return (base, record) -> {
				HttpPost post = new HttpPost(base + path);
				post.setEntity(new ByteArrayEntity(JSON.writeValueAsBytes(record), ContentType.APPLICATION_JSON));
				return post;
			};
		}

		/** {@code DELETE path?name=value}, the value taken from the record. */
		static <R> Route<R> delete(String path, String name, Function<R, String> value) {
			return (base, record) -> new HttpDelete(
					base + path + "?" + name + "=" + URLEncoder.encode(value.apply(record), StandardCharsets.UTF_8));
		}

	}

	@Override
	public R toRequest(MappedRow row) {
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
		HttpUriRequestBase request = this.route.request(this.baseUrl, batch.get(0));
		request.setHeader(KEY_HEADER, this.connection.apiKey());
		request.setHeader("Accept", "application/json");
		try {
			return this.http.execute(request, (response) -> {
				String body = (response.getEntity() != null) ? EntityUtils.toString(response.getEntity()) : null;
				if (HttpStatuses.meansWrongUrl(response.getCode())) {
					Header type = response.getFirstHeader(HttpHeaders.CONTENT_TYPE);
					Header location = response.getFirstHeader(HttpHeaders.LOCATION);
					return HttpStatuses.wrongUrl(this.connection, request.getMethod(), uri(request), response.getCode(),
							HttpClients.excerpt((type != null) ? type.getValue() : null, body),
							(location != null) ? location.getValue() : null);
				}
				Header retryAfter = response.getFirstHeader(HttpHeaders.RETRY_AFTER);
				return classify(response.getCode(), body, (retryAfter != null) ? retryAfter.getValue() : null);
			});
		}
		catch (IOException | RuntimeException ex) {
			return new DeliveryOutcome.Unavailable(HttpClients.rootCause(ex));
		}
	}

	private static URI uri(HttpUriRequestBase request) {
		try {
			return request.getUri();
		}
		catch (URISyntaxException ex) {
			return null;
		}
	}

	static DeliveryOutcome classify(int status, String body, String retryAfter) {
		return HttpStatuses.classify(HackleVendor.ID, status, "HTTP " + status + answer(body), null,
				HttpClients.retryAfter(retryAfter));
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
