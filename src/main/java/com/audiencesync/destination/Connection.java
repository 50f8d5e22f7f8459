package com.audiencesync.destination;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Where and how one vendor is called. Built from a vendor's properties or, for
 * {@code --sandbox}, pointed at the local emulator. {@link #toString()} never shows the
 * key.
 *
 * @param vendor vendor id, for messages and property names
 * @param baseUrl the API's base URL
 * @param apiKey the secret; never logged
 * @param connectTimeout TCP connect timeout
 * @param readTimeout response timeout
 */
public record Connection(String vendor, URI baseUrl, String apiKey, Duration connectTimeout, Duration readTimeout) {

	/**
	 * Every reason the connection cannot be used, each naming its property and never
	 * showing the key: a missing key, a URL without a host, or one off loopback that is
	 * not https (a key never crosses a network in clear text). Empty when it can.
	 */
	public List<String> problems() {
		String prefix = "audience-sync.destinations." + this.vendor + ".";
		List<String> problems = new ArrayList<>();
		if (this.apiKey == null || this.apiKey.isBlank()) {
			problems.add(prefix + "api-key is not set (environment variable AUDIENCE_SYNC_DESTINATIONS_"
					+ this.vendor.toUpperCase(Locale.ROOT) + "_API_KEY); it has no default");
		}
		if (this.baseUrl == null) {
			problems.add(prefix + "base-url is not set; it has no default");
		}
		else if (this.baseUrl.getHost() == null) {
			problems.add(prefix + "base-url is not a URL with a host: " + this.baseUrl);
		}
		else if (!"https".equals(this.baseUrl.getScheme()) && !isLoopback(this.baseUrl.getHost())) {
			problems.add(
					prefix + "base-url must be https unless it is on loopback (127.0.0.1, localhost): " + this.baseUrl);
		}
		return problems;
	}

	private static boolean isLoopback(String host) {
		if ("localhost".equalsIgnoreCase(host)) {
			return true;
		}
		try {
			// literal addresses only: no name lookup for a check
			return host.matches("[0-9.]+|\\[?[0-9a-fA-F:]+]?") && InetAddress.getByName(host).isLoopbackAddress();
		}
		catch (UnknownHostException ex) {
			return false;
		}
	}

	/** The same connection with another URL and key (the sandbox). */
	public Connection pointedAt(URI url, String key) {
		return new Connection(this.vendor, url, key, this.connectTimeout, this.readTimeout);
	}

	@Override
	public String toString() {
		return "Connection[vendor=" + this.vendor + ", baseUrl=" + this.baseUrl + ", apiKey="
				+ ((this.apiKey == null) ? "(unset)" : "(set)") + "]";
	}

}
