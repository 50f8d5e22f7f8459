package com.audiencesync.destination.braze;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * The request body of {@code /users/merge}. Their {@code toString} shows no personal
 * data.
 */
final class BrazeRows {

	private BrazeRows() {
	}

	/**
	 * A batch's items grouped by what Braze takes one of a request (a kind of identifier,
	 * a group and state), in the order each group first appears.
	 */
	static <T, K, V> Map<K, List<V>> grouped(List<T> batch, Function<T, K> by, Function<T, V> item) {
		Map<K, List<V>> groups = new LinkedHashMap<>();
		batch.forEach(
				(each) -> groups.computeIfAbsent(by.apply(each), (key) -> new ArrayList<>()).add(item.apply(each)));
		return groups;
	}

	/** {@code {merge_updates: [...]}}. */
	record MergeRequest(@JsonProperty("merge_updates") List<MergeUpdate> mergeUpdates) {
	}

	/** One merge: the user merged away and the one kept. */
	record MergeUpdate(@JsonProperty("identifier_to_merge") Identifier merge,
			@JsonProperty("identifier_to_keep") Identifier keep) {
	}

	/** Exactly one of its identifiers is set (checked before any request). */
	@JsonInclude(JsonInclude.Include.NON_NULL)
	record Identifier(@JsonProperty("external_id") String externalId, @JsonProperty("user_alias") Alias userAlias,
			String email, String phone, List<String> prioritization) {

		/**
		 * A key naming the user, for chain detection; never logged (only its hash is
		 * kept).
		 */
		String key() {
			if (this.externalId != null) {
				return "external_id:" + this.externalId;
			}
			if (this.userAlias != null) {
				return "user_alias:" + this.userAlias.aliasLabel() + ":" + this.userAlias.aliasName();
			}
			return (this.email != null) ? "email:" + this.email : "phone:" + this.phone;
		}

		@Override
		public String toString() {
			return "Identifier[(masked)]";
		}

	}

	/**
	 * One object of a {@code users/track} array: the user's identifier
	 * ({@code external_id}, {@code user_alias}, {@code braze_id}, {@code email} or
	 * {@code phone}), then an attributes object's {@code _update_existing_only} and
	 * attributes, or an event's name, time and properties, all in one JSON object as
	 * Braze reads it.
	 */
	record TrackObject(@JsonValue Map<String, Object> body) {

		@Override
		public String toString() {
			return "TrackObject[(masked), " + this.body.size() + " keys]";
		}

	}

	/**
	 * One user to delete: the {@code users/delete} array it goes in
	 * ({@code external_ids}, {@code user_aliases}, {@code braze_ids},
	 * {@code email_addresses} or {@code phone_numbers}) and its identifier there.
	 */
	record DeleteTarget(String array, Object identifier) {

		@Override
		public String toString() {
			return "DeleteTarget[" + this.array + ", (masked)]";
		}

	}

	/**
	 * One user's state in one subscription group: the group, the state, the identifier's
	 * array ({@code external_id}, {@code email} or {@code phone}) and the identifier.
	 */
	record SubscriptionChange(String group, String state, String array, String identifier) {

		@Override
		public String toString() {
			return "SubscriptionChange[" + this.group + ", " + this.state + ", " + this.array + ", (masked)]";
		}

	}

	/** A user alias: name and label. */
	record Alias(@JsonProperty("alias_name") String aliasName, @JsonProperty("alias_label") String aliasLabel) {
	}

}
