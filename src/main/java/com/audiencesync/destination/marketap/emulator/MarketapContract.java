package com.audiencesync.destination.marketap.emulator;

import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import tools.jackson.databind.JsonNode;

/**
 * Marketap's endpoints as its emulator enforces them, each with its array of items (if
 * any) and its validation. Validation returns the first violation as
 * {@code [index].field: problem}, or {@code null}: the index and field, never a value.
 */
enum MarketapContract {

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

	static final int MAX_ITEMS = 1000;

	static final Set<String> PLATFORMS = Set.of("IOS", "ANDROID", "WEB");

	private static final String NOT_AN_OBJECT = ": must be an object";

	private static final DateTimeFormatter OFFSET_TIMESTAMP = DateTimeFormatter.ISO_OFFSET_DATE_TIME;

	final String path;

	private final String itemsName;

	MarketapContract(String path, String itemsName) {
		this.path = path;
		this.itemsName = itemsName;
	}

	static MarketapContract of(String path) {
		for (MarketapContract endpoint : values()) {
			if (endpoint.path.equals(path)) {
				return endpoint;
			}
		}
		return null;
	}

	/**
	 * The array of items of a payload, or {@code null} if this endpoint takes none or the
	 * payload has no array there.
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
		items(payload).forEach((item) -> userIds.add(item.has("user_id") ? item.get("user_id").stringValue() : null));
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
