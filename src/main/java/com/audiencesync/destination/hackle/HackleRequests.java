package com.audiencesync.destination.hackle;

import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Hackle's request bodies, one record each, as its document spells them
 * ({@code https://api.hackle.io}).
 */
final class HackleRequests {

	private HackleRequests() {
	}

	/**
	 * {@code {userId?, deviceId?, operations}}.
	 *
	 * @param userId the user, or null
	 * @param deviceId the device, or null
	 * @param operations what changes
	 */
	@JsonInclude(JsonInclude.Include.NON_NULL)
	record PropertiesRequest(String userId, String deviceId, Operations operations) {
	}

	/**
	 * {@code {$set?, $setOnce?, $unset?}}; an empty operation is left out.
	 *
	 * @param set properties to set
	 * @param setOnce properties to set where the user has none
	 * @param unset properties to remove (Hackle reads only the keys)
	 */
	@JsonInclude(JsonInclude.Include.NON_EMPTY)
	record Operations(@JsonProperty("$set") Map<String, Object> set,
			@JsonProperty("$setOnce") Map<String, Object> setOnce, @JsonProperty("$unset") Map<String, Object> unset) {
	}

	/**
	 * {@code {userId, phoneNumber}}, E.164.
	 *
	 * @param userId the user
	 * @param phoneNumber the number, {@code +821012345678}
	 */
	record PhoneNumberRequest(String userId, String phoneNumber) {

		@Override
		public String toString() {
			return "PhoneNumberRequest[userId=***, phoneNumber=***]";
		}

	}

	/**
	 * The user whose phone number is removed.
	 *
	 * @param userId the user
	 */
	record PhoneNumberDeletion(String userId) {
	}

	/**
	 * {@code {userId?, deviceId?, marketingSubscriptionStatus?,
	 * informationSubscriptionStatus?}}.
	 *
	 * @param userId the user, or null
	 * @param deviceId the device (push only), or null
	 * @param marketingSubscriptionStatus {@code SUBSCRIBED} or {@code UNSUBSCRIBED}, or
	 * null
	 * @param informationSubscriptionStatus {@code SUBSCRIBED} or {@code UNSUBSCRIBED}, or
	 * null
	 */
	@JsonInclude(JsonInclude.Include.NON_NULL)
	record SubscriptionRequest(String userId, String deviceId, String marketingSubscriptionStatus,
			String informationSubscriptionStatus) {
	}

}
