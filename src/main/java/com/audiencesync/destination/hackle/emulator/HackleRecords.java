package com.audiencesync.destination.hackle.emulator;

import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Hackle's request records as its emulator checks them: each check gives the violation,
 * naming the field and never its value, or null.
 */
final class HackleRecords {

	static final Set<String> STATUSES = Set.of("SUBSCRIBED", "UNSUBSCRIBED");

	private static final Set<String> OPERATIONS = Set.of("$set", "$setOnce", "$unset");

	private static final Pattern E164 = Pattern.compile("\\+[1-9][0-9]{7,14}");

	private HackleRecords() {
	}

	/** {@code {userId | deviceId, operations: {$set?, $setOnce?, $unset?}}}. */
	static String checkProperties(ObjectNode record, String key) {
		if (key == null) {
			return "userId or deviceId is required";
		}
		if (!(record.get("operations") instanceof ObjectNode operations)) {
			return "operations: an object is required";
		}
		for (String name : operations.propertyNames()) {
			if (!OPERATIONS.contains(name)) {
				return "operations: unknown operation " + name;
			}
			if (!operations.get(name).isObject()) {
				return "operations." + name + ": an object is required";
			}
		}
		return operations.isEmpty() ? "operations: no operation (sandbox rule)" : null;
	}

	/** {@code {userId, phoneNumber}} in E.164. */
	static String checkPhoneNumber(ObjectNode record) {
		if (text(record, "userId") == null) {
			return "userId is required";
		}
		String phone = text(record, "phoneNumber");
		if (phone == null) {
			return "phoneNumber is required";
		}
		return E164.matcher(phone).matches() ? null : "phoneNumber: not in E.164 (+821012345678)";
	}

	/**
	 * A consent record: its key (a device only for push) and at least one valid status,
	 * put in {@code statuses}.
	 */
	static String checkSubscription(String endpoint, ObjectNode record, String key, Map<String, String> statuses) {
		boolean push = "push-subscriptions".equals(endpoint);
		if (key == null) {
			return push ? "userId or deviceId is required" : "userId is required";
		}
		if (!push && record.hasNonNull("deviceId")) {
			return "deviceId: not a field of " + endpoint;
		}
		for (String field : new String[] { "marketingSubscriptionStatus", "informationSubscriptionStatus" }) {
			JsonNode status = record.get(field);
			if (status == null || status.isNull()) {
				continue;
			}
			if (!status.isString() || !STATUSES.contains(status.asString())) {
				return field + ": must be SUBSCRIBED or UNSUBSCRIBED";
			}
			statuses.put(field, status.asString());
		}
		return statuses.isEmpty() ? "no subscription status (sandbox rule)" : null;
	}

	/** {@code user:<id>} or {@code device:<id>}, or null when the record has neither. */
	static String identity(ObjectNode record, boolean deviceAllowed) {
		String userId = text(record, "userId");
		if (userId != null) {
			return "user:" + userId;
		}
		String deviceId = deviceAllowed ? text(record, "deviceId") : null;
		return (deviceId != null) ? "device:" + deviceId : null;
	}

	/** A non-blank text field, or null. */
	static String text(ObjectNode record, String field) {
		JsonNode value = record.get(field);
		return (value != null && value.isString() && !value.asString().isBlank()) ? value.asString() : null;
	}

}
