package com.audiencesync.destination;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.stereotype.Component;

/**
 * The request budgets of this process: one per vendor and API key, whatever job or
 * partition asks, since vendors count requests per key.
 */
@Component
public class RateLimiters {

	private final Map<String, RateLimiter> limiters = new ConcurrentHashMap<>();

	/** The limiter of that vendor's key; created with that limit on first use. */
	public RateLimiter forKey(String vendor, String apiKey, RateLimitProperties limit) {
		if (limit.requests() <= 0) {
			return RateLimiter.NONE;
		}
		// the key itself is never kept, only a hash to tell keys apart
		String id = vendor + ":" + sha256(String.valueOf(apiKey)) + ":" + limit.requests() + "/" + limit.window();
		return this.limiters.computeIfAbsent(id, (ignored) -> RateLimiter.local(limit));
	}

	private static String sha256(String text) {
		try {
			return HexFormat.of()
				.formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
