package com.audiencesync.destination;

import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

import com.audiencesync.destination.Masking;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClientBuilder;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManager;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.io.SocketConfig;
import org.apache.hc.core5.util.Timeout;

import org.springframework.http.HttpHeaders;
import org.springframework.http.client.HttpComponentsClientHttpRequestFactory;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.support.RestClientAdapter;
import org.springframework.web.service.invoker.HttpServiceProxyFactory;

/**
 * The HTTP plumbing every vendor shares: one pooled Apache HttpClient 5 per endpoint, no
 * exceptions on status.
 */
public final class HttpClients {

	/** Connections kept per endpoint, at least any request pool's size. */
	static final int MAX_CONNECTIONS = 512;

	private HttpClients() {
	}

	/**
	 * A proxy of a vendor's {@code @HttpExchange} interface on that connection. Statuses
	 * never throw: the endpoint classifies them into a {@link DeliveryOutcome}.
	 */
	public static <S> S exchange(Class<S> api, Connection connection) {
		HttpComponentsClientHttpRequestFactory factory = new HttpComponentsClientHttpRequestFactory(pooled(connection));
		RestClient rest = RestClient.builder()
			.baseUrl(connection.baseUrl().toString())
			.requestFactory(factory)
			// a body with its length, in one write: no chunked encoding
			.bufferContent((uri, method) -> true)
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
