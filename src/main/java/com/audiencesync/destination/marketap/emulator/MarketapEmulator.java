package com.audiencesync.destination.marketap.emulator;

import java.io.IOException;
import java.net.URI;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.audiencesync.destination.emulator.EmulatorBase;
import com.audiencesync.destination.emulator.Exchanges;
import com.audiencesync.destination.emulator.Response;
import com.audiencesync.destination.emulator.StoredRecord;
import com.audiencesync.destination.marketap.MarketapVendor;
import com.sun.net.httpserver.HttpExchange;
import tools.jackson.databind.JsonNode;
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

	private final MarketapStore store = new MarketapStore(this.lock);

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
		accepted(this.store.store(endpoint, payload));
		ObjectNode body = JSON.createObjectNode();
		body.put("code", 0);
		body.put("message", "accepted");
		return Response.json(202, body);
	}

	@Override
	protected void describe(ObjectNode state) {
		this.store.describe(state);
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
		this.store.clear();
	}

	@Override
	protected String details() {
		return ": " + this.store.details();
	}

	@Override
	public Map<String, String> clientProperties(URI baseUrl) {
		Map<String, String> properties = super.clientProperties(baseUrl);
		properties.put("project-id", PROJECT_ID);
		return properties;
	}

	@Override
	public String endpoints() {
		return "POST /v1/api/profile/user, /v1/api/events, /v1/api/profile/user/... (key as Bearer, ?project_id="
				+ PROJECT_ID + ")";
	}

	@Override
	public Map<String, StoredRecord> records() {
		return this.store.records();
	}

	/** The stored profiles: the merged properties by user id, in first-arrival order. */
	public Map<String, Map<String, Object>> profiles() {
		Map<String, Map<String, Object>> copy = new LinkedHashMap<>();
		records().forEach((userId, record) -> copy.put(userId, record.properties()));
		return Collections.unmodifiableMap(copy);
	}

	/** How many accepted profile items carried the user id since it was last deleted. */
	public int profileUpdates(String userId) {
		return deliveries(userId);
	}

	/** Every accepted event, as received, in arrival order. */
	public List<Map<String, Object>> events() {
		return this.store.events();
	}

	/**
	 * How many accepted events carried each {@code properties.event_id}: a value above
	 * one means the client delivered an event twice.
	 */
	public Map<String, Integer> eventCountsById() {
		return this.store.eventCountsById();
	}

	/** The user ids of accepted deletion jobs, single and bulk, in arrival order. */
	public List<String> deletedUserIds() {
		return this.store.deletedUserIds();
	}

	/** The registered devices by token: the latest accepted item, as received. */
	public Map<String, Map<String, Object>> devices() {
		return this.store.devices();
	}

	/**
	 * The path of every accepted request, in order and without the {@code /marketap}
	 * prefix, e.g. {@code /v1/api/profile/user/deletion-job/bulk}.
	 */
	public List<String> requestPaths() {
		return this.store.requestPaths();
	}

	private record Request(MarketapContract endpoint, String projectId, boolean json, byte[] body, JsonNode payload) {
	}

}
