package com.audiencesync.destination.hackle.emulator;

import java.io.IOException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

import com.audiencesync.destination.emulator.EmulatorBase;
import com.audiencesync.destination.emulator.Exchanges;
import com.audiencesync.destination.emulator.Response;
import com.audiencesync.destination.emulator.StoredRecord;
import com.audiencesync.destination.hackle.HackleVendor;
import com.sun.net.httpserver.HttpExchange;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Emulates Hackle's user property API ({@code https://api.hackle.io}) under
 * {@code /hackle}: one record a request, key in {@code X-HACKLE-API-KEY}.
 * <ul>
 * <li>{@code POST /v1/properties}: {@code userId} or {@code deviceId} and
 * {@code operations} with {@code $set}, {@code $setOnce} and {@code $unset} objects,
 * applied to the stored profile of the user (or device).</li>
 * <li>{@code POST /v1/properties/phone-numbers}: {@code userId} and {@code phoneNumber}
 * in E.164; {@code DELETE /v1/properties/phone-numbers?userId=} removes it.</li>
 * <li>{@code POST /v1/push-subscriptions} (userId or deviceId),
 * {@code /v1/kakao-subscriptions} and {@code /v1/sms-subscriptions} (userId): statuses
 * {@code SUBSCRIBED} or {@code UNSUBSCRIBED}.</li>
 * </ul>
 * 200 when applied, 400 with {@code {"message"}} for an invalid record (naming the field,
 * never its value), 401 for a missing or wrong key. Hackle documents no more: an empty
 * {@code operations} object and a consent without any status are the sandbox's own 400s.
 * <p>
 * It measures what a client does: requests by endpoint, records applied per user and
 * endpoint (to tell a record applied twice), and the most requests in flight at once. It
 * can fail the next requests, fail a share of distinct records once each with 503 or 429,
 * or reject one user. {@code GET /hackle/state} (with the key) shows the stored profiles.
 */
public final class HackleEmulator extends EmulatorBase {

	static final String KEY_HEADER = "X-HACKLE-API-KEY";

	private static final int MAX_BODY_BYTES = 1024 * 1024;

	// guarded by lock

	private final HackleStore store = new HackleStore(this.lock);

	private final Map<String, Integer> requestsByEndpoint = new HashMap<>();

	private final HackleFailOnce failOnce = new HackleFailOnce();

	HackleEmulator(String apiKey) {
		super(HackleVendor.ID, apiKey, false);
	}

	@Override
	protected Response answer(HttpExchange exchange, String path) throws IOException {
		String method = exchange.getRequestMethod();
		String endpoint = endpoint(path, method);
		if (endpoint == null) {
			return message(404, "no such endpoint: " + method + " " + path);
		}
		byte[] body = Exchanges.readBody(exchange.getRequestBody(), MAX_BODY_BYTES);
		String userQuery = Exchanges.query(exchange.getRequestURI(), "userId");
		received();
		synchronized (this.lock) {
			this.requestsByEndpoint.merge(endpoint, 1, Integer::sum);
			Response fault = gatewayFault();
			if (fault != null) {
				return fault;
			}
			if (!authorized(exchange)) {
				return message(401, "X-HACKLE-API-KEY is missing or invalid");
			}
			int midway = failedMidway();
			if (midway != 0) {
				return message(midway, "sandbox fault");
			}
			Response once = this.failOnce.answer(endpoint, body, userQuery);
			if (once != null) {
				return once;
			}
		}
		if ("phone-number-deletions".equals(endpoint)) {
			if (userQuery == null || userQuery.isBlank()) {
				return message(400, "userId query parameter is required");
			}
			synchronized (this.lock) {
				if (isRejected(userQuery)) {
					return message(400, "userId: the user is blocked (sandbox fault)");
				}
				this.store.removePhoneNumber(userQuery);
				return ok();
			}
		}
		if (!Exchanges.isJson(exchange)) {
			return message(400, "Content-Type must be application/json");
		}
		JsonNode json = (body != null) ? Exchanges.parseJson(body) : null;
		if (!(json instanceof ObjectNode record)) {
			return message(400, "the body must be a JSON object");
		}
		return switch (endpoint) {
			case "properties" -> properties(record);
			case "phone-numbers" -> phoneNumber(record);
			default -> subscription(endpoint, record);
		};
	}

	private static String endpoint(String path, String method) {
		if ("/v1/properties/phone-numbers".equals(path)) {
			return switch (method) {
				case "POST" -> "phone-numbers";
				case "DELETE" -> "phone-number-deletions";
				default -> null;
			};
		}
		if (!"POST".equals(method)) {
			return null;
		}
		return switch (path) {
			case "/v1/properties" -> "properties";
			case "/v1/push-subscriptions" -> "push-subscriptions";
			case "/v1/kakao-subscriptions" -> "kakao-subscriptions";
			case "/v1/sms-subscriptions" -> "sms-subscriptions";
			default -> null;
		};
	}

	@Override
	protected boolean authorized(HttpExchange exchange) {
		return keyMatches(exchange.getRequestHeaders().getFirst(KEY_HEADER));
	}

	private Response properties(ObjectNode record) {
		String key = HackleRecords.identity(record, true);
		String violation = HackleRecords.checkProperties(record, key);
		return (violation != null) ? message(400, violation)
				: apply(record, () -> this.store.operations(key, (ObjectNode) record.get("operations")));
	}

	private Response phoneNumber(ObjectNode record) {
		String violation = HackleRecords.checkPhoneNumber(record);
		return (violation != null) ? message(400, violation) : apply(record, () -> this.store
			.phoneNumber(HackleRecords.text(record, "userId"), HackleRecords.text(record, "phoneNumber")));
	}

	private Response subscription(String endpoint, ObjectNode record) {
		boolean push = "push-subscriptions".equals(endpoint);
		String key = HackleRecords.identity(record, push);
		Map<String, String> statuses = new LinkedHashMap<>();
		String violation = HackleRecords.checkSubscription(endpoint, record, key, statuses);
		return (violation != null) ? message(400, violation)
				: apply(record, () -> this.store.subscriptions(endpoint, key, statuses));
	}

	/** Stores a valid record unless its user is refused. */
	private Response apply(ObjectNode record, Runnable store) {
		synchronized (this.lock) {
			if (isRejected(HackleRecords.text(record, "userId"))) {
				return message(400, "userId: the user is blocked (sandbox fault)");
			}
			store.run();
			return ok();
		}
	}

	private Response ok() {
		accepted(1);
		return Response.emptyJson(200);
	}

	@Override
	protected void describe(ObjectNode state) {
		state.put("accepted", acceptedRequestCount());
		this.store.describe(state);
	}

	@Override
	protected Response error(int status, String message) {
		return message(status, message);
	}

	private Response message(int status, String message) {
		ObjectNode body = JSON.createObjectNode();
		body.put("status", status);
		body.put("message", message);
		return Response.json(status, body);
	}

	@Override
	protected Response internalError() {
		return message(500, "internal error");
	}

	@Override
	protected void clearStore() {
		this.store.clear();
		this.requestsByEndpoint.clear();
		this.failOnce.clear();
	}

	@Override
	protected void clearVendorFaults() {
		this.failOnce.clearFault();
	}

	@Override
	protected String details() {
		return ": " + this.store.details() + "; at most " + maxInFlight() + " in flight";
	}

	@Override
	public String endpoints() {
		return "POST /v1/properties, /v1/properties/phone-numbers, /v1/*-subscriptions (key in X-HACKLE-API-KEY)";
	}

	@Override
	public Map<String, StoredRecord> records() {
		return this.store.records();
	}

	/** Requests applied (200). */
	public int acceptedCount() {
		return acceptedRequestCount();
	}

	/**
	 * Requests received by endpoint id ({@code properties}, {@code phone-numbers}, ...).
	 */
	public Map<String, Integer> requestsByEndpoint() {
		synchronized (this.lock) {
			return Map.copyOf(this.requestsByEndpoint);
		}
	}

	/**
	 * How many times each record was applied, by {@code "<endpoint> user:<id>"} (or
	 * {@code device:<id>}): a record applied twice shows 2.
	 */
	public Map<String, Integer> applied() {
		return this.store.applied();
	}

	/** Stored properties by {@code user:<id>} or {@code device:<id>}. */
	public Map<String, Map<String, Object>> profiles() {
		return this.store.profiles();
	}

	/** Stored phone numbers by user id. */
	public Map<String, String> phoneNumbers() {
		return this.store.phoneNumbers();
	}

	/**
	 * Stored consents by {@code <endpoint>:user:<id>} (or {@code device:<id>}), field to
	 * status.
	 */
	public Map<String, Map<String, String>> subscriptions() {
		return this.store.subscriptions();
	}

	/** Stores a profile as if set earlier (to see {@code $setOnce} keep it). */
	public void storeProfile(String key, Map<String, Object> properties) {
		this.store.storeProfile(key, properties);
	}

	/** Stores a phone number as if set earlier. */
	public void storePhoneNumber(String userId, String phoneNumber) {
		this.store.storePhoneNumber(userId, phoneNumber);
	}

	/**
	 * Fails about {@code perMille}/1000 of the distinct records once each (503 or 429,
	 * picked by the record's content, so the same records fail on every run): sent again,
	 * each goes through.
	 */
	public void failOnce(int perMille) {
		synchronized (this.lock) {
			this.failOnce.perMille(perMille);
		}
	}

	/** Answers 400 to every record of that user. */
	public void rejectUserId(String userId) {
		reject(userId);
	}

}
