package com.audiencesync.destination.groobee;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

import com.audiencesync.destination.Connection;
import com.audiencesync.destination.DeliveryOutcome;
import com.audiencesync.destination.EndpointBase;
import com.audiencesync.destination.HttpClients;
import com.audiencesync.destination.HttpStatuses;
import com.audiencesync.destination.JsonRows;
import com.audiencesync.destination.MappedRow;
import com.audiencesync.destination.Masking;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

import org.springframework.http.ResponseEntity;
import org.springframework.web.client.RestClientException;

/**
 * {@code POST /personalizations}. Groobee answers HTTP 200 whatever happened; the outcome
 * is the body's {@code processCode}.
 */
final class GroobeePersonalizations extends EndpointBase<GroobeeRow> {

	/** Key or contract problems: no request can succeed. */
	private static final Set<String> FATAL = Set.of("-1000", "-1001", "-1002", "-1003");

	/** A bad row somewhere in the request: split to find it. */
	private static final Set<String> BAD_ROW = Set.of("-1006", "-1007", "-9997");

	private static final Map<String, String> MEANING = Map.of("-1000", "no x-api-key header", "-1001",
			"unknown customer (wrong API key?)", "-1002", "customer not approved", "-1003", "contract expired", "-1004",
			"too much data", "-1006", "bad memberId", "-1007", "bad phone number", "-9997", "bad data", "-9998",
			"HTTP error", "-9999", "server error");

	private final GroobeeApi api;

	GroobeePersonalizations(Connection connection) {
		super(GroobeeEndpoints.PERSONALIZATIONS, connection);
		this.api = HttpClients.exchange(GroobeeApi.class, connection);
	}

	@Override
	public GroobeeRow toRequest(MappedRow row) {
		return new GroobeeRow(String.valueOf(row.fields().get("memberId")),
				String.valueOf(row.fields().get("phoneNumber")), row.set());
	}

	@Override
	public DeliveryOutcome send(List<GroobeeRow> batch) {
		return send(() -> this.api.personalizations(this.connection.apiKey(), batch));
	}

	@Override
	public DeliveryOutcome send(List<GroobeeRow> batch, List<byte[]> json) {
		return send(() -> this.api.personalizations(this.connection.apiKey(), JsonRows.array(json)));
	}

	private DeliveryOutcome send(Supplier<ResponseEntity<String>> call) {
		ResponseEntity<String> response;
		try {
			response = call.get();
		}
		catch (RestClientException ex) {
			return HttpClients.failure(this.connection, ex);
		}
		int status = response.getStatusCode().value();
		// Groobee itself answers 200 whatever happened: other statuses come from in front
		// of it (404, 405 and redirects never get here: the client stops the run on them,
		// naming the URL, before their body is read as Groobee's)
		if (status == 429 || status == 401 || status == 403 || status >= 500) {
			return HttpStatuses.classify(GroobeeVendor.ID, status, "HTTP " + status, null,
					HttpClients.retryAfter(response.getHeaders()));
		}
		return classify(status, response.getBody());
	}

	private DeliveryOutcome classify(int status, String body) {
		JsonNode answer;
		try {
			answer = JSON.readTree((body != null) ? body : "");
		}
		catch (JacksonException ex) {
			return new DeliveryOutcome.Unavailable("HTTP " + status + " with a body that is not Groobee's JSON");
		}
		String code = answer.path("processCode").asString("");
		if ("0".equals(code)) {
			return new DeliveryOutcome.Delivered();
		}
		String message = "processCode " + code + " (" + MEANING.getOrDefault(code, "unknown code") + ")"
				+ details(answer.path("processValue"));
		if (FATAL.contains(code)) {
			return new DeliveryOutcome.Fatal(
					message + ": check audience-sync.destinations.groobee.api-key and the Groobee contract");
		}
		if ("-1004".equals(code)) {
			return new DeliveryOutcome.TooLarge(code, message);
		}
		if (BAD_ROW.contains(code)) {
			return new DeliveryOutcome.Rejected(code, message);
		}
		return new DeliveryOutcome.Unavailable(message);
	}

	/** The vendor's message and errors, masked: they may echo a row. */
	private static String details(JsonNode value) {
		if (!value.isObject()) {
			return "";
		}
		StringBuilder text = new StringBuilder();
		if (value.hasNonNull("message")) {
			text.append(": ").append(value.get("message").asString());
		}
		if (value.path("errors").isArray() && !value.path("errors").isEmpty()) {
			text.append(" ").append(value.path("errors").toString());
		}
		return Masking.scrub(text.toString());
	}

}
