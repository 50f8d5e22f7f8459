package com.audiencesync.destination.emulator;

import java.io.IOException;
import java.net.URI;
import java.util.Map;

import com.sun.net.httpserver.HttpExchange;

/**
 * One vendor's API inside the sandbox, mounted under {@code /{vendor}/}: it enforces the
 * vendor's contract, keeps what it accepted in memory and can be told to fail. Each
 * vendor's {@code emulator} sub-package provides one ({@link EmulatorFactory}); the
 * sandbox server and vendor-neutral tests know emulators only through this interface.
 * Implementations are thread-safe.
 */
public interface Emulator {

	/** The path segment it is mounted under, the vendor's id, e.g. {@code groobee}. */
	String vendor();

	/**
	 * Answers one request whose path starts with {@code /{vendor}/}; the server closes
	 * the exchange afterwards.
	 */
	void handle(HttpExchange exchange) throws IOException;

	/**
	 * The vendor's properties, below {@code audience-sync.destinations.<vendor>.}, that
	 * point a client at this emulator: {@code base-url}, {@code api-key} and whatever
	 * else the vendor needs (a project id).
	 * @param baseUrl where the emulator is mounted
	 */
	Map<String, String> clientProperties(URI baseUrl);

	/**
	 * What the {@code sandbox} command prints after the vendor's base URL: the endpoints'
	 * paths below it, which a run adds to the base URL (never part of it), and how the
	 * key is sent, e.g. {@code POST /personalizations (key in x-api-key)}.
	 */
	String endpoints();

	/** What it received, one line, printed after a {@code --sandbox} run. */
	String summary();

	/** Requests received for the vendor's API, rejected ones included. */
	int requestCount();

	/** Requests accepted and stored. */
	int acceptedRequestCount();

	/** Items (rows, events, records) in accepted requests. */
	long itemsAccepted();

	/**
	 * What it keeps by the vendor's key (phone number, user id), in first-arrival order.
	 */
	Map<String, StoredRecord> records();

	/** How many accepted records carried that key; 0 when none did. */
	default int deliveries(String key) {
		StoredRecord record = records().get(key);
		return (record != null) ? record.deliveries() : 0;
	}

	/**
	 * Makes the next requests answer that HTTP status with a short text body and store
	 * nothing, as a gateway in front of the vendor would.
	 */
	void failNextWithHttpStatus(int requests, int httpStatus, String retryAfterSeconds);

	/**
	 * Makes every request fail once {@link #itemsAccepted()} has reached the threshold,
	 * until {@link #clearFaults()} or {@link #reset()}: a vendor that goes down for good
	 * midway through a sync. The vendor answers a server error its own way (an HTTP
	 * status, or a process code in a 200).
	 */
	void failAfterItems(long acceptedItems, int httpStatus);

	/**
	 * Refuses every record of that identity (a user id), as the vendor refuses a bad row.
	 */
	void reject(String identity);

	/**
	 * Answers each request only after this long (a slow vendor; zero for none): kept
	 * until cleared with the faults.
	 */
	void delayEachRequest(java.time.Duration latency);

	/**
	 * Accepts a second key beside the first, as a vendor does while a key is rotated or
	 * when a project has several keys; kept by {@link #reset()}.
	 */
	void acceptKey(String key);

	/** Clears every injected fault; stored data and counters are kept. */
	void clearFaults();

	/** Forgets what was received, every counter and every fault. */
	void reset();

}
