package com.audiencesync.destination.braze.emulator;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import tools.jackson.databind.JsonNode;

/**
 * What the emulated {@code POST /users/track} takes, from Braze's API reference: a JSON
 * object with {@code attributes}, {@code events} and {@code purchases} arrays, at most
 * {@link #MAX_OBJECTS} objects in all. A request that breaks these is refused whole
 * ({@code 400}); an attributes object that is bad by itself is named in the answer's
 * {@code errors} by {@code input_array} and {@code index}, and the others are taken.
 * Where the reference is silent (the texts, which values are bad) the emulator chooses.
 */
final class BrazeTrackContract {

	/** Objects of one request, attributes, events and purchases together. */
	static final int MAX_OBJECTS = 75;

	/** The longest string attribute value Braze keeps. */
	static final int MAX_STRING = 255;

	static final List<String> IDENTIFIERS = List.of("external_id", "user_alias", "braze_id", "email", "phone");

	private BrazeTrackContract() {
	}

	/** Why the request is refused whole, or null. */
	static String validate(boolean json, JsonNode payload) {
		if (!json || payload == null || !payload.isObject()) {
			return "The request body must be a JSON object";
		}
		int objects = 0;
		boolean any = false;
		for (String array : List.of("attributes", "events", "purchases")) {
			JsonNode items = payload.get(array);
			if (items == null) {
				continue;
			}
			if (!items.isArray()) {
				return "'" + array + "' must be an array";
			}
			any |= !items.isEmpty();
			objects += items.size();
		}
		if (!any) {
			return "Valid data must be provided in the 'attributes', 'events', or 'purchases' fields.";
		}
		if (objects > MAX_OBJECTS) {
			return "Too many objects: " + objects + " in one request, at most " + MAX_OBJECTS;
		}
		return null;
	}

	/** Why one attributes object is bad, or null. */
	static String attributesError(JsonNode object) {
		if (!object.isObject()) {
			return "an attributes object must be an object";
		}
		List<String> present = new ArrayList<>();
		for (String identifier : IDENTIFIERS) {
			if (object.hasNonNull(identifier)) {
				present.add(identifier);
			}
		}
		if (present.size() != 1) {
			return "exactly one of " + IDENTIFIERS + " is needed, found " + present;
		}
		JsonNode alias = object.get("user_alias");
		if (alias != null && (!alias.path("alias_name").isString() || !alias.path("alias_label").isString())) {
			return "user_alias needs alias_name and alias_label";
		}
		JsonNode updateOnly = object.get("_update_existing_only");
		if (updateOnly != null && !updateOnly.isBoolean()) {
			return "'_update_existing_only' is not valid";
		}
		Iterator<Map.Entry<String, JsonNode>> fields = object.properties().iterator();
		while (fields.hasNext()) {
			Map.Entry<String, JsonNode> field = fields.next();
			if (field.getKey().startsWith("$")) {
				return "'" + field.getKey() + "' is not valid";
			}
			if (field.getKey().length() > MAX_STRING
					|| field.getValue().isString() && field.getValue().stringValue().length() > MAX_STRING) {
				return "'" + field.getKey() + "' is not valid";
			}
			String standard = standardError(field.getKey(), field.getValue());
			if (standard != null) {
				return standard;
			}
			String change = arrayChangeError(field.getKey(), field.getValue());
			if (change != null) {
				return change;
			}
		}
		return null;
	}

	/**
	 * The standard profile fields whose values Braze checks, and the values they take (a
	 * null removes any of them).
	 */
	static final Map<String, Pattern> STANDARD = Map.of("dob", Pattern.compile("\\d{4}-\\d{2}-\\d{2}"), "gender",
			Pattern.compile("(?i)[MFONP]"), "country", Pattern.compile("[A-Za-z]{2}"), "language",
			Pattern.compile("[A-Za-z]{2}"), "email_subscribe", Pattern.compile("opted_in|subscribed|unsubscribed"),
			"push_subscribe", Pattern.compile("opted_in|subscribed|unsubscribed"));

	/** Why a standard profile field's value is bad, or null. */
	private static String standardError(String name, JsonNode value) {
		Pattern pattern = STANDARD.get(name);
		if (pattern == null || value.isNull()) {
			return null;
		}
		return (value.isString() && pattern.matcher(value.stringValue()).matches()) ? null
				: "'" + name + "' is not valid";
	}

	/**
	 * Whether an attribute's value changes an array rather than setting it: an object of
	 * {@code add} and {@code remove} (arrays of strings and numbers), or of {@code $add}
	 * (objects) and {@code $remove} (objects named by {@code $identifier_key} and
	 * {@code $identifier_value}).
	 */
	static boolean changesArray(JsonNode value) {
		if (!value.isObject() || value.isEmpty()) {
			return false;
		}
		for (String key : value.propertyNames()) {
			if (!ARRAY_CHANGES.contains(key)) {
				return false;
			}
		}
		return true;
	}

	/** The keys of an array attribute's change the emulator takes. */
	static final List<String> ARRAY_CHANGES = List.of("add", "remove", "$add", "$remove");

	/** Why an array change is bad, or null. */
	private static String arrayChangeError(String name, JsonNode value) {
		if (!value.isObject()) {
			return null;
		}
		for (String key : value.propertyNames()) {
			if (key.startsWith("$") && !ARRAY_CHANGES.contains(key)) {
				// $update: not emulated, never sent
				return "'" + name + "' " + key + " is not valid";
			}
		}
		if (!changesArray(value)) {
			return null;
		}
		for (String key : value.propertyNames()) {
			JsonNode values = value.get(key);
			if (!values.isArray()) {
				return "'" + name + "' " + key + " must be an array";
			}
			for (JsonNode one : values) {
				if (key.startsWith("$") != one.isObject() || one.isArray() || one.isNull()) {
					return "'" + name + "' " + key + " takes "
							+ (key.startsWith("$") ? "objects" : "strings and numbers");
				}
				if (key.equals("$remove")
						&& (!one.path("$identifier_key").isString() || !one.has("$identifier_value"))) {
					return "'" + name + "' $remove takes $identifier_key and $identifier_value";
				}
			}
		}
		return null;
	}

	/** The arrays of users/delete, each to the identifier kind the store keys it by. */
	static final Map<String, String> DELETE_ARRAYS = Map.of("external_ids", "external_id", "user_aliases", "user_alias",
			"braze_ids", "braze_id", "email_addresses", "email", "phone_numbers", "phone");

	/** Users one users/delete request may name. */
	static final int MAX_DELETES = 50;

	/**
	 * Why a users/delete request is refused, or null, adding the users it names (as the
	 * store keys them) to {@code users}: exactly one identifier array, of 1 to
	 * {@link #MAX_DELETES} entries.
	 */
	static String deletion(boolean json, JsonNode payload, List<String> users) {
		if (!json || payload == null || !payload.isObject()) {
			return "The request body must be a JSON object";
		}
		List<String> arrays = new ArrayList<>();
		payload.properties().forEach((field) -> arrays.add(field.getKey()));
		if (arrays.size() != 1 || !DELETE_ARRAYS.containsKey(arrays.get(0))) {
			return "exactly one of " + DELETE_ARRAYS.keySet().stream().sorted().toList() + " is needed, found "
					+ arrays;
		}
		JsonNode items = payload.get(arrays.get(0));
		if (!items.isArray() || items.isEmpty() || items.size() > MAX_DELETES) {
			return "'" + arrays.get(0) + "' must be an array of 1 to " + MAX_DELETES + " identifiers";
		}
		String kind = DELETE_ARRAYS.get(arrays.get(0));
		for (JsonNode item : items) {
			if (kind.equals("user_alias")) {
				if (!item.path("alias_name").isString() || !item.path("alias_label").isString()) {
					return "a user alias needs alias_name and alias_label";
				}
				users.add("user_alias:" + item.get("alias_label").stringValue() + ":"
						+ item.get("alias_name").stringValue());
			}
			else if (!item.isString()) {
				return "'" + arrays.get(0) + "' must hold strings";
			}
			else {
				users.add(kind + ":" + item.stringValue());
			}
		}
		return null;
	}

	/** Why one event is bad, or null: a user, a name and an ISO 8601 time. */
	static String eventError(JsonNode event) {
		if (!event.isObject()) {
			return "an event must be an object";
		}
		long identifiers = IDENTIFIERS.stream().filter(event::hasNonNull).count();
		if (identifiers != 1) {
			return "exactly one of " + IDENTIFIERS + " is needed";
		}
		if (!event.path("name").isString() || event.path("name").stringValue().isBlank()) {
			return "'name' is not valid";
		}
		try {
			java.time.OffsetDateTime.parse(event.path("time").asString(""));
		}
		catch (java.time.format.DateTimeParseException ex) {
			return "'time' is not valid";
		}
		if (event.has("properties") && !event.get("properties").isObject()) {
			return "'properties' is not valid";
		}
		return null;
	}

	/**
	 * Why one purchase is bad, or null: a user, a product id, a currency of three
	 * letters, a numeric price, a quantity from 1 to 100 when given, an ISO 8601 time.
	 */
	static String purchaseError(JsonNode purchase) {
		if (!purchase.isObject()) {
			return "a purchase must be an object";
		}
		if (IDENTIFIERS.stream().filter(purchase::hasNonNull).count() != 1) {
			return "exactly one of " + IDENTIFIERS + " is needed";
		}
		if (!purchase.path("product_id").isString() || purchase.path("product_id").stringValue().isBlank()
				|| purchase.path("product_id").stringValue().length() > MAX_STRING) {
			return "'product_id' is not valid";
		}
		if (!purchase.path("currency").isString() || !purchase.path("currency").stringValue().matches("[A-Z]{3}")) {
			return "'currency' is not valid";
		}
		if (!purchase.path("price").isNumber()) {
			return "'price' is not valid";
		}
		JsonNode quantity = purchase.get("quantity");
		if (quantity != null && (!quantity.canConvertToInt() || quantity.asInt() < 1 || quantity.asInt() > 100)) {
			return "'quantity' is not valid";
		}
		try {
			java.time.OffsetDateTime.parse(purchase.path("time").asString(""));
		}
		catch (java.time.format.DateTimeParseException ex) {
			return "'time' is not valid";
		}
		return null;
	}

	/**
	 * Why a subscription/status/set request is refused, or null, adding the users it
	 * names ({@code external_id:u-1}) to {@code users}: a group id, a state of
	 * {@code subscribed} or {@code unsubscribed}, and one of {@code external_id},
	 * {@code email} or {@code phone}, an array of 1 to 50.
	 */
	static String subscription(boolean json, JsonNode payload, List<String> users) {
		if (!json || payload == null || !payload.isObject()) {
			return "The request body must be a JSON object";
		}
		if (!payload.path("subscription_group_id").isString()) {
			return "'subscription_group_id' is required";
		}
		String state = payload.path("subscription_state").asString("");
		if (!state.equals("subscribed") && !state.equals("unsubscribed")) {
			return "'subscription_state' must be subscribed or unsubscribed";
		}
		List<String> kinds = List.of("external_id", "email", "phone").stream().filter(payload::has).toList();
		if (kinds.size() != 1) {
			return "exactly one of external_id, email or phone is needed, found " + kinds;
		}
		JsonNode ids = payload.get(kinds.get(0));
		if (!ids.isArray() || ids.isEmpty() || ids.size() > 50) {
			return "'" + kinds.get(0) + "' must be an array of 1 to 50";
		}
		for (JsonNode id : ids) {
			if (!id.isString()) {
				return "'" + kinds.get(0) + "' must hold strings";
			}
			users.add(kinds.get(0) + ":" + id.stringValue());
		}
		return null;
	}

	/** The user an attributes object names, as the store keys it. */
	static String user(JsonNode object) {
		for (String identifier : IDENTIFIERS) {
			JsonNode value = object.get(identifier);
			if (value != null && !value.isNull()) {
				return identifier + ":"
						+ (value.isObject()
								? value.path("alias_label").stringValue() + ":" + value.path("alias_name").stringValue()
								: value.asString());
			}
		}
		return null;
	}

}
