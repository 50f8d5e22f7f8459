package com.audiencesync.destination.hackle.emulator;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

import com.audiencesync.destination.emulator.StoredRecord;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * What the Hackle emulator keeps: properties by user or device, phone numbers by user,
 * consents by channel and user, and how many times each record was applied. Guarded by
 * the emulator's lock, which every method takes.
 */
final class HackleStore {

	private static final JsonMapper JSON = JsonMapper.shared();

	private final Object lock;

	private final Map<String, Map<String, Object>> profiles = new LinkedHashMap<>();

	private final Map<String, String> phoneNumbers = new LinkedHashMap<>();

	private final Map<String, Map<String, String>> subscriptions = new LinkedHashMap<>();

	private final Map<String, Integer> applied = new HashMap<>();

	HackleStore(Object lock) {
		this.lock = lock;
	}

	/** Applies {@code $set}, {@code $setOnce} and {@code $unset} to a profile. */
	void operations(String key, ObjectNode operations) {
		synchronized (this.lock) {
			Map<String, Object> profile = this.profiles.computeIfAbsent(key, (k) -> new LinkedHashMap<>());
			JsonNode set = operations.get("$set");
			if (set != null) {
				set.properties().forEach((entry) -> profile.put(entry.getKey(), value(entry.getValue())));
			}
			JsonNode setOnce = operations.get("$setOnce");
			if (setOnce != null) {
				setOnce.properties().forEach((entry) -> profile.putIfAbsent(entry.getKey(), value(entry.getValue())));
			}
			JsonNode unset = operations.get("$unset");
			if (unset != null) {
				unset.propertyNames().forEach(profile::remove);
			}
			applied("properties", key);
		}
	}

	void phoneNumber(String userId, String phoneNumber) {
		synchronized (this.lock) {
			this.phoneNumbers.put(userId, phoneNumber);
			applied("phone-numbers", userId);
		}
	}

	void removePhoneNumber(String userId) {
		synchronized (this.lock) {
			this.phoneNumbers.remove(userId);
			applied("phone-number-deletions", userId);
		}
	}

	void subscriptions(String endpoint, String key, Map<String, String> statuses) {
		synchronized (this.lock) {
			this.subscriptions.computeIfAbsent(endpoint + ":" + key, (k) -> new LinkedHashMap<>()).putAll(statuses);
			applied(endpoint, key);
		}
	}

	private void applied(String endpoint, String key) {
		this.applied.merge(endpoint + " " + key, 1, Integer::sum);
	}

	private static Object value(JsonNode node) {
		return JSON.treeToValue(node, Object.class);
	}

	void describe(ObjectNode state) {
		synchronized (this.lock) {
			state.set("profiles", JSON.valueToTree(this.profiles));
			state.set("phoneNumbers", JSON.valueToTree(this.phoneNumbers));
			state.set("subscriptions", JSON.valueToTree(this.subscriptions));
		}
	}

	String details() {
		synchronized (this.lock) {
			return String.format("%d profile(s), %d phone number(s), %d consent record(s)", this.profiles.size(),
					this.phoneNumbers.size(), this.subscriptions.size());
		}
	}

	void clear() {
		synchronized (this.lock) {
			this.profiles.clear();
			this.phoneNumbers.clear();
			this.subscriptions.clear();
			this.applied.clear();
		}
	}

	Map<String, StoredRecord> records() {
		synchronized (this.lock) {
			Map<String, StoredRecord> copy = new LinkedHashMap<>();
			this.profiles.forEach((key, profile) -> copy.put(key, new StoredRecord(key.substring(key.indexOf(':') + 1),
					profile, this.applied.getOrDefault("properties " + key, 0))));
			return copy;
		}
	}

	Map<String, Integer> applied() {
		synchronized (this.lock) {
			return Map.copyOf(this.applied);
		}
	}

	Map<String, Map<String, Object>> profiles() {
		synchronized (this.lock) {
			Map<String, Map<String, Object>> copy = new LinkedHashMap<>();
			this.profiles.forEach((key, profile) -> copy.put(key, Map.copyOf(profile)));
			return copy;
		}
	}

	Map<String, String> phoneNumbers() {
		synchronized (this.lock) {
			return new LinkedHashMap<>(this.phoneNumbers);
		}
	}

	Map<String, Map<String, String>> subscriptions() {
		synchronized (this.lock) {
			Map<String, Map<String, String>> copy = new LinkedHashMap<>();
			this.subscriptions.forEach((key, statuses) -> copy.put(key, Map.copyOf(statuses)));
			return copy;
		}
	}

	void storeProfile(String key, Map<String, Object> properties) {
		synchronized (this.lock) {
			this.profiles.put(key, new LinkedHashMap<>(properties));
		}
	}

	void storePhoneNumber(String userId, String phoneNumber) {
		synchronized (this.lock) {
			this.phoneNumbers.put(userId, phoneNumber);
		}
	}

}
