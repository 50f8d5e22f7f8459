package com.audiencesync.destination.braze.emulator;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import com.audiencesync.destination.emulator.StoredRecord;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The emulator's users, as Braze's user endpoints leave them: each by
 * {@code <identifier>:<value>} ({@code external_id:u-1},
 * {@code user_alias:<label>:<name>}, {@code email:...}) with its attributes, how many
 * attributes objects it took, and the aliases that name an identified user. Not
 * thread-safe: the emulator guards it with its lock.
 */
final class BrazeUsers {

	private static final JsonMapper JSON = JsonMapper.shared();

	/** Users by {@code <identifier>:<value>}: their attributes as last merged. */
	private final Map<String, Map<String, Object>> users = new LinkedHashMap<>();

	/** Attributes objects taken for each user. */
	private final Map<String, Integer> updates = new LinkedHashMap<>();

	/** Aliases added to or identified as an identified user: alias key to that user's. */
	private final Map<String, String> aliases = new LinkedHashMap<>();

	/**
	 * An attributes object merged into its user (the user an alias names, where it names
	 * one): a null removes an attribute, an array change ({@code add}, {@code $add},
	 * {@code remove}) changes the array held, any other value replaces it. An update-only
	 * object (and an alias's, by default) creates no user.
	 */
	void store(JsonNode object) {
		String user = this.aliases.getOrDefault(BrazeTrackContract.user(object), BrazeTrackContract.user(object));
		boolean updateOnly = object.path("_update_existing_only").asBoolean(object.has("user_alias"));
		if (updateOnly && !this.users.containsKey(user)) {
			return;
		}
		Map<String, Object> profile = this.users.computeIfAbsent(user, (key) -> new LinkedHashMap<>());
		object.properties().forEach((field) -> {
			if (BrazeTrackContract.IDENTIFIERS.contains(field.getKey())
					|| field.getKey().equals("_update_existing_only")) {
				return;
			}
			if (field.getValue().isNull()) {
				// Braze: null removes the attribute
				profile.remove(field.getKey());
			}
			else if (BrazeTrackContract.changesArray(field.getValue())) {
				profile.put(field.getKey(), changed(profile.get(field.getKey()), field.getValue()));
			}
			else {
				profile.put(field.getKey(), JSON.convertValue(field.getValue(), Object.class));
			}
		});
		this.updates.merge(user, 1, Integer::sum);
	}

	/**
	 * An array attribute after an {@code add}, {@code $add}, {@code remove} and
	 * {@code $remove}: the values added at its end, then every value equal to one removed
	 * taken out, and every object whose identifier key holds a value removed.
	 */
	private static List<Object> changed(Object held, JsonNode change) {
		List<Object> values = (held instanceof List<?> list) ? new ArrayList<>(list) : new ArrayList<>();
		for (String add : List.of("add", "$add")) {
			change.path(add).forEach((value) -> values.add(JSON.convertValue(value, Object.class)));
		}
		change.path("remove").forEach((value) -> values.removeIf(JSON.convertValue(value, Object.class)::equals));
		change.path("$remove").forEach((identifier) -> {
			String key = identifier.get("$identifier_key").stringValue();
			Object value = JSON.convertValue(identifier.get("$identifier_value"), Object.class);
			values.removeIf((one) -> one instanceof Map<?, ?> object && Objects.equals(object.get(key), value));
		});
		return values;
	}

	/**
	 * users/alias/new: an alias added to the user of an external id, or, without one, an
	 * alias-only user.
	 */
	void addAlias(String alias, String externalId) {
		if (externalId == null) {
			this.users.putIfAbsent(alias, new LinkedHashMap<>());
			return;
		}
		String user = "external_id:" + externalId;
		this.users.computeIfAbsent(user, (key) -> new LinkedHashMap<>());
		this.aliases.put(alias, user);
	}

	/** users/alias/update: the alias renamed, its user kept. */
	void renameAlias(String from, String to) {
		String user = this.aliases.remove(from);
		if (user != null) {
			this.aliases.put(to, user);
		}
		Map<String, Object> aliasOnly = this.users.remove(from);
		if (aliasOnly != null) {
			this.users.put(to, aliasOnly);
			Integer taken = this.updates.remove(from);
			if (taken != null) {
				this.updates.put(to, taken);
			}
		}
	}

	/**
	 * users/identify: the unidentified user (by alias, email or phone) moves to the user
	 * of the external id, whose own attributes win; an alias then names that user.
	 */
	void identify(String unidentified, String externalId) {
		String user = "external_id:" + externalId;
		Map<String, Object> anonymous = this.users.remove(unidentified);
		Map<String, Object> profile = this.users.computeIfAbsent(user, (key) -> new LinkedHashMap<>());
		if (anonymous != null) {
			anonymous.forEach(profile::putIfAbsent);
			this.updates.remove(unidentified);
		}
		if (unidentified.startsWith("user_alias:")) {
			this.aliases.put(unidentified, user);
		}
	}

	/** users/delete: whether Braze held the user. */
	boolean delete(String user) {
		this.updates.remove(user);
		return this.users.remove(user) != null;
	}

	int size() {
		return this.users.size();
	}

	void clear() {
		this.users.clear();
		this.updates.clear();
		this.aliases.clear();
	}

	/**
	 * Users by {@code <identifier>:<value>}, with their attributes and how many
	 * attributes objects each took.
	 */
	Map<String, StoredRecord> records() {
		Map<String, StoredRecord> records = new LinkedHashMap<>();
		this.users
			.forEach((user, attributes) -> records.put(user, new StoredRecord(user.substring(user.indexOf(':') + 1),
					attributes, this.updates.getOrDefault(user, 0))));
		return records;
	}

}
