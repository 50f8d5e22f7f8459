package com.audiencesync.destination.hackle.emulator;

import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.zip.CRC32;

import com.audiencesync.destination.emulator.Response;

/**
 * The Hackle emulator's own fault: about {@code perMille}/1000 of the distinct records
 * fail once each, with 503 or 429 alternately, picked by the record's content so the same
 * records fail on every run; sent again, each goes through. Not thread-safe: the emulator
 * guards it with its lock.
 */
final class HackleFailOnce {

	private final Set<String> failedOnce = new HashSet<>();

	private int perMille;

	void perMille(int perMille) {
		this.perMille = perMille;
	}

	/** The failure of a record picked to fail that has not failed yet, or null. */
	Response answer(String endpoint, byte[] body, String userQuery) {
		if (this.perMille <= 0) {
			return null;
		}
		CRC32 crc = new CRC32();
		crc.update(endpoint.getBytes(StandardCharsets.UTF_8));
		if (body != null) {
			crc.update(body);
		}
		if (userQuery != null) {
			crc.update(userQuery.getBytes(StandardCharsets.UTF_8));
		}
		long hash = crc.getValue();
		if (hash % 1000 >= this.perMille || !this.failedOnce.add(endpoint + ":" + hash)) {
			return null;
		}
		return ((hash / 1000) % 2 == 0) ? Response.text(503, Map.of()) : Response.text(429, Map.of("Retry-After", "0"));
	}

	/** Stops failing records; those that failed are remembered. */
	void clearFault() {
		this.perMille = 0;
	}

	/** Forgets which records failed. */
	void clear() {
		this.failedOnce.clear();
	}

}
