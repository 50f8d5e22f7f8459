package com.audiencesync.sandbox;

import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import com.sun.net.httpserver.HttpExchange;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Emulates Marketap's Open API ({@code https://event.marketap.io}) under
 * {@code /marketap}: profile upserts, events, user deletion jobs and device registration,
 * all {@code POST} with an {@code Authorization: Bearer} key and a {@code project_id}
 * query parameter. It enforces the contract: {@code 202} when accepted, {@code 401} for a
 * missing or wrong key, {@code 400} with {@code {"code", "message"}} for anything
 * invalid. A request with any invalid item is rejected as a whole and the message names
 * the item index and field, never a value, because values are personal data.
 * <p>
 * Where Marketap's documentation is silent the emulator chooses, and tests must not rely
 * on the real API doing the same: profile properties are merged key by key; a deletion
 * job removes the stored profile at once, where the real one runs asynchronously; a
 * device is replaced by the latest registration of its token; the {@code code} values
 * other than {@code 0} are the sandbox's own.
 * <p>
 * {@code GET /marketap/state} (with the key) shows what was received. The Java accessors
 * and fault injection methods are thread-safe.
 */
public final class MarketapEmulator implements VendorEmulator {

	/**
	 * The only {@code project_id} the emulator accepts.
	 */
	public static final String PROJECT_ID = "sandbox-project";

	static final String VENDOR = "marketap";

	static final int MAX_ITEMS = 1000;

	static final Set<String> PLATFORMS = Set.of("IOS", "ANDROID", "WEB");

	// the sandbox's own codes: Marketap documents only the shape {code, message}
	static final int CODE_INVALID_REQUEST = 4000;

	static final int CODE_USER_BLOCKED = 4001;

	static final int CODE_UNAUTHORIZED = 4010;

	static final int CODE_NOT_FOUND = 4040;

	static final int CODE_METHOD_NOT_ALLOWED = 4050;

	private static final String PREFIX = "/" + VENDOR;

	private static final String STATE_PATH = PREFIX + "/state";

	// far above 1,000 realistic items; stops a runaway client from exhausting the heap
	private static final int MAX_BODY_BYTES = 32 * 1024 * 1024;

	private static final TypeReference<LinkedHashMap<String, Object>> MAP = new TypeReference<>() {
	};

	private final JsonMapper mapper = JsonMapper.shared();

	private final String apiKey;

	private final Object lock = new Object();

	// everything below is guarded by lock

	private final Map<String, StoredProfile> profiles = new LinkedHashMap<>();

	private final List<ObjectNode> events = new ArrayList<>();

	private final Map<String, Integer> eventCountsById = new LinkedHashMap<>();

	private final List<String> deletedUserIds = new ArrayList<>();

	private final Map<String, ObjectNode> devices = new LinkedHashMap<>();

	private final List<String> requestPaths = new ArrayList<>();

	private final Set<String> rejectedUserIds = new HashSet<>();

	private int requestCount;

	private int acceptedRequestCount;

	private int maxBatchSizeSeen;

	private long itemsAccepted;

	private final HttpFault httpFault = HttpFault.errorStatusOnly();

	private long failAfterItems = -1;

	private int failAfterItemsStatus;

	MarketapEmulator(String apiKey) {
		this.apiKey = apiKey;
	}

	@Override
	public String vendor() {
		return VENDOR;
	}

	@Override
	public void handle(HttpExchange exchange) throws IOException {
		Response response;
		try {
			response = answer(exchange);
		}
		catch (RuntimeException ex) {
			response = error(500, 500, "internal error");
		}
		response.send(exchange);
	}

	private Response answer(HttpExchange exchange) throws IOException {
		String path = exchange.getRequestURI().getPath();
		String method = exchange.getRequestMethod();
		if (STATE_PATH.equals(path)) {
			if (!"GET".equals(method)) {
				return methodNotAllowed("GET");
			}
			Response unauthorized = authenticate(exchange);
			return (unauthorized != null) ? unauthorized : state();
		}
		Endpoint endpoint = Endpoint.of(path.substring(PREFIX.length()));
		if (endpoint == null) {
			return error(404, CODE_NOT_FOUND, "not found");
		}
		if (!"POST".equals(method)) {
			return methodNotAllowed("POST");
		}
		synchronized (this.lock) {
			this.requestCount++;
		}
		Response unauthorized = authenticate(exchange);
		if (unauthorized != null) {
			return unauthorized;
		}
		byte[] body = Exchanges.readBody(exchange.getRequestBody(), MAX_BODY_BYTES);
		Request request = new Request(endpoint, queryParameter(exchange.getRequestURI(), "project_id"),
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
		if (!token.equals(this.apiKey)) {
			return unauthorized("Authorization: invalid api key");
		}
		return null;
	}

	// caller holds lock, so the fault check, the item threshold and the store are atomic
	private Response accept(Request request) {
		Endpoint endpoint = request.endpoint();
		JsonNode payload = request.payload();
		JsonNode items = endpoint.items(payload);
		if (items != null) {
			this.maxBatchSizeSeen = Math.max(this.maxBatchSizeSeen, items.size());
		}
		// before the faults, so a misconfigured client never looks like a flaky vendor
		if (!PROJECT_ID.equals(request.projectId())) {
			return invalid("project_id: missing or unknown project");
		}
		Response fault = injectedFault();
		if (fault != null) {
			return fault;
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
			if (this.rejectedUserIds.contains(userIds.get(i))) {
				return error(400, CODE_USER_BLOCKED, "[" + i + "].user_id: user is blocked");
			}
		}
		int accepted = store(endpoint, payload);
		this.acceptedRequestCount++;
		this.itemsAccepted += accepted;
		this.requestPaths.add(endpoint.path);
		return accepted();
	}

	private Response injectedFault() {
		Response gateway = this.httpFault.next();
		if (gateway != null) {
			return gateway;
		}
		if (this.failAfterItems >= 0 && this.itemsAccepted >= this.failAfterItems) {
			return error(this.failAfterItemsStatus, this.failAfterItemsStatus, "sandbox fault");
		}
		return null;
	}

	// caller holds lock; returns the number of items stored
	private int store(Endpoint endpoint, JsonNode payload) {
		switch (endpoint) {
			case PROFILES -> {
				for (JsonNode profile : payload.get("profiles")) {
					storeProfile(profile.get("user_id").stringValue(), (ObjectNode) profile.get("properties"));
				}
			}
			case EVENTS -> {
				for (JsonNode event : payload.get("events")) {
					this.events.add((ObjectNode) event.deepCopy());
					String eventId = eventId(event);
					if (eventId != null) {
						this.eventCountsById.merge(eventId, 1, Integer::sum);
					}
				}
			}
			case DELETION -> delete(payload.get("user_id").stringValue());
			case BULK_DELETION -> payload.get("user_ids").forEach((userId) -> delete(userId.stringValue()));
			case DEVICES -> {
				for (JsonNode profile : payload.get("profiles")) {
					this.devices.put(profile.at("/device/token").stringValue(), (ObjectNode) profile.deepCopy());
				}
			}
		}
		JsonNode items = endpoint.items(payload);
		return (items != null) ? items.size() : 1;
	}

	// Marketap does not say whether an update replaces or merges the properties; the
	// emulator merges top-level keys, so a partial update keeps the other properties
	private void storeProfile(String userId, ObjectNode properties) {
		StoredProfile previous = this.profiles.get(userId);
		ObjectNode merged = (previous != null) ? previous.properties().deepCopy() : this.mapper.createObjectNode();
		merged.setAll(properties.deepCopy());
		int updates = (previous != null) ? previous.updates() + 1 : 1;
		this.profiles.put(userId, new StoredProfile(merged, updates));
	}

	private void delete(String userId) {
		this.deletedUserIds.add(userId);
		this.profiles.remove(userId);
	}

	// audience-sync sends properties.event_id on every event so retries can be spotted
	private static String eventId(JsonNode event) {
		JsonNode eventId = event.path("properties").get("event_id");
		if (eventId == null || eventId.isNull()) {
			return null;
		}
		return eventId.isValueNode() ? eventId.asString() : eventId.toString();
	}

	private static String queryParameter(URI uri, String name) {
		String query = uri.getRawQuery();
		if (query == null) {
			return null;
		}
		for (String parameter : query.split("&")) {
			int equals = parameter.indexOf('=');
			String key = (equals >= 0) ? parameter.substring(0, equals) : parameter;
			if (name.equals(URLDecoder.decode(key, StandardCharsets.UTF_8))) {
				return (equals >= 0) ? URLDecoder.decode(parameter.substring(equals + 1), StandardCharsets.UTF_8) : "";
			}
		}
		return null;
	}

	private Response state() {
		ObjectNode state = this.mapper.createObjectNode();
		synchronized (this.lock) {
			state.put("requests", this.requestCount);
			state.put("acceptedRequests", this.acceptedRequestCount);
			state.put("itemsAccepted", this.itemsAccepted);
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
		return Response.json(200, state, Map.of());
	}

	private Response accepted() {
		ObjectNode body = this.mapper.createObjectNode();
		body.put("code", 0);
		body.put("message", "accepted");
		return Response.json(202, body, Map.of());
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

	private Response error(int status, int code, String message) {
		return error(status, code, message, Map.of());
	}

	private Response error(int status, int code, String message, Map<String, String> headers) {
		ObjectNode body = this.mapper.createObjectNode();
		body.put("code", code);
		body.put("message", message);
		return Response.json(status, body, headers);
	}

	/**
	 * The number of {@code POST} requests to a Marketap endpoint, rejected ones included.
	 * @return the request count
	 */
	public int requestCount() {
		synchronized (this.lock) {
			return this.requestCount;
		}
	}

	/**
	 * The number of requests that were answered {@code 202} and stored.
	 * @return the accepted request count
	 */
	public int acceptedRequestCount() {
		synchronized (this.lock) {
			return this.acceptedRequestCount;
		}
	}

	/**
	 * The largest number of items seen in one authenticated array request, rejected ones
	 * included, so a test can check a client's batching.
	 * @return the largest batch size
	 */
	public int maxBatchSizeSeen() {
		synchronized (this.lock) {
			return this.maxBatchSizeSeen;
		}
	}

	/**
	 * The number of items in accepted requests; a single deletion counts as one.
	 * @return the accepted item count
	 */
	public long itemsAccepted() {
		synchronized (this.lock) {
			return this.itemsAccepted;
		}
	}

	/**
	 * A copy of the stored profiles: the merged properties by user id, in first-arrival
	 * order.
	 * @return the profiles
	 */
	public Map<String, Map<String, Object>> profiles() {
		synchronized (this.lock) {
			Map<String, Map<String, Object>> copy = new LinkedHashMap<>();
			this.profiles.forEach((userId, stored) -> copy.put(userId,
					Collections.unmodifiableMap(this.mapper.convertValue(stored.properties(), MAP))));
			return Collections.unmodifiableMap(copy);
		}
	}

	/**
	 * How many accepted profile items carried the given user id since it was last
	 * deleted.
	 * @param userId the user id
	 * @return the number of updates, {@code 0} if none
	 */
	public int profileUpdates(String userId) {
		synchronized (this.lock) {
			StoredProfile stored = this.profiles.get(userId);
			return (stored != null) ? stored.updates() : 0;
		}
	}

	/**
	 * A copy of every accepted event, as received, in arrival order.
	 * @return the events
	 */
	public List<Map<String, Object>> events() {
		synchronized (this.lock) {
			List<Map<String, Object>> copy = new ArrayList<>();
			this.events.forEach((event) -> copy.add(Collections.unmodifiableMap(this.mapper.convertValue(event, MAP))));
			return Collections.unmodifiableList(copy);
		}
	}

	/**
	 * How many accepted events carried each {@code properties.event_id}; events without
	 * one are not counted. A value above one means the client delivered an event twice.
	 * @return the counts by event id, in first-arrival order
	 */
	public Map<String, Integer> eventCountsById() {
		synchronized (this.lock) {
			return Collections.unmodifiableMap(new LinkedHashMap<>(this.eventCountsById));
		}
	}

	/**
	 * The user ids of accepted deletion jobs, single and bulk, in arrival order.
	 * @return the deleted user ids
	 */
	public List<String> deletedUserIds() {
		synchronized (this.lock) {
			return List.copyOf(this.deletedUserIds);
		}
	}

	/**
	 * A copy of the registered devices by token: the latest accepted item, as received.
	 * @return the devices
	 */
	public Map<String, Map<String, Object>> devices() {
		synchronized (this.lock) {
			Map<String, Map<String, Object>> copy = new LinkedHashMap<>();
			this.devices.forEach((token, device) -> copy.put(token,
					Collections.unmodifiableMap(this.mapper.convertValue(device, MAP))));
			return Collections.unmodifiableMap(copy);
		}
	}

	/**
	 * The Marketap path of every accepted request, in order and without the
	 * {@code /marketap} prefix, e.g. {@code /v1/api/profile/user/deletion-job/bulk}.
	 * @return the paths
	 */
	public List<String> requestPaths() {
		synchronized (this.lock) {
			return List.copyOf(this.requestPaths);
		}
	}

	/**
	 * Forgets everything received and every counter, and clears injected faults.
	 */
	public void reset() {
		synchronized (this.lock) {
			this.profiles.clear();
			this.events.clear();
			this.eventCountsById.clear();
			this.deletedUserIds.clear();
			this.devices.clear();
			this.requestPaths.clear();
			this.requestCount = 0;
			this.acceptedRequestCount = 0;
			this.maxBatchSizeSeen = 0;
			this.itemsAccepted = 0;
			clearFaults();
		}
	}

	/**
	 * Makes the next authenticated requests with the right project answer the given HTTP
	 * status with a short text body and store nothing, as a gateway in front of the
	 * vendor would.
	 * @param requests how many requests fail
	 * @param httpStatus the HTTP status, e.g. {@code 503} or {@code 429}
	 * @param retryAfterSeconds the {@code Retry-After} header value, or {@code null} for
	 * none
	 */
	public void failNextWithHttpStatus(int requests, int httpStatus, String retryAfterSeconds) {
		synchronized (this.lock) {
			this.httpFault.failNext(requests, httpStatus, retryAfterSeconds);
		}
	}

	/**
	 * Makes every authenticated request with the right project answer the given HTTP
	 * status with a {@code {code, message}} body once {@link #itemsAccepted()} has
	 * reached the threshold, until {@link #clearFaults()} or {@link #reset()}: a vendor
	 * that fails permanently midway through a sync.
	 * @param acceptedItems the threshold
	 * @param httpStatus the HTTP status to answer
	 */
	public void failAfterItems(long acceptedItems, int httpStatus) {
		if (acceptedItems < 0) {
			throw new IllegalArgumentException("acceptedItems must not be negative");
		}
		HttpFault.requireErrorStatus(httpStatus);
		synchronized (this.lock) {
			this.failAfterItems = acceptedItems;
			this.failAfterItemsStatus = httpStatus;
		}
	}

	/**
	 * Makes every otherwise valid request that carries the given user id, in any item of
	 * any endpoint, answer {@code 400} with {@code "[i].user_id: user is blocked"} and
	 * store nothing, until {@link #clearFaults()} or {@link #reset()}; lets a test drive
	 * a client that bisects a rejected batch.
	 * @param userId the user id to reject
	 */
	public void rejectUserId(String userId) {
		Objects.requireNonNull(userId, "userId");
		synchronized (this.lock) {
			this.rejectedUserIds.add(userId);
		}
	}

	/**
	 * Clears every injected fault and rejected user id; stored data and counters are
	 * kept.
	 */
	public void clearFaults() {
		synchronized (this.lock) {
			this.httpFault.clear();
			this.failAfterItems = -1;
			this.rejectedUserIds.clear();
		}
	}

	/**
	 * Marketap's endpoints, each with its array of items (if any) and its validation.
	 * Validation returns the first violation as {@code [index].field: problem}, or
	 * {@code null}.
	 */
	private enum Endpoint {

		PROFILES("/v1/api/profile/user", "profiles") {

			@Override
			String validateItem(JsonNode profile) {
				if (!profile.isObject()) {
					return NOT_AN_OBJECT;
				}
				String violation = requireNonBlank(profile, "user_id");
				if (violation != null) {
					return violation;
				}
				JsonNode properties = profile.get("properties");
				return (properties == null || !properties.isObject()) ? ".properties: must be an object" : null;
			}

		},

		EVENTS("/v1/api/events", "events") {

			@Override
			String validateItem(JsonNode event) {
				if (!event.isObject()) {
					return NOT_AN_OBJECT;
				}
				String violation = requireNonBlank(event, "user_id");
				if (violation == null) {
					violation = requireNonBlank(event, "event_name");
				}
				if (violation == null && event.has("properties") && !event.get("properties").isObject()) {
					violation = ".properties: must be an object";
				}
				return (violation != null) ? violation : optionalTimestamp(event);
			}

		},

		DELETION("/v1/api/profile/user/deletion-job", null) {

			// the payload is the one item; its violation has no index to follow
			@Override
			String validate(JsonNode payload) {
				String violation = validateItem(payload);
				return (violation != null) ? violation.substring(1) : null;
			}

			@Override
			String validateItem(JsonNode payload) {
				return requireNonBlank(payload, "user_id");
			}

			@Override
			List<String> userIds(JsonNode payload) {
				return List.of(payload.get("user_id").stringValue());
			}

		},

		BULK_DELETION("/v1/api/profile/user/deletion-job/bulk", "user_ids") {

			@Override
			String validateItem(JsonNode userId) {
				return (userId.isString() && !userId.stringValue().isBlank()) ? null
						: ".user_id: must be a non-blank string";
			}

			@Override
			List<String> userIds(JsonNode payload) {
				List<String> userIds = new ArrayList<>();
				payload.get("user_ids").forEach((userId) -> userIds.add(userId.stringValue()));
				return userIds;
			}

		},

		DEVICES("/v1/api/profile/user/device/bulk", "profiles") {

			@Override
			String validateItem(JsonNode profile) {
				if (!profile.isObject()) {
					return NOT_AN_OBJECT;
				}
				JsonNode device = profile.get("device");
				if (device == null || !device.isObject()) {
					return ".device: must be an object";
				}
				String violation = requireNonBlank(device, "token");
				if (violation != null) {
					return ".device" + violation;
				}
				JsonNode platform = device.get("platform");
				if (platform == null || !platform.isString() || !PLATFORMS.contains(platform.stringValue())) {
					return ".device.platform: must be one of IOS, ANDROID, WEB";
				}
				if (device.has("opt_in") && !device.get("opt_in").isBoolean()) {
					return ".device.opt_in: must be a boolean";
				}
				if (profile.has("user_id")) {
					violation = requireNonBlank(profile, "user_id");
				}
				return (violation != null) ? violation : optionalTimestamp(profile);
			}

		};

		private static final String NOT_AN_OBJECT = ": must be an object";

		private static final DateTimeFormatter OFFSET_TIMESTAMP = DateTimeFormatter.ISO_OFFSET_DATE_TIME;

		private final String path;

		private final String itemsName;

		Endpoint(String path, String itemsName) {
			this.path = path;
			this.itemsName = itemsName;
		}

		static Endpoint of(String path) {
			for (Endpoint endpoint : values()) {
				if (endpoint.path.equals(path)) {
					return endpoint;
				}
			}
			return null;
		}

		/**
		 * The array of items of a payload, or {@code null} if this endpoint takes none or
		 * the payload has no array there.
		 */
		JsonNode items(JsonNode payload) {
			if (this.itemsName == null || payload == null || !payload.isObject()) {
				return null;
			}
			JsonNode items = payload.get(this.itemsName);
			return (items != null && items.isArray()) ? items : null;
		}

		String validate(JsonNode payload) {
			JsonNode items = items(payload);
			if (items == null) {
				return this.itemsName + ": must be an array";
			}
			if (items.isEmpty()) {
				return this.itemsName + ": must not be empty";
			}
			if (items.size() > MAX_ITEMS) {
				return this.itemsName + ": at most " + MAX_ITEMS + " items per request, got " + items.size();
			}
			for (int i = 0; i < items.size(); i++) {
				String violation = validateItem(items.get(i));
				if (violation != null) {
					return "[" + i + "]" + violation;
				}
			}
			return null;
		}

		/**
		 * Validates one item, returning {@code .field: problem} without the index, or
		 * {@code null}.
		 */
		abstract String validateItem(JsonNode item);

		/**
		 * The user id of each item of a valid payload, {@code null} where it has none.
		 */
		List<String> userIds(JsonNode payload) {
			List<String> userIds = new ArrayList<>();
			items(payload)
				.forEach((item) -> userIds.add(item.has("user_id") ? item.get("user_id").stringValue() : null));
			return userIds;
		}

		private static String requireNonBlank(JsonNode object, String field) {
			JsonNode value = object.get(field);
			return (value != null && value.isString() && !value.stringValue().isBlank()) ? null
					: "." + field + ": must be a non-blank string";
		}

		// a local time without an offset is ambiguous, so Marketap requires one
		private static String optionalTimestamp(JsonNode item) {
			if (!item.has("timestamp")) {
				return null;
			}
			JsonNode timestamp = item.get("timestamp");
			String problem = ".timestamp: must be an ISO 8601 date-time with an offset or Z";
			if (!timestamp.isString()) {
				return problem;
			}
			try {
				OffsetDateTime.parse(timestamp.stringValue(), OFFSET_TIMESTAMP);
				return null;
			}
			catch (DateTimeParseException ex) {
				return problem;
			}
		}

	}

	private record Request(Endpoint endpoint, String projectId, boolean json, byte[] body, JsonNode payload) {
	}

	private record StoredProfile(ObjectNode properties, int updates) {
	}

}
