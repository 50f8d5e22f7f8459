package com.audiencesync.destination.emulator;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpExchange;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * What every emulator shares: the API key, the counters (requests, accepted requests and
 * items, the largest batch, the most requests in flight), the injected faults
 * ({@link Faults}), reset, and a {@code GET state} answer. A vendor's emulator adds its
 * contract, its store and its own answers.
 * <p>
 * Subclasses guard their store with {@link #lock}, the same lock that guards the counters
 * and faults, so a fault check, a threshold and a store are atomic.
 */
public abstract class EmulatorBase implements Emulator {

	/** The JSON mapper of answers and state. */
	protected static final JsonMapper JSON = JsonMapper.shared();

	/** Guards the counters, the faults and the subclass's store. */
	protected final Object lock = new Object();

	private final String vendor;

	private final String apiKey;

	/** Keys accepted beside the first ({@link #acceptKey}). */
	private final Set<String> otherKeys = ConcurrentHashMap.newKeySet();

	private final AtomicInteger inFlight = new AtomicInteger();

	private final AtomicInteger maxInFlight = new AtomicInteger();

	// everything below is guarded by lock, but for the faults' delay

	private final Faults faults;

	private int requestCount;

	private int acceptedRequestCount;

	private long itemsAccepted;

	private int maxBatchSizeSeen;

	/**
	 * @param vendor the vendor id, the path segment it is mounted under
	 * @param apiKey the key it accepts
	 * @param anyGatewayStatus whether a gateway fault may answer any status (a vendor
	 * whose own errors are HTTP 200) or only 4xx and 5xx
	 */
	protected EmulatorBase(String vendor, String apiKey, boolean anyGatewayStatus) {
		this.vendor = vendor;
		this.apiKey = apiKey;
		this.faults = new Faults(anyGatewayStatus);
	}

	@Override
	public final String vendor() {
		return this.vendor;
	}

	@Override
	public final void handle(HttpExchange exchange) throws IOException {
		this.maxInFlight.accumulateAndGet(this.inFlight.incrementAndGet(), Math::max);
		Response response;
		try {
			this.faults.delay();
			String path = exchange.getRequestURI().getPath().substring(this.vendor.length() + 1);
			response = "/state".equals(path) ? stateRequest(exchange) : answer(exchange, path);
		}
		catch (RuntimeException ex) {
			// an emulator bug must still answer in the vendor's words
			response = internalError();
		}
		finally {
			this.inFlight.decrementAndGet();
		}
		response.send(exchange);
	}

	/**
	 * Answers a request.
	 * @param exchange the request
	 * @param path its path below {@code /{vendor}}, e.g. {@code /v1/properties}
	 */
	protected abstract Response answer(HttpExchange exchange, String path) throws IOException;

	/** The vendor's answer to an error of its own (HTTP 500 or its equivalent). */
	protected abstract Response internalError();

	/**
	 * Whether the request carries the key, the vendor's way (a header, a Bearer token).
	 */
	protected abstract boolean authorized(HttpExchange exchange);

	/** An error answer in the vendor's shape, e.g. {@code {"message": ...}}. */
	protected abstract Response error(int status, String message);

	/** {@code GET /{vendor}/state} with the key: what the emulator holds, as JSON. */
	private Response stateRequest(HttpExchange exchange) {
		if (!"GET".equals(exchange.getRequestMethod())) {
			return error(405, "GET only");
		}
		return authorized(exchange) ? state() : error(401, "the API key is missing or invalid");
	}

	/** Whether a presented key (null when none) is one the emulator accepts. */
	protected final boolean keyMatches(String presented) {
		return this.apiKey.equals(presented) || (presented != null && this.otherKeys.contains(presented));
	}

	@Override
	public final void acceptKey(String key) {
		this.otherKeys.add(key);
	}

	/** The key the emulator accepts, for {@link #clientProperties}. */
	protected final String apiKey() {
		return this.apiKey;
	}

	/** Counts a request to the vendor's API. */
	protected final void received() {
		synchronized (this.lock) {
			this.requestCount++;
		}
	}

	/** Notes the size of a request's batch. Caller holds the lock. */
	protected final void batchSeen(int items) {
		this.maxBatchSizeSeen = Math.max(this.maxBatchSizeSeen, items);
	}

	/** Counts an accepted request of that many items. Caller holds the lock. */
	protected final void accepted(long items) {
		this.acceptedRequestCount++;
		this.itemsAccepted += items;
	}

	/** The pending gateway fault's answer, or null. Caller holds the lock. */
	protected final Response gatewayFault() {
		return this.faults.gatewayFault();
	}

	/**
	 * The status of a vendor that failed for good midway ({@link #failAfterItems}), or 0
	 * when it has not. Caller holds the lock.
	 */
	protected final int failedMidway() {
		return this.faults.failedMidway(this.itemsAccepted);
	}

	/** Whether records of that identity are refused. Caller holds the lock. */
	protected final boolean isRejected(String identity) {
		return this.faults.isRejected(identity);
	}

	/**
	 * The state shown by {@code GET}: the counters, then what the vendor adds.
	 */
	protected final Response state() {
		synchronized (this.lock) {
			ObjectNode state = JSON.createObjectNode();
			state.put("requests", this.requestCount);
			state.put("acceptedRequests", this.acceptedRequestCount);
			state.put("itemsAccepted", this.itemsAccepted);
			state.put("maxBatchSizeSeen", this.maxBatchSizeSeen);
			state.put("maxInFlight", this.maxInFlight.get());
			describe(state);
			return Response.json(200, state);
		}
	}

	/** Adds the vendor's store to the state. Caller holds the lock. */
	protected abstract void describe(ObjectNode state);

	/** Forgets the vendor's store. Caller holds the lock. */
	protected abstract void clearStore();

	/** Clears the vendor's own faults, if it has any. Caller holds the lock. */
	protected void clearVendorFaults() {
	}

	@Override
	public String summary() {
		synchronized (this.lock) {
			return String.format("%s received %d request(s), accepted %d%s", this.vendor, this.requestCount,
					this.acceptedRequestCount, details());
		}
	}

	/**
	 * What the summary adds, e.g. {@code ", keeps 9 profile(s)"}. Caller holds the lock.
	 */
	protected abstract String details();

	@Override
	public Map<String, String> clientProperties(URI baseUrl) {
		Map<String, String> properties = new LinkedHashMap<>();
		properties.put("base-url", baseUrl.toString());
		properties.put("api-key", this.apiKey);
		return properties;
	}

	@Override
	public final int requestCount() {
		synchronized (this.lock) {
			return this.requestCount;
		}
	}

	@Override
	public final int acceptedRequestCount() {
		synchronized (this.lock) {
			return this.acceptedRequestCount;
		}
	}

	@Override
	public final long itemsAccepted() {
		synchronized (this.lock) {
			return this.itemsAccepted;
		}
	}

	/**
	 * The largest number of items seen in one authenticated request, rejected ones
	 * included, so a test can check a client's batching.
	 */
	public final int maxBatchSizeSeen() {
		synchronized (this.lock) {
			return this.maxBatchSizeSeen;
		}
	}

	/** The most requests the emulator was answering at once. */
	public final int maxInFlight() {
		return this.maxInFlight.get();
	}

	@Override
	public final void failNextWithHttpStatus(int requests, int httpStatus, String retryAfterSeconds) {
		synchronized (this.lock) {
			this.faults.failNextWithHttpStatus(requests, httpStatus, retryAfterSeconds);
		}
	}

	@Override
	public final void failAfterItems(long acceptedItems, int httpStatus) {
		synchronized (this.lock) {
			this.faults.failAfterItems(acceptedItems, httpStatus);
		}
	}

	@Override
	public final void reject(String identity) {
		synchronized (this.lock) {
			this.faults.reject(identity);
		}
	}

	@Override
	public final void delayEachRequest(Duration latency) {
		this.faults.delayEachRequest(latency);
	}

	@Override
	public final void clearFaults() {
		synchronized (this.lock) {
			this.faults.clear();
			clearVendorFaults();
		}
	}

	@Override
	public final void reset() {
		synchronized (this.lock) {
			this.requestCount = 0;
			this.acceptedRequestCount = 0;
			this.itemsAccepted = 0;
			this.maxBatchSizeSeen = 0;
			this.maxInFlight.set(0);
			clearFaults();
			clearStore();
		}
	}

}
