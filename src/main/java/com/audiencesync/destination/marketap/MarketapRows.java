package com.audiencesync.destination.marketap;

import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The request rows of Marketap's endpoints. Their {@code toString} shows no personal
 * data.
 */
final class MarketapRows {

	private MarketapRows() {
	}

	/** One user profile: all properties are sent as given. */
	record Profile(@JsonProperty("user_id") String userId, Map<String, Object> properties) {

		@Override
		public String toString() {
			return "Profile[(masked), " + this.properties.size() + " properties]";
		}

	}

	/** One event; {@code properties.event_id} is always set. */
	@JsonInclude(JsonInclude.Include.NON_NULL)
	record Event(@JsonProperty("user_id") String userId, @JsonProperty("event_name") String eventName,
			Map<String, Object> properties, String timestamp) {

		@Override
		public String toString() {
			return "Event[" + this.eventName + ", " + this.properties.get("event_id") + "]";
		}

	}

	/** A user to delete. */
	record UserId(String userId) {

		@Override
		public String toString() {
			return "UserId[(masked)]";
		}

	}

	/** One device with its push token. */
	@JsonInclude(JsonInclude.Include.NON_NULL)
	record DeviceProfile(Device device, @JsonProperty("user_id") String userId, String timestamp) {

		@Override
		public String toString() {
			return "DeviceProfile[" + this.device.platform() + "]";
		}

	}

	/** A device: token, platform (IOS, ANDROID or WEB) and marketing opt-in. */
	@JsonInclude(JsonInclude.Include.NON_NULL)
	record Device(String token, String platform, @JsonProperty("opt_in") Boolean optIn) {
	}

}
