package com.audiencesync.destination.marketap.emulator;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.audiencesync.destination.emulator.StoredRecord;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * What the Marketap emulator keeps: merged profiles, events (with a count per
 * {@code event_id}), deleted users, devices by token and the paths of accepted requests.
 * Guarded by the emulator's lock, which every method takes.
 */
final class MarketapStore {

	private static final JsonMapper JSON = JsonMapper.shared();

	private static final TypeReference<LinkedHashMap<String, Object>> MAP = new TypeReference<>() {
	};

	private final Object lock;

	private final Map<String, StoredProfile> profiles = new LinkedHashMap<>();

	private final List<ObjectNode> events = new ArrayList<>();

	private final Map<String, Integer> eventCountsById = new LinkedHashMap<>();

	private final List<String> deletedUserIds = new ArrayList<>();

	private final Map<String, ObjectNode> devices = new LinkedHashMap<>();

	private final List<String> requestPaths = new ArrayList<>();

	MarketapStore(Object lock) {
		this.lock = lock;
	}

	/** Stores a valid payload; returns the number of items stored. */
	int store(MarketapContract endpoint, JsonNode payload) {
		synchronized (this.lock) {
			switch (endpoint) {
				case PROFILES -> payload.get("profiles")
					.forEach((profile) -> storeProfile(profile.get("user_id").stringValue(),
							(ObjectNode) profile.get("properties")));
				case EVENTS -> payload.get("events").forEach(this::storeEvent);
				case DELETION -> delete(payload.get("user_id").stringValue());
				case BULK_DELETION -> payload.get("user_ids").forEach((userId) -> delete(userId.stringValue()));
				case DEVICES -> payload.get("profiles")
					.forEach((profile) -> this.devices.put(profile.at("/device/token").stringValue(),
							(ObjectNode) profile.deepCopy()));
			}
			this.requestPaths.add(endpoint.path);
			JsonNode items = endpoint.items(payload);
			return (items != null) ? items.size() : 1;
		}
	}

	// Marketap does not say whether an update replaces or merges the properties; the
	// emulator merges top-level keys, so a partial update keeps the other properties
	private void storeProfile(String userId, ObjectNode properties) {
		StoredProfile previous = this.profiles.get(userId);
		ObjectNode merged = (previous != null) ? previous.properties().deepCopy() : JSON.createObjectNode();
		merged.setAll(properties.deepCopy());
		this.profiles.put(userId, new StoredProfile(merged, (previous != null) ? previous.updates() + 1 : 1));
	}

	// audience-sync sends properties.event_id on every event so retries can be spotted
	private void storeEvent(JsonNode event) {
		this.events.add((ObjectNode) event.deepCopy());
		JsonNode eventId = event.path("properties").get("event_id");
		if (eventId != null && !eventId.isNull()) {
			this.eventCountsById.merge(eventId.isValueNode() ? eventId.asString() : eventId.toString(), 1,
					Integer::sum);
		}
	}

	private void delete(String userId) {
		this.deletedUserIds.add(userId);
		this.profiles.remove(userId);
	}

	void describe(ObjectNode state) {
		synchronized (this.lock) {
			ObjectNode profiles = state.putObject("profiles");
			this.profiles.forEach((userId, stored) -> {
				ObjectNode profile = profiles.putObject(userId);
				profile.set("properties", stored.properties().deepCopy());
				profile.put("updates", stored.updates());
			});
			state.put("events", this.events.size());
			ArrayNode deletions = state.putArray("deletedUserIds");
			this.deletedUserIds.forEach(deletions::add);
			ObjectNode devices = state.putObject("devices");
			this.devices.forEach((token, device) -> devices.set(token, device.deepCopy()));
		}
	}

	String details() {
		synchronized (this.lock) {
			return String.format("%d profile(s), %d event(s), %d deletion(s), %d device(s)", this.profiles.size(),
					this.events.size(), this.deletedUserIds.size(), this.devices.size());
		}
	}

	void clear() {
		synchronized (this.lock) {
			this.profiles.clear();
			this.events.clear();
			this.eventCountsById.clear();
			this.deletedUserIds.clear();
			this.devices.clear();
			this.requestPaths.clear();
		}
	}

	Map<String, StoredRecord> records() {
		synchronized (this.lock) {
			Map<String, StoredRecord> copy = new LinkedHashMap<>();
			this.profiles.forEach((userId, stored) -> copy.put(userId,
					new StoredRecord(userId, JSON.convertValue(stored.properties(), MAP), stored.updates())));
			return Collections.unmodifiableMap(copy);
		}
	}

	List<Map<String, Object>> events() {
		synchronized (this.lock) {
			return this.events.stream()
				.map((event) -> Collections.unmodifiableMap(JSON.convertValue(event, MAP)))
				.toList();
		}
	}

	Map<String, Integer> eventCountsById() {
		synchronized (this.lock) {
			return Collections.unmodifiableMap(new LinkedHashMap<>(this.eventCountsById));
		}
	}

	List<String> deletedUserIds() {
		synchronized (this.lock) {
			return List.copyOf(this.deletedUserIds);
		}
	}

	Map<String, Map<String, Object>> devices() {
		synchronized (this.lock) {
			Map<String, Map<String, Object>> copy = new LinkedHashMap<>();
			this.devices.forEach(
					(token, device) -> copy.put(token, Collections.unmodifiableMap(JSON.convertValue(device, MAP))));
			return Collections.unmodifiableMap(copy);
		}
	}

	List<String> requestPaths() {
		synchronized (this.lock) {
			return List.copyOf(this.requestPaths);
		}
	}

	private record StoredProfile(ObjectNode properties, int updates) {
	}

}
