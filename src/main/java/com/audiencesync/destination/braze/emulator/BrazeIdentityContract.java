package com.audiencesync.destination.braze.emulator;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.JsonNode;

/**
 * What the emulated identity endpoints take, from Braze's API reference, each 1 to
 * {@link #MAX_ITEMS} objects a request: users/alias/new ({@code user_aliases}),
 * users/alias/update ({@code alias_updates}) and users/identify
 * ({@code aliases_to_identify}, {@code emails_to_identify},
 * {@code phone_numbers_to_identify}, at least one). A request that breaks these is
 * refused whole ({@code 400}); the texts are the sandbox's own.
 */
final class BrazeIdentityContract {

	/** Objects of one request. */
	static final int MAX_ITEMS = 50;

	/** users/identify's arrays, each to the field that names its unidentified user. */
	static final Map<String, String> IDENTIFY_ARRAYS = identifyArrays();

	private BrazeIdentityContract() {
	}

	private static Map<String, String> identifyArrays() {
		Map<String, String> arrays = new LinkedHashMap<>();
		arrays.put("aliases_to_identify", "user_alias");
		arrays.put("emails_to_identify", "email");
		arrays.put("phone_numbers_to_identify", "phone");
		return arrays;
	}

	/** The objects of one array of the request, or null when it has none. */
	static JsonNode items(boolean json, JsonNode payload, String array) {
		return (json && payload != null && payload.isObject()) ? payload.get(array) : null;
	}

	/**
	 * Why users/alias/new's {@code user_aliases} are refused, or null: each an
	 * {@code alias_name} and {@code alias_label}, an {@code external_id} where given.
	 */
	static String aliasNew(JsonNode items) {
		if (items == null || !items.isArray() || items.isEmpty() || items.size() > MAX_ITEMS) {
			return "'user_aliases' must be an array of 1 to " + MAX_ITEMS + " objects";
		}
		for (int i = 0; i < items.size(); i++) {
			JsonNode item = items.get(i);
			if (!item.path("alias_name").isString() || !item.path("alias_label").isString()
					|| item.has("external_id") && !item.path("external_id").isString()) {
				return "user_aliases[" + i + "] is not valid";
			}
		}
		return null;
	}

	/**
	 * Why users/alias/update's {@code alias_updates} are refused, or null: each an
	 * {@code alias_label}, {@code old_alias_name} and {@code new_alias_name}.
	 */
	static String aliasUpdate(JsonNode items) {
		if (items == null || !items.isArray() || items.isEmpty() || items.size() > MAX_ITEMS) {
			return "'alias_updates' must be an array of 1 to " + MAX_ITEMS + " objects";
		}
		for (int i = 0; i < items.size(); i++) {
			for (String field : List.of("alias_label", "old_alias_name", "new_alias_name")) {
				JsonNode value = items.get(i).path(field);
				if (!value.isString() || value.stringValue().isBlank()) {
					return "alias_updates[" + i + "] is not valid: '" + field + "'";
				}
			}
		}
		return null;
	}

	/**
	 * Why a users/identify request is refused, or null, adding each object's unidentified
	 * user (as the store keys it) and external id to {@code identified}: each an
	 * {@code external_id} and a user alias, or an email or phone with a prioritization; 1
	 * to {@link #MAX_ITEMS} in all.
	 */
	static String identify(boolean json, JsonNode payload, Map<String, String> identified) {
		int count = 0;
		for (Map.Entry<String, String> array : IDENTIFY_ARRAYS.entrySet()) {
			JsonNode items = items(json, payload, array.getKey());
			if (items == null) {
				continue;
			}
			if (!items.isArray()) {
				return "'" + array.getKey() + "' must be an array";
			}
			for (int i = 0; i < items.size(); i++) {
				JsonNode item = items.get(i);
				JsonNode named = item.path(array.getValue());
				boolean alias = array.getValue().equals("user_alias");
				boolean valid = item.path("external_id").isString() && (alias
						? named.path("alias_name").isString() && named.path("alias_label").isString() : named.isString()
								&& item.path("prioritization").isArray() && !item.path("prioritization").isEmpty());
				if (!valid) {
					return array.getKey() + "[" + i + "] is not valid";
				}
				String user = alias ? "user_alias:" + named.get("alias_label").stringValue() + ":"
						+ named.get("alias_name").stringValue() : array.getValue() + ":" + named.stringValue();
				identified.put(user, item.get("external_id").stringValue());
				count++;
			}
		}
		if (count == 0 || count > MAX_ITEMS) {
			return "one of " + IDENTIFY_ARRAYS.keySet() + " is needed, with 1 to " + MAX_ITEMS + " objects in all";
		}
		return null;
	}

}
