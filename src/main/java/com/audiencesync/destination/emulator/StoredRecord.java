package com.audiencesync.destination.emulator;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What an emulated vendor holds under one of its keys (a phone number, a user id): the
 * identity written under it, its properties, and how many accepted records carried it, so
 * a test can tell a row delivered twice.
 *
 * @param identity the identity of the latest accepted record (a member id, a user id)
 * @param properties the properties the vendor keeps
 * @param deliveries how many accepted records carried this key
 */
public record StoredRecord(String identity, Map<String, Object> properties, int deliveries) {

	public StoredRecord {
		// not Map.copyOf: JSON null property values are legal
		properties = Collections.unmodifiableMap(new LinkedHashMap<>(properties));
	}

}
