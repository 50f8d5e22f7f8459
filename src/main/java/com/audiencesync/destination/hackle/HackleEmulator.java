package com.audiencesync.destination.hackle;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.zip.CRC32;

import com.audiencesync.destination.emulator.EmulatorBase;
import com.audiencesync.destination.emulator.Exchanges;
import com.audiencesync.destination.emulator.Response;
import com.audiencesync.destination.emulator.StoredRecord;
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

	static final Set<String> STATUSES = Set.of("SUBSCRIBED", "UNSUBSCRIBED");

	private static final Pattern E164 = Pattern.compile("\\+[1-9][0-9]{7,14}");

	private static final int MAX_BODY_BYTES = 1024 * 1024;

	// guarded by lock

	private final Map<String, Map<String, Object>> profiles = new LinkedHashMap<>();

	private final Map<String, String> phoneNumbers = new LinkedHashMap<>();

	private final Map<String, Map<String, String>> subscriptions = new LinkedHashMap<>();

	private final Map<String, Integer> requestsByEndpoint = new HashMap<>();

	private final Map<String, Integer> applied = new HashMap<>();

	private final Set<String> failedOnce = new HashSet<>();

	private int failOncePerMille;

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
			Response once = failOnce(endpoint, body, userQuery);
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
				this.phoneNumbers.remove(userQuery);
				return applied(endpoint, userQuery);
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

	/**
	 * A record picked by its content fails once, with 503 or 429 alternately; sent again,
	 * it goes through.
	 */
	private Response failOnce(String endpoint, byte[] body, String userQuery) {
		if (this.failOncePerMille <= 0) {
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
		if (hash % 1000 >= this.failOncePerMille || !this.failedOnce.add(endpoint + ":" + hash)) {
			return null;
		}
		return ((hash / 1000) % 2 == 0) ? Response.text(503, Map.of()) : Response.text(429, Map.of("Retry-After", "0"));
	}

	private Response properties(ObjectNode record) {
		String key = identity(record, true);
		if (key == null) {
			return message(400, "userId or deviceId is required");
		}
		JsonNode operations = record.get("operations");
		if (!(operations instanceof ObjectNode ops)) {
			return message(400, "operations: an object is required");
		}
		for (Iterator<String> names = ops.propertyNames().iterator(); names.hasNext();) {
			String name = names.next();
			if (!Set.of("$set", "$setOnce", "$unset").contains(name)) {
				return message(400, "operations: unknown operation " + name);
			}
			if (!ops.get(name).isObject()) {
				return message(400, "operations." + name + ": an object is required");
			}
		}
		if (ops.isEmpty()) {
			return message(400, "operations: no operation (sandbox rule)");
		}
		synchronized (this.lock) {
			Response rejected = rejected(record);
			if (rejected != null) {
				return rejected;
			}
			Map<String, Object> profile = this.profiles.computeIfAbsent(key, (k) -> new LinkedHashMap<>());
			JsonNode set = ops.get("$set");
			if (set != null) {
				set.properties().forEach((entry) -> profile.put(entry.getKey(), value(entry.getValue())));
			}
			JsonNode setOnce = ops.get("$setOnce");
			if (setOnce != null) {
				setOnce.properties().forEach((entry) -> profile.putIfAbsent(entry.getKey(), value(entry.getValue())));
			}
			JsonNode unset = ops.get("$unset");
			if (unset != null) {
				unset.propertyNames().forEach(profile::remove);
			}
			return applied("properties", key);
		}
	}

	private Response phoneNumber(ObjectNode record) {
		String userId = text(record, "userId");
		if (userId == null) {
			return message(400, "userId is required");
		}
		String phone = text(record, "phoneNumber");
		if (phone == null) {
			return message(400, "phoneNumber is required");
		}
		if (!E164.matcher(phone).matches()) {
			return message(400, "phoneNumber: not in E.164 (+821012345678)");
		}
		synchronized (this.lock) {
			Response rejected = rejected(record);
			if (rejected != null) {
				return rejected;
			}
			this.phoneNumbers.put(userId, phone);
			return applied("phone-numbers", userId);
		}
	}

	private Response subscription(String endpoint, ObjectNode record) {
		boolean push = "push-subscriptions".equals(endpoint);
		String key = identity(record, push);
		if (key == null) {
			return message(400, push ? "userId or deviceId is required" : "userId is required");
		}
		if (!push && record.hasNonNull("deviceId")) {
			return message(400, "deviceId: not a field of " + endpoint);
		}
		Map<String, String> statuses = new LinkedHashMap<>();
		for (String field : new String[] { "marketingSubscriptionStatus", "informationSubscriptionStatus" }) {
			JsonNode status = record.get(field);
			if (status == null || status.isNull()) {
				continue;
			}
			if (!status.isString() || !STATUSES.contains(status.asString())) {
				return message(400, field + ": must be SUBSCRIBED or UNSUBSCRIBED");
			}
			statuses.put(field, status.asString());
		}
		if (statuses.isEmpty()) {
			return message(400, "no subscription status (sandbox rule)");
		}
		synchronized (this.lock) {
			Response rejected = rejected(record);
			if (rejected != null) {
				return rejected;
			}
			this.subscriptions.computeIfAbsent(endpoint + ":" + key, (k) -> new LinkedHashMap<>()).putAll(statuses);
			return applied(endpoint, key);
		}
	}

	/** {@code user:<id>} or {@code device:<id>}, or null when the record has neither. */
	private static String identity(ObjectNode record, boolean deviceAllowed) {
		String userId = text(record, "userId");
		if (userId != null) {
			return "user:" + userId;
		}
		String deviceId = deviceAllowed ? text(record, "deviceId") : null;
		return (deviceId != null) ? "device:" + deviceId : null;
	}

	private static String text(ObjectNode record, String field) {
		JsonNode value = record.get(field);
		return (value != null && value.isString() && !value.asString().isBlank()) ? value.asString() : null;
	}

	private Response rejected(ObjectNode record) {
		String userId = text(record, "userId");
		return isRejected(userId) ? message(400, "userId: the user is blocked (sandbox fault)") : null;
	}

	private Object value(JsonNode node) {
		return JSON.treeToValue(node, Object.class);
	}

	private Response applied(String endpoint, String key) {
		accepted(1);
		this.applied.merge(endpoint + " " + key, 1, Integer::sum);
		return Response.emptyJson(200);
	}

	@Override
	protected void describe(ObjectNode state) {
		state.put("accepted", acceptedRequestCount());
		state.set("profiles", JSON.valueToTree(this.profiles));
		state.set("phoneNumbers", JSON.valueToTree(this.phoneNumbers));
		state.set("subscriptions", JSON.valueToTree(this.subscriptions));
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
		this.profiles.clear();
		this.phoneNumbers.clear();
		this.subscriptions.clear();
		this.requestsByEndpoint.clear();
		this.applied.clear();
		this.failedOnce.clear();
	}

	@Override
	protected void clearVendorFaults() {
		this.failOncePerMille = 0;
	}

	@Override
	protected String details() {
		return String.format(": %d profile(s), %d phone number(s), %d consent record(s); at most %d in flight",
				this.profiles.size(), this.phoneNumbers.size(), this.subscriptions.size(), maxInFlight());
	}

	@Override
	public String listing(URI baseUrl) {
		return String.format("%-9s %s/v1/... (X-HACKLE-API-KEY); state: GET %s/state", vendor(), baseUrl, baseUrl);
	}

	@Override
	public Map<String, StoredRecord> records() {
		synchronized (this.lock) {
			Map<String, StoredRecord> copy = new LinkedHashMap<>();
			this.profiles.forEach((key, profile) -> copy.put(key, new StoredRecord(key.substring(key.indexOf(':') + 1),
					profile, this.applied.getOrDefault("properties " + key, 0))));
			return copy;
		}
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
		synchronized (this.lock) {
			return Map.copyOf(this.applied);
		}
	}

	/** Stored properties by {@code user:<id>} or {@code device:<id>}. */
	public Map<String, Map<String, Object>> profiles() {
		synchronized (this.lock) {
			Map<String, Map<String, Object>> copy = new LinkedHashMap<>();
			this.profiles.forEach((key, profile) -> copy.put(key, Map.copyOf(profile)));
			return copy;
		}
	}

	/** Stored phone numbers by user id. */
	public Map<String, String> phoneNumbers() {
		synchronized (this.lock) {
			return new LinkedHashMap<>(this.phoneNumbers);
		}
	}

	/**
	 * Stored consents by {@code <endpoint>:user:<id>} (or {@code device:<id>}), field to
	 * status.
	 */
	public Map<String, Map<String, String>> subscriptions() {
		synchronized (this.lock) {
			Map<String, Map<String, String>> copy = new LinkedHashMap<>();
			this.subscriptions.forEach((key, statuses) -> copy.put(key, Map.copyOf(statuses)));
			return copy;
		}
	}

	/** Stores a profile as if set earlier (to see {@code $setOnce} keep it). */
	public void storeProfile(String key, Map<String, Object> properties) {
		synchronized (this.lock) {
			this.profiles.put(key, new LinkedHashMap<>(properties));
		}
	}

	/** Stores a phone number as if set earlier. */
	public void storePhoneNumber(String userId, String phoneNumber) {
		synchronized (this.lock) {
			this.phoneNumbers.put(userId, phoneNumber);
		}
	}

	/**
	 * Fails about {@code perMille}/1000 of the distinct records once each (503 or 429,
	 * picked by the record's content, so the same records fail on every run): sent again,
	 * each goes through.
	 */
	public void failOnce(int perMille) {
		synchronized (this.lock) {
			this.failOncePerMille = perMille;
		}
	}

	/** Answers 400 to every record of that user. */
	public void rejectUserId(String userId) {
		reject(userId);
	}

}
