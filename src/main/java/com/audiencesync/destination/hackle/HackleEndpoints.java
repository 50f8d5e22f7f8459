package com.audiencesync.destination.hackle;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.audiencesync.destination.EndpointDescriptor;
import com.audiencesync.destination.EndpointDescriptor.Capability;
import com.audiencesync.destination.EndpointDescriptor.Presence;
import com.audiencesync.destination.EndpointDescriptor.Problem;
import com.audiencesync.destination.EndpointField;
import com.audiencesync.destination.EndpointField.Kind;
import com.audiencesync.destination.Keying;

/** Hackle's endpoints, as specs see them. Hackle takes one record a request. */
final class HackleEndpoints {

	/** Subscription statuses Hackle takes. */
	static final String SUBSCRIBED = "SUBSCRIBED";

	static final String UNSUBSCRIBED = "UNSUBSCRIBED";

	/**
	 * Usual source spellings of a consent (lower case) to Hackle's status; a spec's
	 * {@code values:} replaces them.
	 */
	static final Map<String, String> STATUSES = Map.ofEntries(Map.entry("subscribed", SUBSCRIBED),
			Map.entry("unsubscribed", UNSUBSCRIBED), Map.entry("y", SUBSCRIBED), Map.entry("n", UNSUBSCRIBED),
			Map.entry("yes", SUBSCRIBED), Map.entry("no", UNSUBSCRIBED), Map.entry("true", SUBSCRIBED),
			Map.entry("false", UNSUBSCRIBED), Map.entry("1", SUBSCRIBED), Map.entry("0", UNSUBSCRIBED),
			Map.entry("opt-in", SUBSCRIBED), Map.entry("opt-out", UNSUBSCRIBED));

	static final String USER_ID = "userId";

	static final String DEVICE_ID = "deviceId";

	static final String PHONE_NUMBER = "phoneNumber";

	static final String MARKETING = "marketingSubscriptionStatus";

	static final String INFORMATION = "informationSubscriptionStatus";

	/** Hackle keeps one record per user, or per device where a row has no user. */
	static final Keying USER_OR_DEVICE = Keying.byFirstOf("userId",
			List.of(Map.entry(USER_ID, "user:"), Map.entry(DEVICE_ID, "device:")));

	static final Keying USER = Keying.byFirstOf("userId", List.of(Map.entry(USER_ID, "user:")));

	/**
	 * {@code POST /v1/properties}: {@code userId} or {@code deviceId}, and properties as
	 * {@code $set}, {@code $setOnce} and {@code $unset} operations.
	 */
	static final EndpointDescriptor PROPERTIES = new EndpointDescriptor(HackleVendor.ID, "properties", 1,
			List.of(id(USER_ID, false), id(DEVICE_ID, false)), Presence.REQUIRED,
			"Hackle's properties request carries its properties as operations", HackleEndpoints::userOrDevice)
		.with(Capability.PROPERTY_OPERATIONS)
		.keyedBy(USER_OR_DEVICE);

	/** {@code POST /v1/properties/phone-numbers}: a user's phone number, in E.164. */
	static final EndpointDescriptor PHONE_NUMBERS = new EndpointDescriptor(HackleVendor.ID, "phone-numbers", 1,
			List.of(id(USER_ID, true), new EndpointField(PHONE_NUMBER, Kind.PHONE_E164, true, true)), Presence.NONE, "")
		.keyedBy(USER)
		.deletedBy("phone-number-deletions");

	/**
	 * {@code DELETE /v1/properties/phone-numbers?userId=}: removes a user's phone number
	 * (the number was removed, or the user left).
	 */
	static final EndpointDescriptor PHONE_NUMBER_DELETIONS = new EndpointDescriptor(HackleVendor.ID,
			"phone-number-deletions", 1, List.of(id(USER_ID, true)), Presence.NONE, "");

	/** {@code POST /v1/push-subscriptions}: push consents of a user or a device. */
	static final EndpointDescriptor PUSH_SUBSCRIPTIONS = new EndpointDescriptor(HackleVendor.ID, "push-subscriptions",
			1, List.of(id(USER_ID, false), id(DEVICE_ID, false), status(MARKETING), status(INFORMATION)), Presence.NONE,
			"", (fields) -> userOrDevice(fields).or(() -> aStatus(fields)))
		.keyedBy(USER_OR_DEVICE);

	/** {@code POST /v1/kakao-subscriptions}: Kakao message consents of a user. */
	static final EndpointDescriptor KAKAO_SUBSCRIPTIONS = new EndpointDescriptor(HackleVendor.ID, "kakao-subscriptions",
			1, List.of(id(USER_ID, true), status(MARKETING), status(INFORMATION)), Presence.NONE, "",
			HackleEndpoints::aStatus)
		.keyedBy(USER);

	/** {@code POST /v1/sms-subscriptions}: SMS consents of a user. */
	static final EndpointDescriptor SMS_SUBSCRIPTIONS = new EndpointDescriptor(HackleVendor.ID, "sms-subscriptions", 1,
			List.of(id(USER_ID, true), status(MARKETING), status(INFORMATION)), Presence.NONE, "",
			HackleEndpoints::aStatus)
		.keyedBy(USER);

	/** Every Hackle endpoint. */
	static final List<EndpointDescriptor> ALL = List.of(PROPERTIES, PHONE_NUMBERS, PHONE_NUMBER_DELETIONS,
			PUSH_SUBSCRIPTIONS, KAKAO_SUBSCRIPTIONS, SMS_SUBSCRIPTIONS);

	private HackleEndpoints() {
	}

	private static EndpointField id(String name, boolean required) {
		return new EndpointField(name, Kind.STRING, required, true);
	}

	private static EndpointField status(String name) {
		return new EndpointField(name, Kind.STRING, false, false, STATUSES);
	}

	/** Hackle needs a userId or a deviceId. */
	static Optional<Problem> userOrDevice(Map<String, Object> fields) {
		if (fields.get(USER_ID) == null && fields.get(DEVICE_ID) == null) {
			return Optional.of(new Problem("MISSING_FIELD", "userId or deviceId is needed; both are missing or blank"));
		}
		return Optional.empty();
	}

	/** A consent request says at least one status. */
	static Optional<Problem> aStatus(Map<String, Object> fields) {
		if (fields.get(MARKETING) == null && fields.get(INFORMATION) == null) {
			return Optional.of(new Problem("MISSING_FIELD",
					MARKETING + " or " + INFORMATION + " is needed; both are missing or blank"));
		}
		return Optional.empty();
	}

}
