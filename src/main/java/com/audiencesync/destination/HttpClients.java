package com.audiencesync.destination;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Proxy;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClientBuilder;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManager;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.io.SocketConfig;
import org.apache.hc.core5.util.Timeout;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.client.ClientHttpResponse;
import org.springframework.http.client.HttpComponentsClientHttpRequestFactory;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;
import org.springframework.web.client.RestClientResponseException;
import org.springframework.web.client.support.RestClientAdapter;
import org.springframework.web.service.invoker.HttpServiceProxyFactory;

/**
 * The HTTP plumbing every vendor shares: one pooled Apache HttpClient 5 per endpoint, no
 * exceptions on status but for a wrong URL.
 */
public final class HttpClients {

	/** Connections kept per endpoint, at least any request pool's size. */
	static final int MAX_CONNECTIONS = 512;

	/** Bytes of an answer read for a message, at most. */
	private static final int EXCERPT_BYTES = 2048;

	private static final JsonMapper JSON = JsonMapper.shared();

	private HttpClients() {
	}

	/**
	 * A proxy of a vendor's {@code @HttpExchange} interface on that connection. Statuses
	 * never throw, so the endpoint classifies them into a {@link DeliveryOutcome}, except
	 * those that mean the URL is wrong ({@link HttpStatuses#meansWrongUrl}): only here is
	 * the URL that answered known, so they throw an exception holding the fatal outcome,
	 * which {@link #failure} gives back.
	 */
	public static <S> S exchange(Class<S> api, Connection connection) {
		if (connection.baseUrl() == null) {
			// a dry run or a check builds the endpoint for its request records only: one
			// without a base URL (Braze has no public one) sends nothing, saying why
			return api
				.cast(Proxy.newProxyInstance(api.getClassLoader(), new Class<?>[] { api }, (proxy, method, args) -> {
					if (method.getDeclaringClass() == Object.class) {
						return switch (method.getName()) {
							case "equals" -> proxy == args[0];
							case "hashCode" -> System.identityHashCode(proxy);
							default -> api.getSimpleName() + " without a base URL";
						};
					}
					throw new IllegalStateException("audience-sync.destinations." + connection.vendor()
							+ ".base-url is not set: nothing can be sent");
				}));
		}
		HttpComponentsClientHttpRequestFactory factory = new HttpComponentsClientHttpRequestFactory(pooled(connection));
		RestClient rest = RestClient.builder()
			.baseUrl(connection.baseUrl().toString())
			.requestFactory(factory)
			// a body with its length, in one write: no chunked encoding
			.bufferContent((uri, method) -> true)
			.defaultStatusHandler((status) -> HttpStatuses.meansWrongUrl(status.value()), (request, response) -> {
				throw new WrongUrlException(HttpStatuses.wrongUrl(connection, request.getMethod().name(),
						request.getURI(), response.getStatusCode().value(), excerpt(response),
						response.getHeaders().getFirst(HttpHeaders.LOCATION)));
			})
			.defaultStatusHandler((status) -> true, (request, response) -> {
			})
			.build();
		return HttpServiceProxyFactory.builderFor(RestClientAdapter.create(rest)).build().createClient(api);
	}

	/**
	 * A pooled client with the connection's timeouts, TCP_NODELAY, and neither retries
	 * (the destination's own) nor redirects (a misconfiguration).
	 */
	public static CloseableHttpClient pooled(Connection connection) {
		Timeout connect = Timeout.of(connection.connectTimeout());
		Timeout read = Timeout.of(connection.readTimeout());
		PoolingHttpClientConnectionManager connections = PoolingHttpClientConnectionManagerBuilder.create()
			// the request pool bounds requests in flight; the connection pool follows it
			.setMaxConnTotal(MAX_CONNECTIONS)
			.setMaxConnPerRoute(MAX_CONNECTIONS)
			.setDefaultConnectionConfig(
					ConnectionConfig.custom().setConnectTimeout(connect).setSocketTimeout(read).build())
			.setDefaultSocketConfig(SocketConfig.custom().setTcpNoDelay(true).build())
			.build();
		CloseableHttpClient client = HttpClientBuilder.create()
			.setConnectionManager(connections)
			.setDefaultRequestConfig(RequestConfig.custom().setResponseTimeout(read).build())
			// retries are the destination's own (DeliveryRetry), redirects a
			// misconfiguration
			.disableAutomaticRetries()
			.disableRedirectHandling()
			.disableCookieManagement()
			.disableAuthCaching()
			.build();
		return client;
	}

	/**
	 * What a request that threw comes to: the fatal outcome of a wrong URL, Spring's
	 * exception for a status classified by that status (should a status handler other
	 * than {@link #exchange}'s ever throw one), else unavailable (a connection refused, a
	 * timeout: sent again).
	 */
	public static DeliveryOutcome failure(Connection connection, RestClientException ex) {
		if (ex instanceof WrongUrlException wrong) {
			return wrong.outcome;
		}
		if (ex instanceof RestClientResponseException answered) {
			int status = answered.getStatusCode().value();
			HttpHeaders headers = (answered.getResponseHeaders() != null) ? answered.getResponseHeaders()
					: new HttpHeaders();
			String excerpt = excerpt(headers.getFirst(HttpHeaders.CONTENT_TYPE), answered.getResponseBodyAsString());
			if (HttpStatuses.meansWrongUrl(status)) {
				// the request's URL is not kept by Spring's exception: the base URL
				// stands in
				return HttpStatuses.wrongUrl(connection, "a request below", connection.baseUrl(), status, excerpt,
						headers.getFirst(HttpHeaders.LOCATION));
			}
			return HttpStatuses.classify(connection.vendor(), status,
					"HTTP " + status + (excerpt.isEmpty() ? "" : " (" + excerpt + ")"), null, retryAfter(headers));
		}
		return new DeliveryOutcome.Unavailable(rootCause(ex));
	}

	/**
	 * What an answer said, for a message: short, on one line, masked; empty for none or
	 * for an HTML page (a web server's, not the vendor's API).
	 * @param contentType the answer's {@code Content-Type}, or null
	 * @param body the answer's body, or null
	 */
	public static String excerpt(String contentType, String body) {
		if (body == null || body.isBlank()) {
			return "";
		}
		String text = body.strip();
		if ((contentType != null && contentType.toLowerCase().contains("html")) || text.startsWith("<")) {
			return "";
		}
		if (text.startsWith("{")) {
			// a JSON error's message says it; the rest is codes the status already gives
			try {
				String message = JSON.readTree(text).path("message").asString("");
				text = message.isBlank() ? text : message;
			}
			catch (JacksonException ex) {
				// not JSON after all: shown as text
			}
		}
		text = text.replaceAll("\\s+", " ");
		return Masking.scrub((text.length() > 160) ? text.substring(0, 160) + "..." : text);
	}

	private static String excerpt(ClientHttpResponse response) {
		try (InputStream body = response.getBody()) {
			MediaType type = response.getHeaders().getContentType();
			Charset charset = (type != null && type.getCharset() != null) ? type.getCharset() : StandardCharsets.UTF_8;
			return excerpt((type != null) ? type.toString() : null,
					new String(body.readNBytes(EXCERPT_BYTES), charset));
		}
		catch (IOException | RuntimeException ex) {
			// a body that cannot be read, or a Content-Type that is not one: the status
			// and the URL say enough
			return "";
		}
	}

	/** A wrong URL's answer, thrown by the status handler with its fatal outcome. */
	static final class WrongUrlException extends RestClientException {

		private final transient DeliveryOutcome.Fatal outcome;

		WrongUrlException(DeliveryOutcome.Fatal outcome) {
			super(outcome.detail());
			this.outcome = outcome;
		}

	}

	/**
	 * The innermost cause of a transport error, for a message: its type and its text,
	 * masked.
	 */
	public static String rootCause(Throwable ex) {
		Throwable cause = ex;
		while (cause.getCause() != null) {
			cause = cause.getCause();
		}
		return cause.getClass().getSimpleName()
				+ ((cause.getMessage() != null) ? ": " + Masking.scrub(cause.getMessage()) : "");
	}

	/**
	 * The wait a {@code Retry-After} header asks for (seconds or an HTTP date), or null.
	 */
	public static Duration retryAfter(HttpHeaders headers) {
		return retryAfter(headers.getFirst(HttpHeaders.RETRY_AFTER));
	}

	/**
	 * The wait a {@code Retry-After} value asks for (seconds or an HTTP date), or null
	 * when there is none or it is neither.
	 */
	public static Duration retryAfter(String value) {
		if (value == null || value.isBlank()) {
			return null;
		}
		try {
			return Duration.ofSeconds(Math.max(0, Long.parseLong(value.strip())));
		}
		catch (NumberFormatException ex) {
			try {
				Duration wait = Duration.between(ZonedDateTime.now(),
						ZonedDateTime.parse(value.strip(), DateTimeFormatter.RFC_1123_DATE_TIME));
				return wait.isNegative() ? Duration.ZERO : wait;
			}
			catch (DateTimeParseException notADate) {
				return null;
			}
		}
	}

}
