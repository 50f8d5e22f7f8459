package com.audiencesync.sandbox;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import com.sun.net.httpserver.HttpExchange;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Emulates Groobee's personalization API, {@code POST /groobee/personalizations}, and
 * enforces its contract: an {@code x-api-key} header, a JSON array of 1 to 1,000
 * {@code {memberId, phoneNumber, properties}} rows, and an upsert keyed by phone number
 * that replaces the member id and the whole properties map. Like the real API it always
 * answers HTTP 200 and reports the outcome as {@code processCode}; a request with any
 * invalid row is rejected as a whole.
 * <p>
 * {@code GET /groobee/personalizations} (with the API key) shows what was received. The
 * Java accessors and fault injection methods are thread-safe.
 */
public final class GroobeeEmulator implements VendorEmulator {

	static final String VENDOR = "groobee";

	static final int MAX_ROWS = 1000;

	static final int MAX_MEMBER_ID_LENGTH = 64;

	private static final String PATH = "/" + VENDOR + "/personalizations";

	// far above 1,000 realistic rows; stops a runaway client from exhausting the heap
	private static final int MAX_BODY_BYTES = 32 * 1024 * 1024;

	// keeps the rejection readable when a whole batch is broken the same way
	private static final int MAX_ERRORS = 100;

	private static final Pattern PHONE_NUMBER = Pattern.compile("^0\\d{1,2}-\\d{3,4}-\\d{4}$");

	private static final Pattern REPRESENTATIVE_NUMBER = Pattern.compile("^1\\d{3}-\\d{4}$");

	private static final Pattern WHITESPACE = Pattern.compile("\\s");

	private static final TypeReference<LinkedHashMap<String, Object>> MAP = new TypeReference<>() {
	};

	private final JsonMapper mapper = JsonMapper.shared();

	private final String apiKey;

	private final Object lock = new Object();

	// everything below is guarded by lock

	private final Map<String, Stored> profiles = new LinkedHashMap<>();

	private int requestCount;

	private int acceptedRequestCount;

	private int maxBatchSizeSeen;

	private long rowsAccepted;

	private int failNextRequests;

	private ProcessCode failNextProcessCode;

	private final HttpFault httpFault = HttpFault.anyStatus();

	private long failAfterRows = -1;

	private ProcessCode failAfterRowsProcessCode;

	GroobeeEmulator(String apiKey) {
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
			response = failure(ProcessCode.SERVER_ERROR, List.of());
		}
		response.send(exchange);
	}

	private Response answer(HttpExchange exchange) throws IOException {
		if (!PATH.equals(exchange.getRequestURI().getPath())) {
			return Response.text(404, Map.of());
		}
		String method = exchange.getRequestMethod();
		boolean post = "POST".equals(method);
		if (post) {
			synchronized (this.lock) {
				this.requestCount++;
			}
		}
		String key = exchange.getRequestHeaders().getFirst("x-api-key");
		if (key == null || key.isEmpty()) {
			return failure(ProcessCode.NO_API_KEY, List.of());
		}
		if (!key.equals(this.apiKey)) {
			return failure(ProcessCode.UNKNOWN_CUSTOMER, List.of());
		}
		if ("GET".equals(method)) {
			return state();
		}
		if (!post) {
			return failure(ProcessCode.HTTP_ERROR, List.of("method: " + method + " 메서드는 지원하지 않습니다."));
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
			this.maxBatchSizeSeen = Math.max(this.maxBatchSizeSeen, payload.size());
		}
		Response fault = injectedFault();
		if (fault != null) {
			return fault;
		}
		if (!json) {
			return failure(ProcessCode.HTTP_ERROR, List.of("Content-Type: application/json 이어야 합니다."));
		}
		if (body == null) {
			return failure(ProcessCode.TOO_MUCH_DATA, List.of());
		}
		if (payload == null || !payload.isArray()) {
			return failure(ProcessCode.BAD_DATA, List.of("body: JSON 배열이어야 합니다."));
		}
		if (payload.isEmpty()) {
			return failure(ProcessCode.BAD_DATA, List.of("body: 비어 있을 수 없습니다."));
		}
		if (payload.size() > MAX_ROWS) {
			return failure(ProcessCode.TOO_MUCH_DATA,
					List.of("body: 한 번에 " + MAX_ROWS + "건까지 전송할 수 있습니다. (" + payload.size() + "건)"));
		}
		Response rejection = validate(payload);
		if (rejection != null) {
			return rejection;
		}
		for (JsonNode row : payload) {
			String phoneNumber = row.get("phoneNumber").stringValue();
			Stored previous = this.profiles.get(phoneNumber);
			int deliveries = (previous != null) ? previous.deliveries() + 1 : 1;
			this.profiles.put(phoneNumber, new Stored(row.get("memberId").stringValue(),
					(ObjectNode) row.get("properties").deepCopy(), deliveries));
		}
		this.acceptedRequestCount++;
		this.rowsAccepted += payload.size();
		return success();
	}

	private Response injectedFault() {
		Response gateway = this.httpFault.next();
		if (gateway != null) {
			return gateway;
		}
		if (this.failNextRequests > 0) {
			this.failNextRequests--;
			return failure(this.failNextProcessCode, List.of());
		}
		if (this.failAfterRows >= 0 && this.rowsAccepted >= this.failAfterRows) {
			return failure(this.failAfterRowsProcessCode, List.of());
		}
		return null;
	}

	// reports every broken field, never a value: phone numbers and properties are PII
	private Response validate(JsonNode rows) {
		ProcessCode code = null;
		List<String> errors = new ArrayList<>();
		for (int i = 0; i < rows.size(); i++) {
			List<Violation> violations = violations(rows.get(i));
			for (Violation violation : violations) {
				code = (code != null) ? code : violation.code();
				if (errors.size() < MAX_ERRORS) {
					errors.add("[" + i + "]" + violation.field() + ": " + violation.message());
				}
			}
		}
		return (code != null) ? failure(code, errors) : null;
	}

	private static List<Violation> violations(JsonNode row) {
		if (!row.isObject()) {
			return List.of(new Violation(ProcessCode.BAD_DATA, "", "객체여야 합니다."));
		}
		List<Violation> violations = new ArrayList<>();
		JsonNode memberId = row.get("memberId");
		if (memberId == null || memberId.isNull()) {
			violations.add(new Violation(ProcessCode.BAD_DATA, ".memberId", "널이어서는 안됩니다"));
		}
		else if (!memberId.isString()) {
			violations.add(new Violation(ProcessCode.BAD_DATA, ".memberId", "문자열이어야 합니다."));
		}
		else if (!isValidMemberId(memberId.stringValue())) {
			violations.add(new Violation(ProcessCode.BAD_MEMBER_ID, ".memberId", "회원 ID가 올바르지 않습니다."));
		}
		JsonNode phoneNumber = row.get("phoneNumber");
		if (phoneNumber == null || !phoneNumber.isString() || !isValidPhoneNumber(phoneNumber.stringValue())) {
			violations.add(new Violation(ProcessCode.BAD_PHONE_NUMBER, ".phoneNumber", "전화번호가 올바르지 않습니다."));
		}
		JsonNode properties = row.get("properties");
		if (properties == null || properties.isNull()) {
			violations.add(new Violation(ProcessCode.BAD_DATA, ".properties", "널이어서는 안됩니다"));
		}
		else if (!properties.isObject()) {
			violations.add(new Violation(ProcessCode.BAD_DATA, ".properties", "객체여야 합니다."));
		}
		return violations;
	}

	private static boolean isValidMemberId(String memberId) {
		return !memberId.isBlank() && memberId.length() <= MAX_MEMBER_ID_LENGTH && !WHITESPACE.matcher(memberId).find();
	}

	private static boolean isValidPhoneNumber(String phoneNumber) {
		return PHONE_NUMBER.matcher(phoneNumber).matches() || REPRESENTATIVE_NUMBER.matcher(phoneNumber).matches();
	}

	private Response state() {
		ObjectNode state = this.mapper.createObjectNode();
		synchronized (this.lock) {
			state.put("requests", this.requestCount);
			state.put("rowsReceived", this.rowsAccepted);
			ObjectNode profiles = state.putObject("profiles");
			this.profiles.forEach((phoneNumber, stored) -> {
				ObjectNode profile = profiles.putObject(phoneNumber);
				profile.put("memberId", stored.memberId());
				profile.set("properties", stored.properties().deepCopy());
				profile.put("deliveries", stored.deliveries());
			});
		}
		return json(state);
	}

	private Response success() {
		ObjectNode body = this.mapper.createObjectNode();
		ObjectNode httpStatus = body.putObject("httpStatus");
		httpStatus.put("code", "200");
		httpStatus.put("reasonPhrase", "OK");
		body.put("processCode", "0");
		body.put("processValue", true);
		return json(body);
	}

	private Response failure(ProcessCode code, List<String> errors) {
		ObjectNode body = this.mapper.createObjectNode();
		ObjectNode httpStatus = body.putObject("httpStatus");
		httpStatus.put("code", Integer.toString(code.httpStatus));
		httpStatus.put("reasonPhrase", Exchanges.reasonPhrase(code.httpStatus));
		body.put("processCode", Integer.toString(code.code));
		ObjectNode processValue = body.putObject("processValue");
		processValue.put("message", code.message);
		ArrayNode errorNodes = processValue.putArray("errors");
		errors.forEach(errorNodes::add);
		return json(body);
	}

	private Response json(ObjectNode body) {
		return Response.json(200, body, Map.of());
	}

	/**
	 * The number of {@code POST} requests received, rejected ones included.
	 * @return the request count
	 */
	public int requestCount() {
		synchronized (this.lock) {
			return this.requestCount;
		}
	}

	/**
	 * The number of {@code POST} requests that were accepted and stored.
	 * @return the accepted request count
	 */
	public int acceptedRequestCount() {
		synchronized (this.lock) {
			return this.acceptedRequestCount;
		}
	}

	/**
	 * The largest number of rows seen in one authenticated request, rejected ones
	 * included, so a test can check a client's batching.
	 * @return the largest batch size
	 */
	public int maxBatchSizeSeen() {
		synchronized (this.lock) {
			return this.maxBatchSizeSeen;
		}
	}

	/**
	 * The number of rows in accepted requests.
	 * @return the accepted row count
	 */
	public long rowsAccepted() {
		synchronized (this.lock) {
			return this.rowsAccepted;
		}
	}

	/**
	 * A copy of the stored profiles, keyed by phone number, in first-arrival order.
	 * @return the profiles
	 */
	public Map<String, Profile> profiles() {
		synchronized (this.lock) {
			Map<String, Profile> copy = new LinkedHashMap<>();
			this.profiles.forEach((phoneNumber, stored) -> copy.put(phoneNumber, new Profile(stored.memberId(),
					this.mapper.convertValue(stored.properties(), MAP), stored.deliveries())));
			return Collections.unmodifiableMap(copy);
		}
	}

	/**
	 * How many accepted rows carried the given phone number.
	 * @param phoneNumber the phone number, as sent
	 * @return the number of deliveries, {@code 0} if none
	 */
	public int deliveries(String phoneNumber) {
		synchronized (this.lock) {
			Stored stored = this.profiles.get(phoneNumber);
			return (stored != null) ? stored.deliveries() : 0;
		}
	}

	/**
	 * Forgets all profiles and counters and clears injected faults.
	 */
	public void reset() {
		synchronized (this.lock) {
			this.profiles.clear();
			this.requestCount = 0;
			this.acceptedRequestCount = 0;
			this.maxBatchSizeSeen = 0;
			this.rowsAccepted = 0;
			clearFaults();
		}
	}

	/**
	 * Makes the next authenticated {@code POST} requests answer the given
	 * {@code processCode} and store nothing.
	 * @param requests how many requests fail
	 * @param processCode the code they answer, e.g. {@code -9999}
	 * @throws IllegalArgumentException if the code is not a documented failure code
	 */
	public void failNext(int requests, int processCode) {
		HttpFault.requireRequests(requests);
		ProcessCode code = ProcessCode.of(processCode);
		synchronized (this.lock) {
			this.failNextRequests = requests;
			this.failNextProcessCode = code;
		}
	}

	/**
	 * Makes the next authenticated {@code POST} requests answer the given HTTP status
	 * with a short text body and store nothing, as a gateway in front of the vendor
	 * would.
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
	 * Makes every authenticated {@code POST} answer the given {@code processCode} once
	 * {@link #rowsAccepted()} has reached the threshold, until {@link #clearFaults()} or
	 * {@link #reset()}: a vendor that fails permanently midway through a sync.
	 * @param acceptedRows the threshold
	 * @param processCode the code to answer
	 * @throws IllegalArgumentException if the code is not a documented failure code
	 */
	public void failAfterRows(long acceptedRows, int processCode) {
		if (acceptedRows < 0) {
			throw new IllegalArgumentException("acceptedRows must not be negative");
		}
		ProcessCode code = ProcessCode.of(processCode);
		synchronized (this.lock) {
			this.failAfterRows = acceptedRows;
			this.failAfterRowsProcessCode = code;
		}
	}

	/**
	 * Clears every injected fault; stored profiles and counters are kept.
	 */
	public void clearFaults() {
		synchronized (this.lock) {
			this.failNextRequests = 0;
			this.httpFault.clear();
			this.failAfterRows = -1;
		}
	}

	/**
	 * A stored profile as the vendor holds it.
	 *
	 * @param memberId the member id of the latest accepted row
	 * @param properties the properties of the latest accepted row
	 * @param deliveries how many accepted rows carried this phone number
	 */
	public record Profile(String memberId, Map<String, Object> properties, int deliveries) {

		public Profile {
			// not Map.copyOf: JSON null property values are legal
			properties = Collections.unmodifiableMap(new LinkedHashMap<>(properties));
		}

	}

	private record Stored(String memberId, ObjectNode properties, int deliveries) {
	}

	private record Violation(ProcessCode code, String field, String message) {
	}

	/**
	 * Groobee's documented process codes. The {@code httpStatus} each one reports in the
	 * body is our guess for all but {@code 0} and {@code -9997}; clients must key on the
	 * process code.
	 */
	private enum ProcessCode {

		NO_API_KEY(-1000, 401, "API 키가 없습니다."),

		UNKNOWN_CUSTOMER(-1001, 401, "등록되지 않은 고객입니다."),

		NOT_APPROVED(-1002, 403, "승인되지 않은 고객입니다."),

		CONTRACT_EXPIRED(-1003, 403, "계약이 만료되었습니다."),

		TOO_MUCH_DATA(-1004, 400, "전송데이터가 너무 많습니다."),

		BAD_MEMBER_ID(-1006, 400, "회원 ID가 올바르지 않습니다."),

		BAD_PHONE_NUMBER(-1007, 400, "전화번호가 올바르지 않습니다."),

		BAD_DATA(-9997, 400, "전송데이터에 오류가 있습니다"),

		HTTP_ERROR(-9998, 400, "HTTP 요청에 오류가 있습니다."),

		SERVER_ERROR(-9999, 500, "서버 오류가 발생했습니다.");

		private final int code;

		private final int httpStatus;

		private final String message;

		ProcessCode(int code, int httpStatus, String message) {
			this.code = code;
			this.httpStatus = httpStatus;
			this.message = message;
		}

		// rejecting unknown codes up front makes a typo fail the test that set it up
		static ProcessCode of(int code) {
			for (ProcessCode candidate : values()) {
				if (candidate.code == code) {
					return candidate;
				}
			}
			throw new IllegalArgumentException("Not a Groobee failure processCode: " + code);
		}

	}

}
