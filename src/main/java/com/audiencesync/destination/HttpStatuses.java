package com.audiencesync.destination;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * What an HTTP status means for a request, the same for every vendor: 2xx delivered, 400
 * and 422 a bad row (bisect), 401 and 403 a key the vendor refuses, 404, 405 and
 * redirects a wrong base URL (all fatal, naming the property), 413 too large (split), 429
 * throttled, and anything else unavailable (retry). A vendor handles its own exceptions
 * first (a 200 whose body says otherwise, a 400 about its project) and hands the rest
 * here.
 * <p>
 * A wrong base URL is told apart before any vendor reads the body ({@link #wrongUrl}):
 * the answer then comes from something that is not the vendor's API (a web server's HTML
 * page, another vendor's emulator), and read as the vendor's answer it looked like a
 * server error, retried for minutes before the run said to run the date again.
 */
public final class HttpStatuses {

	private HttpStatuses() {
	}

	/**
	 * The outcome of a status.
	 * @param vendor the vendor id, for the property names in fatal messages
	 * @param status the HTTP status
	 * @param answer the status and the vendor's answer, masked, e.g.
	 * {@code HTTP 400 (code 4000: ...)}
	 * @param code the vendor's error code for a bad row, or null to use the status
	 * @param retryAfter how long a 429 asks to wait, or null
	 */
	public static DeliveryOutcome classify(String vendor, int status, String answer, String code, Duration retryAfter) {
		if (status >= 200 && status < 300) {
			return new DeliveryOutcome.Delivered();
		}
		String property = "audience-sync.destinations." + vendor + ".";
		return switch (status) {
			case 400, 422 -> new DeliveryOutcome.Rejected((code != null) ? code : String.valueOf(status), answer);
			case 401, 403 -> new DeliveryOutcome.Fatal(answer + ": check " + property + "api-key");
			// the callers that know the URL answer wrongUrl first; this is the fallback
			case 404, 405 -> new DeliveryOutcome.Fatal(answer + ": check " + property + "base-url");
			case 413 -> new DeliveryOutcome.TooLarge(String.valueOf(status), answer);
			case 429 -> new DeliveryOutcome.Throttled(retryAfter, answer);
			default -> new DeliveryOutcome.Unavailable(answer);
		};
	}

	/**
	 * Whether a status says the request went to the wrong URL: no such endpoint (404),
	 * not one that takes the method (405), or a redirect, which is never followed (a key
	 * goes only where it is configured). Sending again cannot help.
	 */
	public static boolean meansWrongUrl(int status) {
		return status == 404 || status == 405 || (status >= 300 && status < 400);
	}

	/**
	 * The run stops: the URL that answered is wrong, so the base URL it was built from
	 * is. The message names the property, the URL that answered and what the endpoint
	 * added to the base URL, with the base URL probably meant when the configured one
	 * already ends with the start of the endpoint's path (a URL copied whole). No query,
	 * user info or key is shown.
	 * @param connection the vendor and the base URL the request was built from
	 * @param method the request's method, as the message puts it before the URL
	 * @param url the URL that answered
	 * @param status its status ({@link #meansWrongUrl})
	 * @param answer what it said, short and masked (empty for none or an HTML page)
	 * @param location where a redirect pointed, or null
	 */
	public static DeliveryOutcome.Fatal wrongUrl(Connection connection, String method, URI url, int status,
			String answer, String location) {
		String what = switch (status) {
			case 404 -> "not found";
			case 405 -> "method not allowed";
			default -> "a redirect" + redirect(location) + ", not followed";
		};
		String property = "audience-sync.destinations." + connection.vendor() + ".base-url";
		URI base = connection.baseUrl();
		StringBuilder message = new StringBuilder("HTTP ").append(status)
			.append(" (")
			.append(what)
			.append((answer == null || answer.isBlank() || answer.equalsIgnoreCase(what)) ? "" : ": " + answer)
			.append(") from ")
			.append(method)
			.append(' ')
			.append(shown(url))
			.append(": check ")
			.append(property)
			.append(" (")
			.append(shown(base));
		String added = added(base, url);
		if (added != null) {
			message.append("; the endpoint adds ").append(added).append(" to it");
			String meant = meant(base, added);
			if (meant != null) {
				message.append(": did you mean ").append(meant).append('?');
			}
		}
		return new DeliveryOutcome.Fatal(message.append(')').toString());
	}

	private static String redirect(String location) {
		if (location == null || location.isBlank()) {
			return "";
		}
		try {
			return " to " + shown(URI.create(location.strip()));
		}
		catch (IllegalArgumentException ex) {
			return "";
		}
	}

	/**
	 * A URL as messages show it: no user info, query or fragment, where a key or a user
	 * id may be. (Not masked: the host's address would be taken for a phone number.)
	 */
	static String shown(URI url) {
		if (url == null) {
			return "(none)";
		}
		String path = (url.getRawPath() != null) ? url.getRawPath() : "";
		if (url.getHost() == null) {
			return path;
		}
		return url.getScheme() + "://" + url.getHost() + ((url.getPort() >= 0) ? ":" + url.getPort() : "") + path;
	}

	/**
	 * The path the endpoint added to the base URL, or null when the URL is not below it.
	 */
	private static String added(URI base, URI url) {
		if (base == null || url == null || base.getRawPath() == null || url.getRawPath() == null) {
			return null;
		}
		String prefix = trimmed(base.getRawPath());
		String path = url.getRawPath();
		return (path.startsWith(prefix + "/") && path.length() > prefix.length() + 1) ? path.substring(prefix.length())
				: null;
	}

	/**
	 * The base URL without the segments it shares with the start of the endpoint's path
	 * ({@code .../groobee/personalizations} and {@code /personalizations}), or null when
	 * it shares none.
	 */
	private static String meant(URI base, String added) {
		List<String> baseSegments = segments(base.getRawPath());
		List<String> addedSegments = segments(added);
		for (int shared = Math.min(baseSegments.size(), addedSegments.size()); shared > 0; shared--) {
			if (baseSegments.subList(baseSegments.size() - shared, baseSegments.size())
				.equals(addedSegments.subList(0, shared))) {
				String path = String.join("/", baseSegments.subList(0, baseSegments.size() - shared));
				return shown(base.resolve(path.isEmpty() ? "/" : "/" + path)).replaceFirst("/$", "");
			}
		}
		return null;
	}

	private static List<String> segments(String path) {
		List<String> segments = new ArrayList<>(Arrays.asList(trimmed(path).split("/")));
		segments.removeIf(String::isEmpty);
		return segments;
	}

	private static String trimmed(String path) {
		return path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
	}

}
