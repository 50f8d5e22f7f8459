package com.audiencesync.destination.marketap;

import java.util.List;
import java.util.Map;

import com.audiencesync.destination.EndpointDescriptor;
import com.audiencesync.destination.EndpointDescriptor.Presence;
import com.audiencesync.destination.EndpointField;
import com.audiencesync.destination.EndpointField.Kind;
import com.audiencesync.destination.Keying;

/** Marketap's endpoints, as specs see them. */
final class MarketapEndpoints {

	/** Marketap takes at most 1,000 profiles, events, user ids or devices a request. */
	static final int LIMIT = 1000;

	/** Accepted spellings of a device platform (lower case) to what Marketap takes. */
	static final Map<String, String> PLATFORMS = Map.ofEntries(Map.entry("ios", "IOS"), Map.entry("iphone", "IOS"),
			Map.entry("ipad", "IOS"), Map.entry("apns", "IOS"), Map.entry("android", "ANDROID"),
			Map.entry("aos", "ANDROID"), Map.entry("fcm", "ANDROID"), Map.entry("gcm", "ANDROID"),
			Map.entry("web", "WEB"), Map.entry("webpush", "WEB"), Map.entry("web_push", "WEB"),
			Map.entry("web-push", "WEB"), Map.entry("browser", "WEB"));

	/** {@code POST /v1/api/profile/user}: user properties. */
	static final EndpointDescriptor PROFILES = new EndpointDescriptor("marketap", "profiles", LIMIT,
			List.of(new EndpointField("userId", Kind.STRING, true, true)), Presence.REQUIRED,
			"Marketap's profile request requires a properties object")
		.keyedBy(Keying.by("userId"))
		.deletedBy("user-deletions");

	/**
	 * {@code POST /v1/api/events}. Marketap does not deduplicate events: each carries
	 * {@code event_id} in its properties, from {@code eventId} or derived from the row's
	 * run, file and line.
	 */
	static final EndpointDescriptor EVENTS = new EndpointDescriptor("marketap", "events", LIMIT,
			List.of(new EndpointField("userId", Kind.STRING, true, true),
					new EndpointField("eventName", Kind.STRING, true, false),
					new EndpointField("eventId", Kind.STRING, false, false),
					new EndpointField("timestamp", Kind.TIMESTAMP, false, false)),
			Presence.OPTIONAL, "");

	/**
	 * {@code POST /v1/api/profile/user/deletion-job[/bulk]}: users to delete, in bulk.
	 */
	static final EndpointDescriptor USER_DELETIONS = new EndpointDescriptor("marketap", "user-deletions", LIMIT,
			List.of(new EndpointField("userId", Kind.STRING, true, true)), Presence.NONE, "");

	/**
	 * {@code POST /v1/api/profile/user/device/bulk}: push tokens, their platform and
	 * opt-in.
	 */
	static final EndpointDescriptor DEVICES = new EndpointDescriptor("marketap", "devices", LIMIT,
			List.of(new EndpointField("token", Kind.STRING, true, true),
					new EndpointField("platform", Kind.STRING, true, false, PLATFORMS),
					new EndpointField("optIn", Kind.BOOLEAN, false, false),
					new EndpointField("userId", Kind.STRING, false, true),
					new EndpointField("timestamp", Kind.TIMESTAMP, false, false)),
			Presence.NONE, "")
		.keyedBy(Keying.by("token").identifiedBy("userId"));

	/** Every Marketap endpoint. */
	static final List<EndpointDescriptor> ALL = List.of(PROFILES, EVENTS, USER_DELETIONS, DEVICES);

	private MarketapEndpoints() {
	}

}
