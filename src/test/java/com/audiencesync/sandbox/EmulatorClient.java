package com.audiencesync.sandbox;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A small HTTP client of one emulator, for its contract tests: requests below its base
 * URL with the vendor's key header, JSON bodies, string answers.
 */
public final class EmulatorClient {

	private static final JsonMapper JSON = JsonMapper.shared();

	private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private final URI baseUrl;

	private final String keyHeader;

	private final String keyPrefix;

	/**
	 * @param baseUrl the emulator's base URL
	 * @param keyHeader the header that carries the key, e.g. {@code Authorization}
	 * @param keyPrefix what precedes the key in it, e.g. {@code "Bearer "}
	 */
	public EmulatorClient(URI baseUrl, String keyHeader, String keyPrefix) {
		this.baseUrl = baseUrl;
		this.keyHeader = keyHeader;
		this.keyPrefix = keyPrefix;
	}

	/** A request below the base URL, with the key and the content type when not null. */
	public HttpRequest.Builder request(String pathAndQuery, String apiKey, String contentType) {
		HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(this.baseUrl + pathAndQuery))
			.timeout(Duration.ofSeconds(10));
		if (apiKey != null) {
			builder.header(this.keyHeader, this.keyPrefix + apiKey);
		}
		if (contentType != null) {
			builder.header("Content-Type", contentType);
		}
		return builder;
	}

	/** Sends it; the answer's body as text. */
	public HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
		return this.client.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
	}

	/** Sends it without waiting. */
	public CompletableFuture<HttpResponse<String>> sendAsync(HttpRequest.Builder request) {
		return this.client.sendAsync(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
	}

	/** A value as a JSON body. */
	public static HttpRequest.BodyPublisher body(Object value) {
		return HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(value));
	}

	/** An answer's body as JSON. */
	public static JsonNode json(HttpResponse<String> response) {
		return JSON.readTree(response.body());
	}

}
