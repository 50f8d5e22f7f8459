package com.audiencesync.destination.emulator;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import com.sun.net.httpserver.HttpExchange;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * One answer of an emulator, built while the emulator holds its lock and sent after it
 * has let go, so a slow client never blocks the other requests.
 *
 * @param status the HTTP status
 * @param contentType the {@code Content-Type} header value
 * @param body the body, sent unless the request is {@code HEAD}
 * @param headers further headers, in the order they are set
 */
public record Response(int status, String contentType, byte[] body, Map<String, String> headers) {

	/**
	 * A JSON body.
	 */
	public static Response json(int status, JsonNode body, Map<String, String> headers) {
		return new Response(status, "application/json;charset=UTF-8", JsonMapper.shared().writeValueAsBytes(body),
				headers);
	}

	/**
	 * A short text body naming the status, as a gateway or a web server in front of the
	 * vendor would answer rather than the vendor's API itself.
	 */
	public static Response text(int status, Map<String, String> headers) {
		String text = status + " " + Exchanges.reasonPhrase(status) + " (sandbox)\n";
		return new Response(status, "text/plain;charset=UTF-8", text.getBytes(StandardCharsets.UTF_8), headers);
	}

	/** A JSON body without further headers. */
	public static Response json(int status, JsonNode body) {
		return json(status, body, Map.of());
	}

	/** {@code {}} with that status. */
	public static Response emptyJson(int status) {
		return new Response(status, "application/json;charset=UTF-8", "{}".getBytes(StandardCharsets.UTF_8), Map.of());
	}

	void send(HttpExchange exchange) throws IOException {
		exchange.getResponseHeaders().set("Content-Type", this.contentType);
		this.headers.forEach(exchange.getResponseHeaders()::set);
		if ("HEAD".equals(exchange.getRequestMethod())) {
			// a HEAD response must not carry a body
			exchange.sendResponseHeaders(this.status, -1);
			return;
		}
		exchange.sendResponseHeaders(this.status, this.body.length);
		try (OutputStream out = exchange.getResponseBody()) {
			out.write(this.body);
		}
	}

}
