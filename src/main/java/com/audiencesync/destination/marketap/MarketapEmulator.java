package com.audiencesync.destination.marketap;

import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.audiencesync.destination.emulator.EmulatorBase;
import com.audiencesync.destination.emulator.Exchanges;
import com.audiencesync.destination.emulator.Response;
import com.audiencesync.destination.emulator.StoredRecord;
import com.sun.net.httpserver.HttpExchange;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Emulates Marketap's Open API ({@code https://event.marketap.io}) under
 * {@code /marketap}: profile upserts, events, user deletion jobs and device registration,
 * all {@code POST} with an {@code Authorization: Bearer} key and a {@code project_id}
 * query parameter. It enforces the contract ({@link MarketapContract}): {@code 202} when
 * accepted, {@code 401} for a missing or wrong key, {@code 400} with {@code {"code",
 * "message"}} for anything invalid. A request with any invalid item is rejected as a
 * whole and the message names the item index and field, never a value.
 * <p>
 * Where Marketap's documentation is silent the emulator chooses, and tests must not rely
 * on the real API doing the same: profile properties are merged key by key; a deletion
 * job removes the stored profile at once, where the real one runs asynchronously; a
 * device is replaced by the latest registration of its token; the {@code code} values
 * other than {@code 0} are the sandbox's own. {@code GET /marketap/state} (with the key)
 * shows what was received.
 */
public final class MarketapEmulator extends EmulatorBase {

	/** The only {@code project_id} the emulator accepts. */
	public static final String PROJECT_ID = "sandbox-project";

	// the sandbox's own codes: Marketap documents only the shape {code, message}
	static final int CODE_INVALID_REQUEST = 4000;

	static final int CODE_USER_BLOCKED = 4001;

	static final int CODE_UNAUTHORIZED = 4010;

	static final int CODE_NOT_FOUND = 4040;

	static final int CODE_METHOD_NOT_ALLOWED = 4050;

	// far above 1,000 realistic items; stops a runaway client from exhausting the heap
	private static final int MAX_BODY_BYTES = 32 * 1024 * 1024;

	private static final TypeReference<LinkedHashMap<String, Object>> MAP = new TypeReference<>() {
	};

	// guarded by lock

	private final Map<String, StoredProfile> profiles = new LinkedHashMap<>();

	private final List<ObjectNode> events = new ArrayList<>();

	private final Map<String, Integer> eventCountsById = new LinkedHashMap<>();

	private final List<String> deletedUserIds = new ArrayList<>();

	private final Map<String, ObjectNode> devices = new LinkedHashMap<>();

	private final List<String> requestPaths = new ArrayList<>();

	MarketapEmulator(String apiKey) {
		super(MarketapVendor.ID, apiKey, false);
	}

	@Override
	protected Response answer(HttpExchange exchange, String path) throws IOException {
		String method = exchange.getRequestMethod();
		MarketapContract endpoint = MarketapContract.of(path);
		if (endpoint == null) {
			return error(404, CODE_NOT_FOUND, "not found");
		}
		if (!"POST".equals(method)) {
			return methodNotAllowed("POST");
		}
		received();
		Response unauthorized = authenticate(exchange);
		if (unauthorized != null) {
			return unauthorized;
		}
		byte[] body = Exchanges.readBody(exchange.getRequestBody(), MAX_BODY_BYTES);
		Request request = new Request(endpoint, Exchanges.query(exchange.getRequestURI(), "project_id"),
				Exchanges.isJson(exchange), body, Exchanges.parseJson(body));
		synchronized (this.lock) {
			return accept(request);
		}
	}

	private Response authenticate(HttpExchange exchange) {
		String token = Exchanges.bearerToken(exchange);
		if (token == null) {
			return unauthorized("Authorization: a Bearer api key is required");
		}
		return keyMatches(token) ? null : unauthorized("Authorization: invalid api key");
	}

	// caller holds lock, so the fault check, the item threshold and the store are atomic
	private Response accept(Request request) {
		MarketapContract endpoint = request.endpoint();
		JsonNode payload = request.payload();
		JsonNode items = endpoint.items(payload);
		if (items != null) {
			batchSeen(items.size());
		}
		// before the faults, so a misconfigured client never looks like a flaky vendor
		if (!PROJECT_ID.equals(request.projectId())) {
			return invalid("project_id: missing or unknown project");
		}
		Response gateway = gatewayFault();
		if (gateway != null) {
			return gateway;
		}
		int midway = failedMidway();
		if (midway != 0) {
			return error(midway, midway, "sandbox fault");
		}
		if (!request.json()) {
			return invalid("Content-Type: must be application/json");
		}
		if (request.body() == null) {
			return invalid("body: must not be larger than " + MAX_BODY_BYTES + " bytes");
		}
		if (payload == null || !payload.isObject()) {
			return invalid("body: must be a JSON object");
		}
		String violation = endpoint.validate(payload);
		if (violation != null) {
			return invalid(violation);
		}
		List<String> userIds = endpoint.userIds(payload);
		for (int i = 0; i < userIds.size(); i++) {
			if (isRejected(userIds.get(i))) {
				return error(400, CODE_USER_BLOCKED, "[" + i + "].user_id: user is blocked");
			}
		}
		accepted(store(endpoint, payload));
		this.requestPaths.add(endpoint.path);
		ObjectNode body = JSON.createObjectNode();
		body.put("code", 0);
		body.put("message", "accepted");
		return Response.json(202, body);
	}

	// caller holds lock; returns the number of items stored
	private int store(MarketapContract endpoint, JsonNode payload) {
		switch (endpoint) {
			case PROFILES -> payload.get("profiles")
				.forEach((profile) -> storeProfile(profile.get("user_id").stringValue(),
						(ObjectNode) profile.get("properties")));
			case EVENTS -> payload.get("events").forEach(this::storeEvent);
			case DELETION -> delete(payload.get("user_id").stringValue());
			case BULK_DELETION -> payload.get("user_ids").forEach((userId) -> delete(userId.stringValue()));
			case DEVICES -> payload.get("profiles")
				.forEach((profile) -> this.devices.put(profile.at("/device/token").stringValue(),
						(ObjectNode) profile.deepCopy()));
		}
		JsonNode items = endpoint.items(payload);
		return (items != null) ? items.size() : 1;
	}

	// Marketap does not say whether an update replaces or merges the properties; the
	// emulator merges top-level keys, so a partial update keeps the other properties
	private void storeProfile(String userId, ObjectNode properties) {
		StoredProfile previous = this.profiles.get(userId);
		ObjectNode merged = (previous != null) ? previous.properties().deepCopy() : JSON.createObjectNode();
		merged.setAll(properties.deepCopy());
		this.profiles.put(userId, new StoredProfile(merged, (previous != null) ? previous.updates() + 1 : 1));
	}

	// audience-sync sends properties.event_id on every event so retries can be spotted
	private void storeEvent(JsonNode event) {
		this.events.add((ObjectNode) event.deepCopy());
		JsonNode eventId = event.path("properties").get("event_id");
		if (eventId != null && !eventId.isNull()) {
			this.eventCountsById.merge(eventId.isValueNode() ? eventId.asString() : eventId.toString(), 1,
					Integer::sum);
		}
	}

	private void delete(String userId) {
		this.deletedUserIds.add(userId);
		this.profiles.remove(userId);
	}

	@Override
	protected void describe(ObjectNode state) {
		ObjectNode profiles = state.putObject("profiles");
		this.profiles.forEach((userId, stored) -> {
			ObjectNode profile = profiles.putObject(userId);
			profile.set("properties", stored.properties().deepCopy());
			profile.put("updates", stored.updates());
		});
		state.put("events", this.events.size());
		ArrayNode deletions = state.putArray("deletedUserIds");
		this.deletedUserIds.forEach(deletions::add);
		ObjectNode devices = state.putObject("devices");
		this.devices.forEach((token, device) -> devices.set(token, device.deepCopy()));
	}

	private Response invalid(String message) {
		return error(400, CODE_INVALID_REQUEST, message);
	}

	private Response unauthorized(String message) {
		return error(401, CODE_UNAUTHORIZED, message, Map.of("WWW-Authenticate", "Bearer"));
	}

	private Response methodNotAllowed(String allowed) {
		return error(405, CODE_METHOD_NOT_ALLOWED, "method not allowed", Map.of("Allow", allowed));
	}

	@Override
	protected boolean authorized(HttpExchange exchange) {
		return keyMatches(Exchanges.bearerToken(exchange));
	}

	@Override
	protected Response error(int status, String message) {
		return error(status, status * 10, message, Map.of());
	}

	private Response error(int status, int code, String message) {
		return error(status, code, message, Map.of());
	}

	private Response error(int status, int code, String message, Map<String, String> headers) {
		ObjectNode body = JSON.createObjectNode();
		body.put("code", code);
		body.put("message", message);
		return Response.json(status, body, headers);
	}

	@Override
	protected Response internalError() {
		return error(500, 500, "internal error");
	}

	@Override
	protected void clearStore() {
		this.profiles.clear();
		this.events.clear();
		this.eventCountsById.clear();
		this.deletedUserIds.clear();
		this.devices.clear();
		this.requestPaths.clear();
	}

	@Override
	protected String details() {
		return String.format(": %d profile(s), %d event(s), %d deletion(s), %d device(s)", this.profiles.size(),
				this.events.size(), this.deletedUserIds.size(), this.devices.size());
	}

	@Override
	public Map<String, String> clientProperties(URI baseUrl) {
		Map<String, String> properties = super.clientProperties(baseUrl);
		properties.put("project-id", PROJECT_ID);
		return properties;
	}

	@Override
	public String listing(URI baseUrl) {
		return MarketapVendor.listing(baseUrl);
	}

	@Override
	public Map<String, StoredRecord> records() {
		synchronized (this.lock) {
			Map<String, StoredRecord> copy = new LinkedHashMap<>();
			this.profiles.forEach((userId, stored) -> copy.put(userId,
					new StoredRecord(userId, JSON.convertValue(stored.properties(), MAP), stored.updates())));
			return Collections.unmodifiableMap(copy);
		}
	}

	/** The stored profiles: the merged properties by user id, in first-arrival order. */
	public Map<String, Map<String, Object>> profiles() {
		Map<String, Map<String, Object>> copy = new LinkedHashMap<>();
		records().forEach((userId, record) -> copy.put(userId, record.properties()));
		return Collections.unmodifiableMap(copy);
	}

	/** How many accepted profile items carried the user id since it was last deleted. */
	public int profileUpdates(String userId) {
		StoredRecord record = records().get(userId);
		return (record != null) ? record.deliveries() : 0;
	}

	/** Every accepted event, as received, in arrival order. */
	public List<Map<String, Object>> events() {
		synchronized (this.lock) {
			return this.events.stream()
				.map((event) -> Collections.unmodifiableMap(JSON.convertValue(event, MAP)))
				.toList();
		}
	}

	/**
	 * How many accepted events carried each {@code properties.event_id}: a value above
	 * one means the client delivered an event twice.
	 */
	public Map<String, Integer> eventCountsById() {
		synchronized (this.lock) {
			return Collections.unmodifiableMap(new LinkedHashMap<>(this.eventCountsById));
		}
	}

	/** The user ids of accepted deletion jobs, single and bulk, in arrival order. */
	public List<String> deletedUserIds() {
		synchronized (this.lock) {
			return List.copyOf(this.deletedUserIds);
		}
	}

	/** The registered devices by token: the latest accepted item, as received. */
	public Map<String, Map<String, Object>> devices() {
		synchronized (this.lock) {
			Map<String, Map<String, Object>> copy = new LinkedHashMap<>();
			this.devices.forEach(
					(token, device) -> copy.put(token, Collections.unmodifiableMap(JSON.convertValue(device, MAP))));
			return Collections.unmodifiableMap(copy);
		}
	}

	/**
	 * The path of every accepted request, in order and without the {@code /marketap}
	 * prefix, e.g. {@code /v1/api/profile/user/deletion-job/bulk}.
	 */
	public List<String> requestPaths() {
		synchronized (this.lock) {
			return List.copyOf(this.requestPaths);
		}
	}

	private record Request(MarketapContract endpoint, String projectId, boolean json, byte[] body, JsonNode payload) {
	}

	private record StoredProfile(ObjectNode properties, int updates) {
	}

}
