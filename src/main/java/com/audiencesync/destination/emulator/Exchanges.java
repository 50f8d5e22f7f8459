package com.audiencesync.destination.emulator;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

import com.sun.net.httpserver.HttpExchange;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Request plumbing the emulators share; each vendor's validation, codes and messages stay
 * in its own emulator.
 */
public final class Exchanges {

	private Exchanges() {
	}

	/**
	 * Reads the body, or returns {@code null} if it is over the size limit.
	 */
	public static byte[] readBody(InputStream in, int maxBytes) throws IOException {
		// one byte more than allowed tells an oversized body from one exactly at the
		// limit
		byte[] body = in.readNBytes(maxBytes + 1);
		return (body.length > maxBytes) ? null : body;
	}

	/**
	 * Parses a body, or returns {@code null} if it is missing, empty or not JSON, so each
	 * emulator can answer that in its vendor's words.
	 */
	public static JsonNode parseJson(byte[] body) {
		if (body == null || body.length == 0) {
			return null;
		}
		try {
			return JsonMapper.shared().readTree(body);
		}
		catch (JacksonException ex) {
			return null;
		}
	}

	/**
	 * Whether the request says its body is JSON, ignoring parameters such as the charset.
	 */
	public static boolean isJson(HttpExchange exchange) {
		String contentType = exchange.getRequestHeaders().getFirst("Content-Type");
		if (contentType == null) {
			return false;
		}
		int parameters = contentType.indexOf(';');
		String mediaType = (parameters >= 0) ? contentType.substring(0, parameters) : contentType;
		return mediaType.trim().toLowerCase(Locale.ROOT).equals("application/json");
	}

	/**
	 * The token of an {@code Authorization: Bearer} header, or {@code null} if the header
	 * is missing or has another scheme.
	 */
	public static String bearerToken(HttpExchange exchange) {
		String authorization = exchange.getRequestHeaders().getFirst("Authorization");
		// the scheme name is case-insensitive (RFC 9110), the token is not
		if (authorization == null || authorization.length() < 7
				|| !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
			return null;
		}
		return authorization.substring(7).trim();
	}

	/**
	 * A query parameter's decoded value: empty when it has none, null when it is absent.
	 */
	public static String query(URI uri, String name) {
		String query = uri.getRawQuery();
		if (query == null) {
			return null;
		}
		for (String parameter : query.split("&")) {
			int equals = parameter.indexOf('=');
			String key = (equals >= 0) ? parameter.substring(0, equals) : parameter;
			if (name.equals(URLDecoder.decode(key, StandardCharsets.UTF_8))) {
				return (equals >= 0) ? URLDecoder.decode(parameter.substring(equals + 1), StandardCharsets.UTF_8) : "";
			}
		}
		return null;
	}

	/** The reason phrase of a status, for text bodies. */
	public static String reasonPhrase(int httpStatus) {
		return switch (httpStatus) {
			case 200 -> "OK";
			case 400 -> "Bad Request";
			case 401 -> "Unauthorized";
			case 403 -> "Forbidden";
			case 404 -> "Not Found";
			case 405 -> "Method Not Allowed";
			case 413 -> "Payload Too Large";
			case 415 -> "Unsupported Media Type";
			case 429 -> "Too Many Requests";
			case 500 -> "Internal Server Error";
			case 502 -> "Bad Gateway";
			case 503 -> "Service Unavailable";
			case 504 -> "Gateway Timeout";
			default -> "Error";
		};
	}

}
