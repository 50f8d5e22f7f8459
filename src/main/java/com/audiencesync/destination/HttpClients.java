package com.audiencesync.destination;

import java.net.http.HttpClient;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

import com.audiencesync.transform.Masking;

import org.springframework.http.HttpHeaders;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.support.RestClientAdapter;
import org.springframework.web.service.invoker.HttpServiceProxyFactory;

/**
 * The HTTP plumbing every vendor shares: one pooled JDK client per endpoint, no
 * exceptions on status.
 */
public final class HttpClients {

	private HttpClients() {
	}

	/**
	 * A proxy of a vendor's {@code @HttpExchange} interface on that connection. Statuses
	 * never throw: the endpoint classifies them into a {@link DeliveryOutcome}.
	 */
	public static <S> S exchange(Class<S> api, Connection connection) {
		HttpClient client = HttpClient.newBuilder()
			.connectTimeout(connection.connectTimeout())
			.version(HttpClient.Version.HTTP_1_1)
			.build();
		JdkClientHttpRequestFactory factory = new JdkClientHttpRequestFactory(client);
		factory.setReadTimeout(connection.readTimeout());
		RestClient rest = RestClient.builder()
			.baseUrl(connection.baseUrl().toString())
			.requestFactory(factory)
			.defaultStatusHandler((status) -> true, (request, response) -> {
			})
			.build();
		return HttpServiceProxyFactory.builderFor(RestClientAdapter.create(rest)).build().createClient(api);
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
		String value = headers.getFirst(HttpHeaders.RETRY_AFTER);
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
