package com.audiencesync.destination;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.client.HttpClientErrorException;
import org.springframework.web.client.HttpServerErrorException;
import org.springframework.web.client.ResourceAccessException;

import static org.assertj.core.api.Assertions.assertThat;

/** What a wrong URL's answer becomes: a fatal outcome that says where to look. */
class HttpStatusesTests {

	private static Connection connection(String vendor, String baseUrl) {
		return new Connection(vendor, URI.create(baseUrl), "the-key", Duration.ofSeconds(1), Duration.ofSeconds(1));
	}

	@Test
	void notFoundNotAllowedAndRedirectsMeanAWrongUrlAndNothingElseDoes() {
		assertThat(HttpStatuses.meansWrongUrl(404)).isTrue();
		assertThat(HttpStatuses.meansWrongUrl(405)).isTrue();
		assertThat(HttpStatuses.meansWrongUrl(301)).isTrue();
		assertThat(HttpStatuses.meansWrongUrl(308)).isTrue();
		for (int status : new int[] { 200, 202, 400, 401, 403, 413, 422, 429, 500, 503 }) {
			assertThat(HttpStatuses.meansWrongUrl(status)).as("" + status).isFalse();
		}
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|',
			textBlock = """
					groobee  | http://127.0.0.1:8089/groobee/personalizations | /personalizations         | http://127.0.0.1:8089/groobee
					marketap | http://127.0.0.1:8089/marketap/v1/api          | /v1/api/profile/user      | http://127.0.0.1:8089/marketap
					braze    | https://rest.iad-01.braze.com/users/merge/     | /users/merge              | https://rest.iad-01.braze.com
					hackle   | https://api.hackle.io/v1                       | /v1/properties            | https://api.hackle.io
					""")
	void aBaseUrlEndingWithTheEndpointsPathIsNamedWithTheOneMeant(String vendor, String base, String path,
			String meant) {
		URI url = URI.create(base.replaceFirst("/$", "") + path);

		DeliveryOutcome.Fatal fatal = HttpStatuses.wrongUrl(connection(vendor, base), "POST", url, 404, "", null);

		assertThat(fatal.detail())
			.isEqualTo("HTTP 404 (not found) from POST " + url + ": check audience-sync." + "destinations." + vendor
					+ ".base-url (" + base + "; the endpoint adds " + path + " to it: did you mean " + meant + "?)");
	}

	@Test
	void aUrlIsShownWithoutItsUserInfoOrQuery() {
		Connection connection = connection("hackle", "https://user:secret@api.example.com/hackle");

		DeliveryOutcome.Fatal fatal = HttpStatuses.wrongUrl(connection, "DELETE",
				URI.create("https://user:secret@api.example.com/hackle/v1/properties/phone-numbers?userId=u-1"), 405,
				"no DELETE here", null);

		assertThat(fatal.detail())
			.isEqualTo("HTTP 405 (method not allowed: no DELETE here) from DELETE https://api.example.com/hackle/v1/"
					+ "properties/phone-numbers: check audience-sync.destinations.hackle.base-url "
					+ "(https://api.example.com/hackle; the endpoint adds /v1/properties/phone-numbers to it)")
			.doesNotContain("secret")
			.doesNotContain("u-1");
	}

	@Test
	void aRedirectSaysWhereItPointedAndIsNotFollowed() {
		DeliveryOutcome.Fatal fatal = HttpStatuses.wrongUrl(connection("braze", "https://rest.braze.example"), "POST",
				URI.create("https://rest.braze.example/users/merge"), 301, "",
				"https://rest.iad-02.braze.example/users/merge?x=1");

		assertThat(fatal.detail()).startsWith("HTTP 301 (a redirect to https://rest.iad-02.braze.example/users/merge, "
				+ "not followed) from POST https://rest.braze.example/users/merge: check audience-sync.destinations."
				+ "braze.base-url (https://rest.braze.example; the endpoint adds /users/merge to it)");
	}

	@Test
	void anAnswerIsShortMaskedAndNeverAnHtmlPage() {
		assertThat(HttpClients.excerpt("text/html", "<html><body>404</body></html>")).isEmpty();
		assertThat(HttpClients.excerpt(null, "  <!DOCTYPE html><html></html>")).isEmpty();
		assertThat(HttpClients.excerpt("application/json", "{\"code\":4040,\"message\":\"not found\"}"))
			.isEqualTo("not found");
		assertThat(HttpClients.excerpt("text/plain", "no user\n010-1234-5678")).isEqualTo("no user ***-****-**78");
		assertThat(HttpClients.excerpt("text/plain", "x".repeat(500))).hasSize(163);
	}

	@Test
	void springsStatusExceptionsAreClassifiedByTheirStatusNotAsUnavailable() {
		Connection connection = connection("groobee", "https://api.example.com/groobee/personalizations");

		DeliveryOutcome notFound = HttpClients.failure(connection,
				HttpClientErrorException.create(HttpStatus.NOT_FOUND, "Not Found", new HttpHeaders(),
						"<html>gone</html>".getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8));
		DeliveryOutcome unauthorized = HttpClients.failure(connection, HttpClientErrorException
			.create(HttpStatus.UNAUTHORIZED, "Unauthorized", new HttpHeaders(), new byte[0], StandardCharsets.UTF_8));
		DeliveryOutcome down = HttpClients.failure(connection, HttpServerErrorException
			.create(HttpStatus.SERVICE_UNAVAILABLE, "down", new HttpHeaders(), new byte[0], StandardCharsets.UTF_8));
		DeliveryOutcome refused = HttpClients.failure(connection,
				new ResourceAccessException("I/O error", new java.net.ConnectException("Connection refused")));

		assertThat(notFound).isInstanceOfSatisfying(DeliveryOutcome.Fatal.class,
				(fatal) -> assertThat(fatal.detail())
					.startsWith("HTTP 404 (not found) from a request below https://api.example.com/groobee/"
							+ "personalizations: check audience-sync.destinations.groobee.base-url"));
		assertThat(unauthorized).isInstanceOfSatisfying(DeliveryOutcome.Fatal.class,
				(fatal) -> assertThat(fatal.detail()).contains("audience-sync.destinations.groobee.api-key"));
		assertThat(down).isInstanceOf(DeliveryOutcome.Unavailable.class);
		assertThat(refused).isInstanceOfSatisfying(DeliveryOutcome.Unavailable.class,
				(unavailable) -> assertThat(unavailable.detail()).isEqualTo("ConnectException: Connection refused"));
	}

}
