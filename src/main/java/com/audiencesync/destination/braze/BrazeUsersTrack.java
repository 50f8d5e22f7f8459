package com.audiencesync.destination.braze;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.audiencesync.destination.Connection;
import com.audiencesync.destination.DeliveryOutcome;
import com.audiencesync.destination.EndpointBase;
import com.audiencesync.destination.EndpointDescriptor;
import com.audiencesync.destination.HttpClients;
import com.audiencesync.destination.JsonRows;
import com.audiencesync.destination.MappedRow;
import com.audiencesync.destination.Masking;
import com.audiencesync.destination.PropertyOperation;
import com.audiencesync.destination.RateLimiter;
import com.audiencesync.destination.braze.BrazeRows.TrackObject;
import tools.jackson.databind.JsonNode;

import org.springframework.http.ResponseEntity;

/**
 * {@code POST /users/track} with one of its arrays ({@code attributes} or
 * {@code events}): each request takes a turn from the key's users/track budget. Braze
 * answers {@code {"message": "success"}} when it took every object, and
 * {@code {"message": "success", "errors": [...]}} when it took all but the ones its
 * errors name by {@code input_array} and {@code index}: those are refused with Braze's
 * words, the rest delivered. A 4xx took nothing: the request is split to find its bad
 * objects.
 */
final class BrazeUsersTrack extends EndpointBase<TrackObject> {

	private final BrazeApi api;

	private final BrazeAnswers answers;

	/** The request's array: {@code attributes} or {@code events}. */
	private final String array;

	BrazeUsersTrack(EndpointDescriptor endpoint, Connection connection, RateLimiter limiter) {
		super(endpoint, connection);
		this.array = endpoint.equals(BrazeEndpoints.EVENTS) ? "events"
				: endpoint.equals(BrazeEndpoints.PURCHASES) ? "purchases" : "attributes";
		this.api = HttpClients.exchange(BrazeApi.class, connection);
		this.answers = new BrazeAnswers(limiter, "users.track");
	}

	@Override
	public TrackObject toRequest(MappedRow row) {
		Map<String, Object> body = user(row);
		if (this.array.equals("purchases")) {
			body.put("product_id", row.text("productId"));
			body.put("currency", row.text("currency").toUpperCase(Locale.ROOT));
			body.put("price", row.fields().get("price"));
			if (row.fields().get("quantity") != null) {
				body.put("quantity", ((Number) row.fields().get("quantity")).longValue());
			}
			body.put("time", row.text("time"));
			body.put("properties", properties(row));
			return new TrackObject(body);
		}
		if (this.array.equals("events")) {
			body.put("name", row.text("name"));
			body.put("time", row.text("time"));
			body.put("properties", properties(row));
			return new TrackObject(body);
		}
		Object updateExistingOnly = row.fields().get("updateExistingOnly");
		if (updateExistingOnly != null) {
			body.put("_update_existing_only", updateExistingOnly);
		}
		body.putAll(row.set());
		arrays(body, row);
		return new TrackObject(body);
	}

	/**
	 * A property that adds to an array: {@code {"add": [...]}}, or {@code {"$add":
	 * [...]}} for objects; one that removes: {@code {"remove": [...]}}, or for objects,
	 * each named by one key and its value, {@code {"$remove": [{"$identifier_key": "id",
	 * "$identifier_value": 7}]}}; the values a list, or one value. An array that adds and
	 * removes takes both in one object, in place of a value set.
	 */
	private static void arrays(Map<String, Object> body, MappedRow row) {
		Map<String, Map<String, Object>> changes = new LinkedHashMap<>();
		for (PropertyOperation operation : List.of(PropertyOperation.ADD, PropertyOperation.REMOVE)) {
			row.properties(operation).forEach((name, value) -> {
				List<?> values = (value instanceof List<?> list) ? list : (value != null) ? List.of(value) : List.of();
				if (values.isEmpty()) {
					return;
				}
				boolean objects = values.stream().allMatch(Map.class::isInstance);
				Map<String, Object> change = changes.computeIfAbsent(name, (key) -> new LinkedHashMap<>());
				if (operation == PropertyOperation.ADD) {
					change.put(objects ? "$add" : "add", values);
				}
				else if (objects) {
					change.put("$remove", values.stream().map(BrazeUsersTrack::identifier).toList());
				}
				else {
					change.put("remove", values);
				}
			});
		}
		body.putAll(changes);
	}

	/** An object to remove, named by its one key and value (checked in mapping). */
	private static Map<String, Object> identifier(Object object) {
		Map.Entry<?, ?> named = ((Map<?, ?>) object).entrySet().iterator().next();
		Map<String, Object> identifier = new LinkedHashMap<>();
		identifier.put("$identifier_key", named.getKey());
		identifier.put("$identifier_value", named.getValue());
		return identifier;
	}

	/**
	 * An event's or purchase's properties, with the id a Braze customer dedupes on: the
	 * row's {@code eventId}, else one derived from its run, file and line.
	 */
	private static Map<String, Object> properties(MappedRow row) {
		Map<String, Object> properties = new LinkedHashMap<>((row.properties() != null) ? row.set() : Map.of());
		properties.put("_audience_sync_id", (row.text("eventId") != null) ? row.text("eventId") : row.rowId());
		return properties;
	}

	/** The object's identifier: the first the row has. */
	private static Map<String, Object> user(MappedRow row) {
		Map<String, Object> body = new LinkedHashMap<>();
		String aliasName = row.text("aliasName");
		if (row.text("externalId") != null) {
			body.put("external_id", row.text("externalId"));
		}
		else if (aliasName != null) {
			body.put("user_alias", Map.of("alias_name", aliasName, "alias_label", row.text("aliasLabel")));
		}
		else if (row.text("brazeId") != null) {
			body.put("braze_id", row.text("brazeId"));
		}
		else if (row.text("email") != null) {
			body.put("email", row.text("email"));
		}
		else {
			body.put("phone", row.text("phone"));
		}
		return body;
	}

	@Override
	public DeliveryOutcome send(List<TrackObject> batch) {
		return track(JsonRows.each(batch));
	}

	@Override
	public DeliveryOutcome send(List<TrackObject> batch, List<byte[]> json) {
		return track(json);
	}

	private DeliveryOutcome track(List<byte[]> json) {
		return this.answers.send(this.connection,
				() -> this.api.track("Bearer " + this.connection.apiKey(), JsonRows.object(this.array, json)),
				this::read);
	}

	/** A 2xx whose message is success took the objects its errors do not name. */
	private DeliveryOutcome read(ResponseEntity<String> response) {
		this.answers.observe(response);
		int status = response.getStatusCode().value();
		if (status == 429) {
			return this.answers.throttled(response);
		}
		JsonNode body = BrazeAnswers.body(response);
		if (status / 100 == 2 && body != null && "success".equals(body.path("message").asString(""))) {
			return taken(body);
		}
		return this.answers.failure(response);
	}

	/**
	 * A success, whole or but for the objects its errors name. An error that names no
	 * attributes object by its index cannot be placed: the request is split to find it.
	 */
	private DeliveryOutcome taken(JsonNode body) {
		JsonNode errors = body.path("errors");
		if (!errors.isArray() || errors.isEmpty()) {
			return new DeliveryOutcome.Delivered();
		}
		List<DeliveryOutcome.Refused> refused = new ArrayList<>();
		for (JsonNode error : errors) {
			String type = Masking.scrub(error.path("type").asString(error.isString() ? error.asString() : ""));
			if (!this.array.equals(error.path("input_array").asString("")) || !error.path("index").canConvertToInt()) {
				return new DeliveryOutcome.Rejected("ERROR",
						"a success with an error naming no " + this.array + " object: " + type);
			}
			refused.add(new DeliveryOutcome.Refused(error.path("index").asInt(), this.array.toUpperCase(Locale.ROOT),
					type));
		}
		return new DeliveryOutcome.PartlyRejected(refused);
	}

}
