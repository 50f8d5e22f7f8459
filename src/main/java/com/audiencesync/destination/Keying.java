package com.audiencesync.destination;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import com.audiencesync.destination.Endpoint.UpsertKey;

/**
 * How an endpoint that upserts keys its rows: the mapped fields the key is made of, the
 * key they make (the vendor keeps one record per key) and the identity written under it,
 * if any (a member id under a phone number). The sync state, conflicts and mirrors work
 * from this, the same for every vendor.
 *
 * @param keyName the key's name in reports, e.g. {@code phoneNumber}
 * @param fields the mapped fields the key is made of
 * @param key the key of a row's key fields, or null when they make none
 * @param identityField the field of the identity written under the key, or null
 */
public record Keying(String keyName, List<String> fields, Function<Map<String, Object>, String> key,
		String identityField) {

	/** Keyed by one field's value. */
	public static Keying by(String field) {
		return new Keying(field, List.of(field), (values) -> text(values.get(field)), null);
	}

	/**
	 * Keyed by the first of these fields (each with its prefix) that has a value, as
	 * {@code <prefix><value>}.
	 */
	public static Keying byFirstOf(String keyName, List<Map.Entry<String, String>> prefixes) {
		return new Keying(keyName, prefixes.stream().map(Map.Entry::getKey).toList(), (values) -> {
			for (Map.Entry<String, String> field : prefixes) {
				String value = text(values.get(field.getKey()));
				if (value != null) {
					return field.getValue() + value;
				}
			}
			return null;
		}, null);
	}

	/** The same keying with an identity written under the key. */
	public Keying identifiedBy(String field) {
		return new Keying(this.keyName, this.fields, this.key, field);
	}

	/** A row's key and identity, from its mapped fields. */
	public Optional<UpsertKey> of(Map<String, Object> values) {
		String key = this.key.apply(values);
		if (key == null) {
			return Optional.empty();
		}
		return Optional.of(new UpsertKey(key,
				(this.identityField != null) ? text(values.get(this.identityField)) : null, this.keyName));
	}

	/** Only the key fields of a row (what a deletion of the key needs). */
	public Map<String, Object> keyFields(Map<String, Object> values) {
		Map<String, Object> keyFields = new LinkedHashMap<>();
		this.fields.forEach((field) -> {
			if (values.get(field) != null) {
				keyFields.put(field, values.get(field));
			}
		});
		return keyFields;
	}

	private static String text(Object value) {
		return (value != null) ? value.toString() : null;
	}

	/** No function shows up in a log. */
	@Override
	public String toString() {
		return "Keying[" + this.keyName + " from " + this.fields + "]";
	}

}
