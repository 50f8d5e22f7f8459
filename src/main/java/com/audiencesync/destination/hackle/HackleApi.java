package com.audiencesync.destination.hackle;

import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.service.annotation.DeleteExchange;
import org.springframework.web.service.annotation.HttpExchange;
import org.springframework.web.service.annotation.PostExchange;

/** Hackle's user property API ({@code https://api.hackle.io}). One record a request. */
@HttpExchange(accept = MediaType.APPLICATION_JSON_VALUE)
interface HackleApi {

	String KEY_HEADER = "X-HACKLE-API-KEY";

	@PostExchange(url = "/v1/properties", contentType = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<String> properties(@RequestHeader(KEY_HEADER) String key, @RequestBody PropertiesRequest body);

	@PostExchange(url = "/v1/properties/phone-numbers", contentType = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<String> phoneNumber(@RequestHeader(KEY_HEADER) String key, @RequestBody PhoneNumberRequest body);

	@DeleteExchange("/v1/properties/phone-numbers")
	ResponseEntity<String> deletePhoneNumber(@RequestHeader(KEY_HEADER) String key,
			@RequestParam("userId") String userId);

	@PostExchange(url = "/v1/push-subscriptions", contentType = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<String> push(@RequestHeader(KEY_HEADER) String key, @RequestBody SubscriptionRequest body);

	@PostExchange(url = "/v1/kakao-subscriptions", contentType = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<String> kakao(@RequestHeader(KEY_HEADER) String key, @RequestBody SubscriptionRequest body);

	@PostExchange(url = "/v1/sms-subscriptions", contentType = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<String> sms(@RequestHeader(KEY_HEADER) String key, @RequestBody SubscriptionRequest body);

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
