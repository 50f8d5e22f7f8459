package com.audiencesync.destination.braze.emulator;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Function;

import com.audiencesync.destination.braze.BrazeVendor;
import com.audiencesync.destination.braze.emulator.BrazeRateWindows.Quota;
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
 * Emulates Braze's user endpoints under {@code /braze}: users/merge
 * ({@code {"merge_updates": [...]}}, {@link BrazeMergeContract}); users/track's
 * attributes, events and purchases ({@link BrazeTrackContract}: {@code 201} with
 * {@code errors} naming the objects it did not take, its own budget of 3,000 requests per
 * 3 s); users/delete; users/alias/new, users/alias/update and users/identify
 * ({@link BrazeIdentityContract}); and subscription/status/set (its own budget of 5,000 a
 * minute), all with an {@code Authorization: Bearer} key. The users they leave are
 * {@link BrazeUsers}. Merges, deletions and the identity steps share one budget. It
 * answers {@code 202} when accepted (Braze merges asynchronously), {@code 401} for a
 * missing or wrong key, {@code 400} with {@code {"message"}} for anything invalid, and
 * {@code 429} once the key has used up the requests of the current rate-limit window
 * ({@link BrazeRateWindows}). Every authenticated answer carries
 * {@code X-RateLimit-Limit}, {@code X-RateLimit-Remaining} and {@code X-RateLimit-Reset}
 * (epoch seconds, rounded up); a {@code 429} adds {@code Retry-After}.
 * <p>
 * Where Braze's documentation is silent the emulator chooses, and tests must not rely on
 * the real API doing the same: unknown fields in an update or identifier are rejected;
 * merging a user into the very same identifier is rejected; the texts of the {@code 400}
 * messages are the sandbox's own. {@code GET /braze/state} (with the key) shows the
 * counters.
 */
public final class BrazeEmulator extends EmulatorBase {

	static final int MAX_UPDATES = BrazeMergeContract.MAX_UPDATES;

	static final int DEFAULT_RATE_LIMIT = BrazeRateWindows.DEFAULT_REQUESTS;

	static final Duration DEFAULT_RATE_WINDOW = BrazeRateWindows.DEFAULT_WINDOW;

	// far above 50 realistic updates; stops a runaway client from exhausting the heap
	private static final int MAX_BODY_BYTES = 4 * 1024 * 1024;

	private static final TypeReference<LinkedHashMap<String, Object>> MAP = new TypeReference<>() {
	};

	// guarded by lock

	private final BrazeRateWindows windows = new BrazeRateWindows();

	private final Map<Long, Integer> acceptedPerWindow = new LinkedHashMap<>();

	private final Map<Long, Integer> throttledPerWindow = new LinkedHashMap<>();

	private final List<ObjectNode> merges = new ArrayList<>();

	private int throttledCount;

	/** users/track's budget, apart from the merge's. */
	private final BrazeRateWindows trackWindows = new BrazeRateWindows();

	/** The users the user endpoints left. */
	private final BrazeUsers users = new BrazeUsers();

	/** Every event users/track took, as received, in order. */
	private final List<ObjectNode> events = new ArrayList<>();

	/** subscription/status/set's budget. */
	private final BrazeRateWindows subscriptionWindows = new BrazeRateWindows();

	/** States by {@code <group>|<identifier kind>:<value>}. */
	private final Map<String, String> subscriptions = new LinkedHashMap<>();

	/** How many times each state was set. */
	private final Map<String, Integer> subscriptionUpdates = new LinkedHashMap<>();

	/** Every alias added, alias identified and merge, in the order Braze took them. */
	private final List<String> steps = new ArrayList<>();

	/** Every purchase users/track took, as received, in order. */
	private final List<ObjectNode> purchases = new ArrayList<>();

	/** Every user users/delete was asked to delete, in order. */
	private final List<String> deletions = new ArrayList<>();

	BrazeEmulator(String apiKey) {
		super(BrazeVendor.ID, apiKey, false);
		this.trackWindows.limit(3_000, Duration.ofSeconds(3));
		this.subscriptionWindows.limit(5_000, Duration.ofMinutes(1));
	}

	@Override
	protected Response answer(HttpExchange exchange, String path) throws IOException {
		Handler handler = switch (path) {
			case "/users/merge" -> this::accept;
			case "/users/track" -> (json, body, payload, now) -> acceptTrack(json, payload, now);
			case "/users/delete" -> (json, body, payload, now) -> acceptDelete(json, payload, now);
			case "/subscription/status/set" -> (json, body, payload, now) -> acceptSubscriptions(json, payload, now);
			case "/users/alias/new" -> (json, body, payload, now) -> acceptIdentities(json, payload, false, now);
			case "/users/identify" -> (json, body, payload, now) -> acceptIdentities(json, payload, true, now);
			case "/users/alias/update" -> (json, body, payload, now) -> acceptAliasUpdates(json, payload, now);
			default -> null;
		};
		if (handler == null) {
			return message(404, "Not found", Map.of());
		}
		if (!"POST".equals(exchange.getRequestMethod())) {
			return methodNotAllowed("POST");
		}
		received();
		if (!authorized(exchange)) {
			return message(401, "Invalid API key", Map.of());
		}
		byte[] body = Exchanges.readBody(exchange.getRequestBody(), MAX_BODY_BYTES);
		boolean json = Exchanges.isJson(exchange);
		JsonNode payload = Exchanges.parseJson(body);
		synchronized (this.lock) {
			return handler.handle(json, body, payload, System.currentTimeMillis());
		}
	}

	/** What an endpoint does with an authenticated POST, holding the lock. */
	@FunctionalInterface
	private interface Handler {

		Response handle(boolean json, byte[] body, JsonNode payload, long now);

	}

	/**
	 * A request's passage before its endpoint reads it: a gateway fault, then the budget
	 * (a 429 once spent), then a fault injected midway.
	 *
	 * @param refused the answer when the request goes no further, else null
	 * @param quota the budget's state, for the answer's headers
	 */
	private record Admission(Response refused, Quota quota) {
	}

	// caller holds lock
	private Admission admit(BrazeRateWindows windows, long now) {
		Response gateway = gatewayFault();
		if (gateway != null) {
			return new Admission(gateway, null);
		}
		Quota quota = windows.consume(apiKey(), now);
		if (!quota.allowed()) {
			this.throttledCount++;
			this.throttledPerWindow.merge(quota.windowStart(), 1, Integer::sum);
			return new Admission(message(429, "Rate limit exceeded", quota.headers()), quota);
		}
		int midway = failedMidway();
		if (midway != 0) {
			return new Admission(message(midway, "sandbox fault", quota.headers()), quota);
		}
		return new Admission(null, quota);
	}

	// caller holds lock; the budget is the one users/merge spends
	private Response acceptSubscriptions(boolean json, JsonNode payload, long now) {
		Admission admission = admit(this.subscriptionWindows, now);
		if (admission.refused() != null) {
			return admission.refused();
		}
		Quota quota = admission.quota();
		List<String> users = new ArrayList<>();
		String violation = BrazeTrackContract.subscription(json, payload, users);
		if (violation != null) {
			return message(400, violation, quota.headers());
		}
		String group = payload.get("subscription_group_id").stringValue();
		String state = payload.get("subscription_state").stringValue();
		users.forEach((user) -> {
			this.subscriptions.put(group + "|" + user, state);
			this.subscriptionUpdates.merge(group + "|" + user, 1, Integer::sum);
		});
		batchSeen(users.size());
		accepted(users.size());
		ObjectNode answer = JSON.createObjectNode();
		answer.put("message", "success");
		return Response.json(201, answer, quota.headers());
	}

	// caller holds lock; the budget is the one users/merge spends
	private Response acceptIdentities(boolean json, JsonNode payload, boolean identify, long now) {
		Admission admission = admit(this.windows, now);
		if (admission.refused() != null) {
			return admission.refused();
		}
		Quota quota = admission.quota();
		if (identify) {
			Map<String, String> identified = new LinkedHashMap<>();
			String violation = BrazeIdentityContract.identify(json, payload, identified);
			if (violation != null) {
				return message(400, violation, quota.headers());
			}
			identified.forEach((user, externalId) -> {
				this.steps.add("identify " + user + " external_id:" + externalId);
				this.users.identify(user, externalId);
			});
			return identities(identified.size(), quota);
		}
		JsonNode items = BrazeIdentityContract.items(json, payload, "user_aliases");
		String violation = BrazeIdentityContract.aliasNew(items);
		if (violation != null) {
			return message(400, violation, quota.headers());
		}
		for (JsonNode item : items) {
			String alias = "user_alias:" + item.get("alias_label").stringValue() + ":"
					+ item.get("alias_name").stringValue();
			String externalId = item.has("external_id") ? item.get("external_id").stringValue() : null;
			this.steps.add("alias-new " + alias + ((externalId != null) ? " external_id:" + externalId : ""));
			this.users.addAlias(alias, externalId);
		}
		return identities(items.size(), quota);
	}

	/**
	 * users/alias/update ({@link BrazeIdentityContract#aliasUpdate}): each alias renamed,
	 * its user kept. The budget is the one users/merge spends.
	 */
	// caller holds lock
	private Response acceptAliasUpdates(boolean json, JsonNode payload, long now) {
		Admission admission = admit(this.windows, now);
		if (admission.refused() != null) {
			return admission.refused();
		}
		Quota quota = admission.quota();
		JsonNode items = BrazeIdentityContract.items(json, payload, "alias_updates");
		String violation = BrazeIdentityContract.aliasUpdate(items);
		if (violation != null) {
			return message(400, violation, quota.headers());
		}
		for (JsonNode item : items) {
			String label = item.get("alias_label").stringValue();
			String from = "user_alias:" + label + ":" + item.get("old_alias_name").stringValue();
			String to = "user_alias:" + label + ":" + item.get("new_alias_name").stringValue();
			this.steps.add("alias-update " + from + " to " + to);
			this.users.renameAlias(from, to);
		}
		return identities(items.size(), quota);
	}

	// caller holds lock: the answer to identities taken
	private Response identities(int items, Quota quota) {
		batchSeen(items);
		accepted(items);
		this.acceptedPerWindow.merge(quota.windowStart(), 1, Integer::sum);
		ObjectNode answer = JSON.createObjectNode();
		answer.put("aliases_processed", items);
		answer.put("message", "success");
		return Response.json(201, answer, quota.headers());
	}

	// caller holds lock; the budget is the one users/merge spends
	private Response acceptDelete(boolean json, JsonNode payload, long now) {
		Admission admission = admit(this.windows, now);
		if (admission.refused() != null) {
			return admission.refused();
		}
		Quota quota = admission.quota();
		List<String> users = new ArrayList<>();
		String violation = BrazeTrackContract.deletion(json, payload, users);
		if (violation == null) {
			for (int i = 0; i < users.size(); i++) {
				if (isRejected(users.get(i).substring(users.get(i).lastIndexOf(':') + 1))) {
					violation = "user " + i + " cannot be deleted";
				}
			}
		}
		if (violation != null) {
			return message(400, violation, quota.headers());
		}
		int deleted = 0;
		for (String user : users) {
			if (this.users.delete(user)) {
				deleted++;
			}
			this.deletions.add(user);
		}
		batchSeen(users.size());
		accepted(users.size());
		this.acceptedPerWindow.merge(quota.windowStart(), 1, Integer::sum);
		ObjectNode answer = JSON.createObjectNode();
		answer.put("deleted", deleted);
		answer.put("message", "success");
		return Response.json(201, answer, quota.headers());
	}

	/**
	 * The good objects of one users/track array, each taken; the bad ones named in
	 * {@code errors} by array and index, as Braze names them. Returns how many were
	 * taken.
	 */
	// caller holds lock
	private int take(JsonNode objects, String array, Function<JsonNode, String> check, Consumer<JsonNode> taker,
			ArrayNode errors) {
		int taken = 0;
		for (int i = 0; objects != null && objects.isArray() && i < objects.size(); i++) {
			JsonNode object = objects.get(i);
			String error = refusal(object, check.apply(object));
			if (error != null) {
				errors.add(error(error, array, i));
				continue;
			}
			taken++;
			taker.accept(object);
		}
		return taken;
	}

	// caller holds lock: a valid object is refused still when its external id is
	private String refusal(JsonNode object, String error) {
		if (error == null && object.has("external_id") && isRejected(object.get("external_id").asString())) {
			return "user cannot be updated";
		}
		return error;
	}

	private static ObjectNode error(String type, String array, int index) {
		ObjectNode item = JSON.createObjectNode();
		item.put("type", type);
		item.put("input_array", array);
		item.put("index", index);
		return item;
	}

	// caller holds lock: the quota, the faults and the store are atomic
	private Response acceptTrack(boolean json, JsonNode payload, long now) {
		JsonNode attributes = (payload != null && payload.isObject()) ? payload.path("attributes") : null;
		JsonNode events = (payload != null && payload.isObject()) ? payload.path("events") : null;
		JsonNode purchases = (payload != null && payload.isObject()) ? payload.path("purchases") : null;
		batchSeen((attributes != null && attributes.isArray() ? attributes.size() : 0)
				+ (events != null && events.isArray() ? events.size() : 0));
		Admission admission = admit(this.trackWindows, now);
		if (admission.refused() != null) {
			return admission.refused();
		}
		Quota quota = admission.quota();
		String violation = BrazeTrackContract.validate(json, payload);
		if (violation != null) {
			return message(400, violation, quota.headers());
		}
		ArrayNode errors = JSON.createArrayNode();
		int taken = take(attributes, "attributes", BrazeTrackContract::attributesError, this.users::store, errors)
				+ take(events, "events", BrazeTrackContract::eventError,
						(event) -> this.events.add((ObjectNode) event.deepCopy()), errors)
				+ take(purchases, "purchases", BrazeTrackContract::purchaseError,
						(purchase) -> this.purchases.add((ObjectNode) purchase.deepCopy()), errors);
		accepted(taken);
		this.acceptedPerWindow.merge(quota.windowStart(), 1, Integer::sum);
		ObjectNode answer = JSON.createObjectNode();
		answer.put("message", "success");
		answer.put("attributes_processed", taken);
		if (!errors.isEmpty()) {
			answer.set("errors", errors);
		}
		return Response.json(201, answer, quota.headers());
	}

	@Override
	protected boolean authorized(HttpExchange exchange) {
		return keyMatches(Exchanges.bearerToken(exchange));
	}

	// caller holds lock, so the quota, the fault checks and the store are atomic
	private Response accept(boolean json, byte[] body, JsonNode payload, long now) {
		JsonNode updates = (payload != null) ? payload.get("merge_updates") : null;
		if (updates != null && updates.isArray()) {
			batchSeen(updates.size());
		}
		// a gateway in front of Braze answers before the rate limiter sees the request
		Admission admission = admit(this.windows, now);
		if (admission.refused() != null) {
			return admission.refused();
		}
		Quota quota = admission.quota();
		String violation = BrazeMergeContract.validate(json, body, MAX_BODY_BYTES, payload);
		if (violation == null) {
			violation = rejectedExternalId(updates);
		}
		if (violation != null) {
			return message(400, violation, quota.headers());
		}
		updates.forEach((update) -> this.merges.add((ObjectNode) update.deepCopy()));
		updates.forEach((update) -> this.steps
			.add("merge " + update.path("identifier_to_merge") + " into " + update.path("identifier_to_keep")));
		accepted(updates.size());
		this.acceptedPerWindow.merge(quota.windowStart(), 1, Integer::sum);
		return message(202, "success", quota.headers());
	}

	// caller holds lock; the index and side let a test drive a bisecting client
	private String rejectedExternalId(JsonNode updates) {
		for (int i = 0; i < updates.size(); i++) {
			for (String side : BrazeMergeContract.SIDES) {
				JsonNode externalId = updates.get(i).get(side).get("external_id");
				if (externalId != null && isRejected(externalId.stringValue())) {
					return "merge_updates[" + i + "]." + side + ": user cannot be merged";
				}
			}
		}
		return null;
	}

	@Override
	protected void describe(ObjectNode state) {
		state.put("throttledRequests", this.throttledCount);
		state.put("mergesAccepted", itemsAccepted());
		ObjectNode rateLimit = state.putObject("rateLimit");
		rateLimit.put("requests", this.windows.requests());
		rateLimit.put("windowMillis", this.windows.windowMillis());
		rateLimit.put("remaining", this.windows.remaining(apiKey(), System.currentTimeMillis()));
	}

	@Override
	protected Response error(int status, String message) {
		return message(status, message, Map.of());
	}

	private Response methodNotAllowed(String allowed) {
		return message(405, "Method not allowed", Map.of("Allow", allowed));
	}

	private Response message(int status, String message, Map<String, String> headers) {
		ObjectNode body = JSON.createObjectNode();
		body.put("message", message);
		return Response.json(status, body, headers);
	}

	@Override
	protected Response internalError() {
		return message(500, "Internal server error", Map.of());
	}

	@Override
	protected void clearStore() {
		this.windows.clear();
		this.acceptedPerWindow.clear();
		this.throttledPerWindow.clear();
		this.merges.clear();
		this.trackWindows.clear();
		this.users.clear();
		this.deletions.clear();
		this.events.clear();
		this.purchases.clear();
		this.steps.clear();
		this.subscriptionWindows.clear();
		this.subscriptions.clear();
		this.subscriptionUpdates.clear();
		this.throttledCount = 0;
	}

	@Override
	protected String details() {
		return " (" + this.merges.size() + " merge(s), " + this.users.size() + " user(s) with attributes, "
				+ this.events.size() + " event(s), " + this.purchases.size() + " purchase(s)), throttled "
				+ this.throttledCount;
	}

	@Override
	public String endpoints() {
		return "POST /users/merge, POST /users/track (attributes, events, purchases), POST /users/delete, POST /users/alias/new, POST /users/alias/update, POST /users/identify, POST /subscription/status/set (key as Bearer)";
	}

	/**
	 * Users by {@code <identifier>:<value>} ({@code external_id:u-1}), with the
	 * attributes users/track left them and how many attributes objects it took for each.
	 */
	@Override
	public Map<String, StoredRecord> records() {
		synchronized (this.lock) {
			return this.users.records();
		}
	}

	/** Every purchase users/track took, as received, in order. */
	public List<Map<String, Object>> purchases() {
		synchronized (this.lock) {
			return this.purchases.stream()
				.map((purchase) -> Collections.unmodifiableMap(JSON.convertValue(purchase, MAP)))
				.toList();
		}
	}

	/** Every event users/track took, as received, in order. */
	public List<Map<String, Object>> events() {
		synchronized (this.lock) {
			return this.events.stream()
				.map((event) -> Collections.unmodifiableMap(JSON.convertValue(event, MAP)))
				.toList();
		}
	}

	/**
	 * Every alias added ({@code alias-new user_alias:<label>:<name> [external_id:...]}),
	 * alias identified ({@code identify ...}) and merge ({@code merge <merged> into
	 * <kept>}), in the order Braze took them.
	 */
	public List<String> identitySteps() {
		synchronized (this.lock) {
			return List.copyOf(this.steps);
		}
	}

	/** Subscription states by {@code <group>|external_id:u-1}. */
	public Map<String, String> subscriptions() {
		synchronized (this.lock) {
			return Map.copyOf(this.subscriptions);
		}
	}

	/** How many times each subscription state was set, by the same keys. */
	public Map<String, Integer> subscriptionUpdates() {
		synchronized (this.lock) {
			return Map.copyOf(this.subscriptionUpdates);
		}
	}

	/**
	 * Every user users/delete was asked to delete ({@code external_id:u-1}), in order.
	 */
	public List<String> deletions() {
		synchronized (this.lock) {
			return List.copyOf(this.deletions);
		}
	}

	/**
	 * Sets users/track's budget: requests one API key may send per window. Kept by
	 * {@link #reset()}.
	 */
	public void trackRateLimit(int requests, Duration window) {
		synchronized (this.lock) {
			this.trackWindows.limit(requests, window);
		}
	}

	/**
	 * Sets how many authenticated merge requests one API key may send per window; later
	 * requests in the window answer {@code 429}. The new setting starts every key with a
	 * full window. Kept by {@link #reset()}.
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
			this.windows.limit(requests, window);
		}
	}

	/**
	 * Requests answered {@code 429} by the rate limiter; injected faults are not counted.
	 */
	public int throttledCount() {
		synchronized (this.lock) {
			return this.throttledCount;
		}
	}

	/**
	 * Accepted requests in each rate-limit window that had any, by window start,
	 * whichever budget they spent (a test measures one budget at a time).
	 */
	public Map<Long, Integer> acceptedPerWindow() {
		synchronized (this.lock) {
			return Collections.unmodifiableMap(new LinkedHashMap<>(this.acceptedPerWindow));
		}
	}

	/**
	 * Throttled requests in each rate-limit window that had any, by window start,
	 * whichever budget they spent.
	 */
	public Map<Long, Integer> throttledPerWindow() {
		synchronized (this.lock) {
			return Collections.unmodifiableMap(new LinkedHashMap<>(this.throttledPerWindow));
		}
	}

	/** Every accepted update, as received, in arrival order. */
	public List<Map<String, Object>> merges() {
		synchronized (this.lock) {
			return this.merges.stream()
				.map((merge) -> Collections.unmodifiableMap(JSON.convertValue(merge, MAP)))
				.toList();
		}
	}

	/** Updates in accepted requests. */
	public long mergesAccepted() {
		return itemsAccepted();
	}

}
