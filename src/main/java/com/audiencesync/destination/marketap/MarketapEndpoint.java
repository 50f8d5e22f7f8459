package com.audiencesync.destination.marketap;

import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Supplier;

import com.audiencesync.destination.Connection;
import com.audiencesync.destination.DeliveryOutcome;
import com.audiencesync.destination.EndpointBase;
import com.audiencesync.destination.EndpointDescriptor;
import com.audiencesync.destination.HttpClients;
import com.audiencesync.destination.HttpStatuses;
import com.audiencesync.destination.MappedRow;
import com.audiencesync.destination.Masking;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

import org.springframework.http.ResponseEntity;
import org.springframework.web.client.RestClientException;

/**
 * One Marketap endpoint: how a row becomes its request row and which API call carries a
 * batch. Every endpoint answers alike: 202 accepted, 400 {@code {code, message}} for a
 * bad item, 401 for a bad key.
 *
 * @param <R> the request row
 */
final class MarketapEndpoint<R> extends EndpointBase<R> {

	private final Function<MappedRow, R> toRequest;

	private final BiFunction<Call, List<R>, ResponseEntity<String>> call;

	private final BiFunction<Call, List<byte[]>, ResponseEntity<String>> jsonCall;

	private final Call connectionCall;

	/** What a batch is sent with: the API, the Bearer header and the project id. */
	record Call(MarketapApi api, String bearer, String projectId) {
	}

	/**
	 * @param call sends a batch of records
	 * @param jsonCall sends a batch given as its rows' JSON ({@code JsonRows.object}), or
	 * null when the records are sent instead
	 */
	MarketapEndpoint(EndpointDescriptor descriptor, Connection connection, String projectId,
			Function<MappedRow, R> toRequest, BiFunction<Call, List<R>, ResponseEntity<String>> call,
			BiFunction<Call, List<byte[]>, ResponseEntity<String>> jsonCall) {
		super(descriptor, connection);
		this.toRequest = toRequest;
		this.call = call;
		this.jsonCall = jsonCall;
		this.connectionCall = new Call(HttpClients.exchange(MarketapApi.class, connection),
				"Bearer " + connection.apiKey(), projectId);
	}

	@Override
	public R toRequest(MappedRow row) {
		return this.toRequest.apply(row);
	}

	@Override
	public DeliveryOutcome send(List<R> batch) {
		return send(() -> this.call.apply(this.connectionCall, batch));
	}

	@Override
	public DeliveryOutcome send(List<R> batch, List<byte[]> json) {
		if (this.jsonCall == null) {
			return send(batch);
		}
		return send(() -> this.jsonCall.apply(this.connectionCall, json));
	}

	private DeliveryOutcome send(Supplier<ResponseEntity<String>> call) {
		ResponseEntity<String> response;
		try {
			response = call.get();
		}
		catch (RestClientException ex) {
			return HttpClients.failure(this.connection, ex);
		}
		return classify(response);
	}

	static DeliveryOutcome classify(ResponseEntity<String> response) {
		int status = response.getStatusCode().value();
		String answer = "HTTP " + status + answer(response.getBody());
		if (status == 400 && answer.toLowerCase().contains("project")) {
			return new DeliveryOutcome.Fatal(answer + ": check audience-sync.destinations.marketap.project-id");
		}
		return HttpStatuses.classify(MarketapVendor.ID, status, answer, code(response.getBody(), status),
				HttpClients.retryAfter(response.getHeaders()));
	}

	/**
	 * Marketap's {@code code} and {@code message}, masked: the message may echo an item.
	 */
	private static String answer(String body) {
		JsonNode node = parse(body);
		if (node == null) {
			return "";
		}
		return Masking
			.scrub(" (code " + node.path("code").asString("?") + ": " + node.path("message").asString("") + ")");
	}

	private static String code(String body, int status) {
		JsonNode node = parse(body);
		return (node != null && node.hasNonNull("code")) ? node.get("code").asString() : String.valueOf(status);
	}

	private static JsonNode parse(String body) {
		if (body == null || body.isBlank()) {
			return null;
		}
		try {
			JsonNode node = JSON.readTree(body);
			return node.isObject() ? node : null;
		}
		catch (JacksonException ex) {
			return null;
		}
	}

}
