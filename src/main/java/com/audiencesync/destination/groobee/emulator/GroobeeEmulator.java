package com.audiencesync.destination.groobee.emulator;

import java.io.IOException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.audiencesync.destination.emulator.EmulatorBase;
import com.audiencesync.destination.emulator.Exchanges;
import com.audiencesync.destination.emulator.Response;
import com.audiencesync.destination.emulator.StoredRecord;
import com.audiencesync.destination.groobee.GroobeeVendor;
import com.sun.net.httpserver.HttpExchange;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Emulates Groobee's personalization API, {@code POST /groobee/personalizations}, and
 * enforces its contract: an {@code x-api-key} header, a JSON array of 1 to 1,000
 * {@code {memberId, phoneNumber, properties}} rows, and an upsert keyed by phone number
 * that replaces the member id and the whole properties map. Like the real API it always
 * answers HTTP 200 and reports the outcome as {@code processCode}; a request with any
 * invalid row is rejected as a whole. {@code GET /groobee/personalizations} (with the API
 * key) shows what was received.
 */
public final class GroobeeEmulator extends EmulatorBase {

	static final int MAX_ROWS = 1000;

	private static final String PATH = "/personalizations";

	// far above 1,000 realistic rows; stops a runaway client from exhausting the heap
	private static final int MAX_BODY_BYTES = 32 * 1024 * 1024;

	private static final TypeReference<LinkedHashMap<String, Object>> MAP = new TypeReference<>() {
	};

	// guarded by lock

	private final Map<String, Stored> profiles = new LinkedHashMap<>();

	private int failNextRequests;

	private GroobeeProcessCode failNextCode;

	private GroobeeProcessCode failMidwayCode;

	GroobeeEmulator(String apiKey) {
		super(GroobeeVendor.ID, apiKey, true);
	}

	@Override
	protected Response answer(HttpExchange exchange, String path) throws IOException {
		if (!PATH.equals(path)) {
			return Response.text(404, Map.of());
		}
		String method = exchange.getRequestMethod();
		boolean post = "POST".equals(method);
		if (post) {
			received();
		}
		String key = exchange.getRequestHeaders().getFirst("x-api-key");
		if (key == null || key.isEmpty()) {
			return failure(GroobeeProcessCode.NO_API_KEY, List.of());
		}
		if (!authorized(exchange)) {
			return failure(GroobeeProcessCode.UNKNOWN_CUSTOMER, List.of());
		}
		if ("GET".equals(method)) {
			return state();
		}
		if (!post) {
			return failure(GroobeeProcessCode.HTTP_ERROR, List.of("method: " + method + " 메서드는 지원하지 않습니다."));
		}
		byte[] body = Exchanges.readBody(exchange.getRequestBody(), MAX_BODY_BYTES);
		JsonNode payload = Exchanges.parseJson(body);
		boolean json = Exchanges.isJson(exchange);
		synchronized (this.lock) {
			return accept(body, payload, json);
		}
	}

	// caller holds lock, so the fault check, the row threshold and the store are atomic
	private Response accept(byte[] body, JsonNode payload, boolean json) {
		if (payload != null && payload.isArray()) {
			batchSeen(payload.size());
		}
		Response fault = injectedFault();
		if (fault != null) {
			return fault;
		}
		if (!json) {
			return failure(GroobeeProcessCode.HTTP_ERROR, List.of("Content-Type: application/json 이어야 합니다."));
		}
		if (body == null) {
			return failure(GroobeeProcessCode.TOO_MUCH_DATA, List.of());
		}
		if (payload == null || !payload.isArray()) {
			return failure(GroobeeProcessCode.BAD_DATA, List.of("body: JSON 배열이어야 합니다."));
		}
		if (payload.isEmpty()) {
			return failure(GroobeeProcessCode.BAD_DATA, List.of("body: 비어 있을 수 없습니다."));
		}
		if (payload.size() > MAX_ROWS) {
			return failure(GroobeeProcessCode.TOO_MUCH_DATA,
					List.of("body: 한 번에 " + MAX_ROWS + "건까지 전송할 수 있습니다. (" + payload.size() + "건)"));
		}
		GroobeeContract.Rejection rejection = GroobeeContract.validate(payload, this::isRejected);
		if (rejection != null) {
			return failure(rejection.code(), rejection.errors());
		}
		for (JsonNode row : payload) {
			String phoneNumber = row.get("phoneNumber").stringValue();
			Stored previous = this.profiles.get(phoneNumber);
			int deliveries = (previous != null) ? previous.deliveries() + 1 : 1;
			this.profiles.put(phoneNumber, new Stored(row.get("memberId").stringValue(),
					(ObjectNode) row.get("properties").deepCopy(), deliveries));
		}
		accepted(payload.size());
		return success();
	}

	private Response injectedFault() {
		Response gateway = gatewayFault();
		if (gateway != null) {
			return gateway;
		}
		if (this.failNextRequests > 0) {
			this.failNextRequests--;
			return failure(this.failNextCode, List.of());
		}
		int midway = failedMidway();
		if (midway == 429) {
			return Response.text(429, Map.of());
		}
		if (midway != 0) {
			return failure((this.failMidwayCode != null) ? this.failMidwayCode : GroobeeProcessCode.SERVER_ERROR,
					List.of());
		}
		return null;
	}

	@Override
	protected void describe(ObjectNode state) {
		state.put("rowsReceived", itemsAccepted());
		ObjectNode profiles = state.putObject("profiles");
		this.profiles.forEach((phoneNumber, stored) -> {
			ObjectNode profile = profiles.putObject(phoneNumber);
			profile.put("memberId", stored.memberId());
			profile.set("properties", stored.properties().deepCopy());
			profile.put("deliveries", stored.deliveries());
		});
	}

	private Response success() {
		ObjectNode body = JSON.createObjectNode();
		ObjectNode httpStatus = body.putObject("httpStatus");
		httpStatus.put("code", "200");
		httpStatus.put("reasonPhrase", "OK");
		body.put("processCode", "0");
		body.put("processValue", true);
		return Response.json(200, body);
	}

	private Response failure(GroobeeProcessCode code, List<String> errors) {
		ObjectNode body = JSON.createObjectNode();
		ObjectNode httpStatus = body.putObject("httpStatus");
		httpStatus.put("code", Integer.toString(code.httpStatus()));
		httpStatus.put("reasonPhrase", Exchanges.reasonPhrase(code.httpStatus()));
		body.put("processCode", Integer.toString(code.code()));
		ObjectNode processValue = body.putObject("processValue");
		processValue.put("message", code.message());
		ArrayNode errorNodes = processValue.putArray("errors");
		errors.forEach(errorNodes::add);
		return Response.json(200, body);
	}

	@Override
	protected boolean authorized(HttpExchange exchange) {
		return keyMatches(exchange.getRequestHeaders().getFirst("x-api-key"));
	}

	@Override
	protected Response error(int status, String message) {
		return Response.text(status, Map.of());
	}

	@Override
	protected Response internalError() {
		return failure(GroobeeProcessCode.SERVER_ERROR, List.of());
	}

	@Override
	protected void clearStore() {
		this.profiles.clear();
	}

	@Override
	protected void clearVendorFaults() {
		this.failNextRequests = 0;
		this.failMidwayCode = null;
	}

	@Override
	protected String details() {
		return ", keeps " + this.profiles.size() + " profile(s)";
	}

	@Override
	public String endpoints() {
		return "POST /personalizations (key in x-api-key)";
	}

	/** The stored profiles by phone number, in first-arrival order. */
	public Map<String, StoredRecord> profiles() {
		return records();
	}

	@Override
	public Map<String, StoredRecord> records() {
		synchronized (this.lock) {
			Map<String, StoredRecord> copy = new LinkedHashMap<>();
			this.profiles.forEach((phoneNumber, stored) -> copy.put(phoneNumber, new StoredRecord(stored.memberId(),
					JSON.convertValue(stored.properties(), MAP), stored.deliveries())));
			return Collections.unmodifiableMap(copy);
		}
	}

	/** How many accepted rows carried the phone number, without copying the store. */
	@Override
	public int deliveries(String phoneNumber) {
		synchronized (this.lock) {
			Stored stored = this.profiles.get(phoneNumber);
			return (stored != null) ? stored.deliveries() : 0;
		}
	}

	/**
	 * Makes the next authenticated {@code POST} requests answer that documented failure
	 * {@code processCode} (e.g. {@code -9999}) and store nothing.
	 */
	public void failNext(int requests, int processCode) {
		if (requests < 1) {
			throw new IllegalArgumentException("requests must be at least 1");
		}
		GroobeeProcessCode code = GroobeeProcessCode.of(processCode);
		synchronized (this.lock) {
			this.failNextRequests = requests;
			this.failNextCode = code;
		}
	}

	/**
	 * Makes every authenticated {@code POST} answer that {@code processCode} once so many
	 * rows were accepted: a vendor that fails permanently midway through a sync.
	 */
	public void failAfterRows(long acceptedRows, int processCode) {
		GroobeeProcessCode code = GroobeeProcessCode.of(processCode);
		failAfterItems(acceptedRows, code.httpStatus() >= 400 ? code.httpStatus() : 500);
		synchronized (this.lock) {
			this.failMidwayCode = code;
		}
	}

	private record Stored(String memberId, ObjectNode properties, int deliveries) {
	}

}
