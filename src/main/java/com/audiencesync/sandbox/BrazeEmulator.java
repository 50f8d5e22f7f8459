package com.audiencesync.sandbox;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

import com.sun.net.httpserver.HttpExchange;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Emulates Braze's user merge endpoint, {@code POST /braze/users/merge}, with an
 * {@code Authorization: Bearer} key and a {@code {"merge_updates": [...]}} body of 1 to
 * 50 updates. It enforces the contract: {@code 202} when accepted (Braze merges
 * asynchronously), {@code 401} for a missing or wrong key, {@code 400} with
 * {@code {"message"}} for anything invalid, and {@code 429} once the key has used up the
 * requests of the current rate-limit window. A request with any invalid update is
 * rejected as a whole and the message names the update index and side, never a value,
 * because identifiers are personal data.
 * <p>
 * The rate limit uses fixed windows aligned to epoch multiples of the window length, as
 * Braze's reset time suggests, and counts per API key because Braze shares one budget
 * between several user endpoints of which only merge is emulated. Every authenticated
 * answer carries {@code X-RateLimit-Limit}, {@code X-RateLimit-Remaining} and
 * {@code X-RateLimit-Reset} (epoch seconds, rounded up); a {@code 429} adds
 * {@code Retry-After}.
 * <p>
 * Where Braze's documentation is silent the emulator chooses, and tests must not rely on
 * the real API doing the same: unknown fields in an update or identifier are rejected;
 * merging a user into the very same identifier is rejected; the texts of the {@code 400}
 * messages are the sandbox's own.
 * <p>
 * {@code GET /braze/state} (with the key) shows the counters. The Java accessors, the
 * rate-limit setting and fault injection methods are thread-safe.
 */
public final class BrazeEmulator implements VendorEmulator {

	static final String VENDOR = "braze";

	static final int MAX_UPDATES = 50;

	static final int DEFAULT_RATE_LIMIT = 20_000;

	static final Duration DEFAULT_RATE_WINDOW = Duration.ofMinutes(1);

	static final String TO_MERGE = "identifier_to_merge";

	static final String TO_KEEP = "identifier_to_keep";

	private static final List<String> SIDES = List.of(TO_MERGE, TO_KEEP);

	private static final List<String> IDENTIFIERS = List.of("external_id", "user_alias", "email", "phone");

	private static final String PRIORITIZATION = "prioritization";

	private static final List<String> PRIORITIZATIONS = List.of("identified", "unidentified", "most_recently_updated",
			"least_recently_updated");

	private static final String PREFIX = "/" + VENDOR;

	private static final String MERGE_PATH = PREFIX + "/users/merge";

	private static final String STATE_PATH = PREFIX + "/state";

	// far above 50 realistic updates; stops a runaway client from exhausting the heap
	private static final int MAX_BODY_BYTES = 4 * 1024 * 1024;

	private static final Pattern EMAIL = Pattern.compile("^[^@\\s]+@[^@\\s.]+(\\.[^@\\s.]+)+$");

	private static final Pattern PHONE = Pattern.compile("^\\+[1-9]\\d{6,14}$");

	private static final TypeReference<LinkedHashMap<String, Object>> MAP = new TypeReference<>() {
	};

	private final JsonMapper mapper = JsonMapper.shared();

	private final String apiKey;

	private final Object lock = new Object();

	// everything below is guarded by lock

	private int rateLimitRequests = DEFAULT_RATE_LIMIT;

	private long rateLimitWindowMillis = DEFAULT_RATE_WINDOW.toMillis();

	private final Map<String, Window> windowsByKey = new HashMap<>();

	private final Map<Long, Integer> acceptedPerWindow = new LinkedHashMap<>();

	private final Map<Long, Integer> throttledPerWindow = new LinkedHashMap<>();

	private final List<ObjectNode> merges = new ArrayList<>();

	private final Set<String> rejectedExternalIds = new HashSet<>();

	private int requestCount;

	private int acceptedRequestCount;

	private int throttledCount;

	private int maxBatchSizeSeen;

	private long mergesAccepted;

	private final HttpFault httpFault = HttpFault.errorStatusOnly();

	private long failAfterMerges = -1;

	private int failAfterMergesStatus;

	BrazeEmulator(String apiKey) {
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
			response = message(500, "Internal server error", Map.of());
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
			return authenticated(exchange) ? state() : unauthorized();
		}
		if (!MERGE_PATH.equals(path)) {
			return message(404, "Not found", Map.of());
		}
		if (!"POST".equals(method)) {
			return methodNotAllowed("POST");
		}
		synchronized (this.lock) {
			this.requestCount++;
		}
		if (!authenticated(exchange)) {
			return unauthorized();
		}
		byte[] body = Exchanges.readBody(exchange.getRequestBody(), MAX_BODY_BYTES);
		boolean json = Exchanges.isJson(exchange);
		JsonNode payload = Exchanges.parseJson(body);
		synchronized (this.lock) {
			return accept(json, body, payload, System.currentTimeMillis());
		}
	}

	private boolean authenticated(HttpExchange exchange) {
		return this.apiKey.equals(Exchanges.bearerToken(exchange));
	}

	// caller holds lock, so the quota, the fault checks and the store are atomic
	private Response accept(boolean json, byte[] body, JsonNode payload, long now) {
		JsonNode updates = (payload != null) ? payload.get("merge_updates") : null;
		if (updates != null && updates.isArray()) {
			this.maxBatchSizeSeen = Math.max(this.maxBatchSizeSeen, updates.size());
		}
		// a gateway in front of Braze answers before the rate limiter sees the request
		Response gateway = this.httpFault.next();
		if (gateway != null) {
			return gateway;
		}
		Quota quota = consume(this.apiKey, now);
		if (!quota.allowed()) {
			this.throttledCount++;
			this.throttledPerWindow.merge(quota.windowStart(), 1, Integer::sum);
			return message(429, "Rate limit exceeded", quota.headers());
		}
		if (this.failAfterMerges >= 0 && this.mergesAccepted >= this.failAfterMerges) {
			return message(this.failAfterMergesStatus, "sandbox fault", quota.headers());
		}
		String violation = validate(json, body, payload);
		if (violation == null) {
			violation = rejectedExternalId(updates);
		}
		if (violation != null) {
			return message(400, violation, quota.headers());
		}
		updates.forEach((update) -> this.merges.add((ObjectNode) update.deepCopy()));
		this.mergesAccepted += updates.size();
		this.acceptedRequestCount++;
		this.acceptedPerWindow.merge(quota.windowStart(), 1, Integer::sum);
		return message(202, "success", quota.headers());
	}

	/**
	 * Counts one request against the key's current window, unless the window is used up.
	 * Caller holds lock.
	 */
	private Quota consume(String key, long now) {
		long start = windowStart(now);
		Window window = this.windowsByKey.get(key);
		int used = (window != null && window.start() == start) ? window.used() : 0;
		boolean allowed = used < this.rateLimitRequests;
		if (allowed) {
			used++;
			this.windowsByKey.put(key, new Window(start, used));
		}
		return quota(start, used, allowed, now);
	}

	// caller holds lock
	private long windowStart(long now) {
		return Math.floorDiv(now, this.rateLimitWindowMillis) * this.rateLimitWindowMillis;
	}

	// caller holds lock
	private int remaining(String key, long now) {
		Window window = this.windowsByKey.get(key);
		int used = (window != null && window.start() == windowStart(now)) ? window.used() : 0;
		return this.rateLimitRequests - used;
	}

	private Quota quota(long start, int used, boolean allowed, long now) {
		long end = start + this.rateLimitWindowMillis;
		// rounded up so a client waiting until the reset never wakes up inside the window
		long resetSeconds = ceilDiv(end, 1000);
		long retryAfterSeconds = Math.max(1, ceilDiv(end - now, 1000));
		return new Quota(start, allowed, this.rateLimitRequests, this.rateLimitRequests - used, resetSeconds,
				retryAfterSeconds);
	}

	// Math.ceilDiv arrived in Java 18
	private static long ceilDiv(long dividend, long divisor) {
		return -Math.floorDiv(-dividend, divisor);
	}

	private static String validate(boolean json, byte[] body, JsonNode payload) {
		if (!json) {
			return "Content-Type: must be application/json";
		}
		if (body == null) {
			return "body: must not be larger than " + MAX_BODY_BYTES + " bytes";
		}
		if (payload == null || !payload.isObject()) {
			return "body: must be a JSON object";
		}
		JsonNode updates = payload.get("merge_updates");
		if (updates == null || !updates.isArray()) {
			return "'merge_updates' must be an array of objects";
		}
		if (updates.isEmpty()) {
			return "'merge_updates' must contain at least 1 update";
		}
		if (updates.size() > MAX_UPDATES) {
			return "'merge_updates' must contain at most " + MAX_UPDATES + " updates, got " + updates.size();
		}
		for (int i = 0; i < updates.size(); i++) {
			String violation = validateUpdate(updates.get(i));
			if (violation != null) {
				return "merge_updates[" + i + "]" + violation;
			}
		}
		return null;
	}

	/**
	 * Validates one update, returning {@code .side: problem} or {@code : problem} without
	 * the index, or {@code null}.
	 */
	private static String validateUpdate(JsonNode update) {
		if (!update.isObject()) {
			return ": must be an object";
		}
		for (String name : update.propertyNames()) {
			if (!SIDES.contains(name)) {
				return ": only " + TO_MERGE + " and " + TO_KEEP + " are allowed";
			}
		}
		for (String side : SIDES) {
			String violation = validateIdentifier(update.get(side));
			if (violation != null) {
				return "." + side + violation;
			}
		}
		// a merge into itself would be a client bug that Braze can only drop
		if (update.get(TO_MERGE).equals(update.get(TO_KEEP))) {
			return ": " + TO_MERGE + " and " + TO_KEEP + " must differ";
		}
		return null;
	}

	private static String validateIdentifier(JsonNode identifier) {
		if (identifier == null || !identifier.isObject()) {
			return ": must be an object";
		}
		int identifiers = 0;
		for (String name : identifier.propertyNames()) {
			if (IDENTIFIERS.contains(name)) {
				identifiers++;
			}
			else if (!PRIORITIZATION.equals(name)) {
				// the field name is not echoed either: a broken client may put data there
				return ": only external_id, user_alias, email, phone and prioritization are allowed";
			}
		}
		if (identifiers != 1) {
			return ": exactly one identifier is required";
		}
		String violation;
		boolean contact = false;
		if (identifier.has("external_id")) {
			violation = requireNonBlank(identifier, "external_id");
		}
		else if (identifier.has("user_alias")) {
			violation = validateAlias(identifier.get("user_alias"));
		}
		else if (identifier.has("email")) {
			contact = true;
			violation = requireMatch(identifier, "email", EMAIL, "must be an email address");
		}
		else {
			contact = true;
			violation = requireMatch(identifier, "phone", PHONE, "must be an E.164 phone number, e.g. +14155550100");
		}
		if (violation != null) {
			return violation;
		}
		JsonNode prioritization = identifier.get(PRIORITIZATION);
		if (!contact) {
			return (prioritization != null) ? ".prioritization: only allowed with email or phone" : null;
		}
		if (prioritization == null) {
			return ".prioritization: required with email or phone";
		}
		return validatePrioritization(prioritization);
	}

	private static String validateAlias(JsonNode alias) {
		if (alias == null || !alias.isObject()) {
			return ".user_alias: must be an object with alias_name and alias_label";
		}
		String violation = requireNonBlank(alias, "alias_name");
		if (violation == null) {
			violation = requireNonBlank(alias, "alias_label");
		}
		return (violation != null) ? ".user_alias" + violation : null;
	}

	private static String validatePrioritization(JsonNode prioritization) {
		if (!prioritization.isArray() || prioritization.isEmpty()) {
			return ".prioritization: must be a non-empty array";
		}
		Set<String> seen = new HashSet<>();
		for (int i = 0; i < prioritization.size(); i++) {
			JsonNode value = prioritization.get(i);
			if (!value.isString() || !PRIORITIZATIONS.contains(value.stringValue())) {
				return ".prioritization[" + i + "]: must be one of " + String.join(", ", PRIORITIZATIONS);
			}
			if (!seen.add(value.stringValue())) {
				return ".prioritization[" + i + "]: must not repeat a value";
			}
		}
		if (seen.contains("identified") && seen.contains("unidentified")) {
			return ".prioritization: must not contain both identified and unidentified";
		}
		return null;
	}

	private static String requireNonBlank(JsonNode object, String field) {
		JsonNode value = object.get(field);
		return (value != null && value.isString() && !value.stringValue().isBlank()) ? null
				: "." + field + ": must be a non-blank string";
	}

	private static String requireMatch(JsonNode object, String field, Pattern pattern, String problem) {
		JsonNode value = object.get(field);
		return (value != null && value.isString() && pattern.matcher(value.stringValue()).matches()) ? null
				: "." + field + ": " + problem;
	}

	// caller holds lock; the index and side let a test drive a bisecting client
	private String rejectedExternalId(JsonNode updates) {
		for (int i = 0; i < updates.size(); i++) {
			for (String side : SIDES) {
				JsonNode externalId = updates.get(i).get(side).get("external_id");
				if (externalId != null && this.rejectedExternalIds.contains(externalId.stringValue())) {
					return "merge_updates[" + i + "]." + side + ": user cannot be merged";
				}
			}
		}
		return null;
	}

	private Response state() {
		ObjectNode state = this.mapper.createObjectNode();
		synchronized (this.lock) {
			state.put("requests", this.requestCount);
			state.put("acceptedRequests", this.acceptedRequestCount);
			state.put("throttledRequests", this.throttledCount);
			state.put("mergesAccepted", this.mergesAccepted);
			state.put("maxBatchSizeSeen", this.maxBatchSizeSeen);
			ObjectNode rateLimit = state.putObject("rateLimit");
			rateLimit.put("requests", this.rateLimitRequests);
			rateLimit.put("windowMillis", this.rateLimitWindowMillis);
			rateLimit.put("remaining", remaining(this.apiKey, System.currentTimeMillis()));
		}
		return Response.json(200, state, Map.of());
	}

	private Response unauthorized() {
		return message(401, "Invalid API key", Map.of());
	}

	private Response methodNotAllowed(String allowed) {
		return message(405, "Method not allowed", Map.of("Allow", allowed));
	}

	private Response message(int status, String message, Map<String, String> headers) {
		ObjectNode body = this.mapper.createObjectNode();
		body.put("message", message);
		return Response.json(status, body, headers);
	}

	/**
	 * Sets how many authenticated merge requests one API key may send per window; later
	 * requests in the window answer {@code 429}. Windows are aligned to epoch multiples
	 * of the length. The new setting starts every key with a full window. Kept by
	 * {@link #reset()}.
	 * @param requests the requests allowed per window, at least 1
	 * @param window the window length, at least one millisecond
	 */
	public void rateLimit(int requests, Duration window) {
		Objects.requireNonNull(window, "window");
		if (requests < 1) {
			throw new IllegalArgumentException("requests must be at least 1");
		}
		if (window.toMillis() < 1) {
			throw new IllegalArgumentException("window must be at least one millisecond");
		}
		synchronized (this.lock) {
			this.rateLimitRequests = requests;
			this.rateLimitWindowMillis = window.toMillis();
			this.windowsByKey.clear();
		}
	}

	/**
	 * The number of {@code POST} requests to the merge endpoint, unauthenticated,
	 * throttled and rejected ones included.
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
	 * The number of requests answered {@code 429} by the rate limiter; injected faults
	 * are not counted.
	 * @return the throttled request count
	 */
	public int throttledCount() {
		synchronized (this.lock) {
			return this.throttledCount;
		}
	}

	/**
	 * The number of accepted requests in each rate-limit window that had any.
	 * @return the counts by window start in epoch milliseconds, oldest first
	 */
	public Map<Long, Integer> acceptedPerWindow() {
		synchronized (this.lock) {
			return Collections.unmodifiableMap(new LinkedHashMap<>(this.acceptedPerWindow));
		}
	}

	/**
	 * The number of throttled requests in each rate-limit window that had any; a client
	 * that honours {@code Retry-After} shows at most one per window.
	 * @return the counts by window start in epoch milliseconds, oldest first
	 */
	public Map<Long, Integer> throttledPerWindow() {
		synchronized (this.lock) {
			return Collections.unmodifiableMap(new LinkedHashMap<>(this.throttledPerWindow));
		}
	}

	/**
	 * The largest number of updates seen in one authenticated request, rejected and
	 * throttled ones included, so a test can check a client's batching.
	 * @return the largest batch size
	 */
	public int maxBatchSizeSeen() {
		synchronized (this.lock) {
			return this.maxBatchSizeSeen;
		}
	}

	/**
	 * A copy of every accepted update, as received, in arrival order.
	 * @return the merge updates
	 */
	public List<Map<String, Object>> merges() {
		synchronized (this.lock) {
			List<Map<String, Object>> copy = new ArrayList<>();
			this.merges.forEach((merge) -> copy.add(Collections.unmodifiableMap(this.mapper.convertValue(merge, MAP))));
			return Collections.unmodifiableList(copy);
		}
	}

	/**
	 * The number of updates in accepted requests.
	 * @return the accepted update count
	 */
	public long mergesAccepted() {
		synchronized (this.lock) {
			return this.mergesAccepted;
		}
	}

	/**
	 * Forgets everything received, every counter and the used part of every rate-limit
	 * window, and clears injected faults; the rate-limit setting is kept.
	 */
	public void reset() {
		synchronized (this.lock) {
			this.windowsByKey.clear();
			this.acceptedPerWindow.clear();
			this.throttledPerWindow.clear();
			this.merges.clear();
			this.requestCount = 0;
			this.acceptedRequestCount = 0;
			this.throttledCount = 0;
			this.maxBatchSizeSeen = 0;
			this.mergesAccepted = 0;
			clearFaults();
		}
	}

	/**
	 * Makes the next authenticated requests answer the given HTTP status with a short
	 * text body and store nothing, as a gateway in front of the vendor would: they carry
	 * no rate-limit headers and do not count against the limit.
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
	 * Makes every authenticated request within the rate limit answer the given HTTP
	 * status with a {@code {"message"}} body once {@link #mergesAccepted()} has reached
	 * the threshold, until {@link #clearFaults()} or {@link #reset()}: a vendor that
	 * fails permanently midway through a sync.
	 * @param accepted the threshold
	 * @param httpStatus the HTTP status to answer
	 */
	public void failAfterMerges(long accepted, int httpStatus) {
		if (accepted < 0) {
			throw new IllegalArgumentException("accepted must not be negative");
		}
		HttpFault.requireErrorStatus(httpStatus);
		synchronized (this.lock) {
			this.failAfterMerges = accepted;
			this.failAfterMergesStatus = httpStatus;
		}
	}

	/**
	 * Makes every otherwise valid request with an update whose identifier, on either
	 * side, has the given {@code external_id} answer {@code 400} with
	 * {@code "merge_updates[i].{side}: user cannot be merged"} and store nothing, until
	 * {@link #clearFaults()} or {@link #reset()}; lets a test drive a client that bisects
	 * a rejected batch.
	 * @param externalId the external id to reject
	 */
	public void rejectExternalId(String externalId) {
		Objects.requireNonNull(externalId, "externalId");
		synchronized (this.lock) {
			this.rejectedExternalIds.add(externalId);
		}
	}

	/**
	 * Clears every injected fault and rejected external id; stored data, counters and the
	 * rate limit are kept.
	 */
	public void clearFaults() {
		synchronized (this.lock) {
			this.httpFault.clear();
			this.failAfterMerges = -1;
			this.rejectedExternalIds.clear();
		}
	}

	/**
	 * How much of one key's window is used.
	 */
	private record Window(long start, int used) {
	}

	/**
	 * The rate-limit outcome of one request and the headers that report it.
	 */
	private record Quota(long windowStart, boolean allowed, int limit, int remaining, long resetSeconds,
			long retryAfterSeconds) {

		Map<String, String> headers() {
			Map<String, String> headers = new LinkedHashMap<>();
			headers.put("X-RateLimit-Limit", Integer.toString(this.limit));
			headers.put("X-RateLimit-Remaining", Integer.toString(this.remaining));
			headers.put("X-RateLimit-Reset", Long.toString(this.resetSeconds));
			if (!this.allowed) {
				headers.put("Retry-After", Long.toString(this.retryAfterSeconds));
			}
			return headers;
		}

	}

}
