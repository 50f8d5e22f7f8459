package com.audiencesync.destination.hackle;

import java.net.URI;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;

import com.audiencesync.destination.Connection;
import com.audiencesync.destination.Endpoint;
import com.audiencesync.destination.EndpointDescriptor;
import com.audiencesync.destination.EndpointProvider;
import com.audiencesync.destination.RateLimiters;
import com.audiencesync.destination.RetryProperties;
import com.audiencesync.destination.hackle.HackleRequests.Operations;
import com.audiencesync.destination.hackle.HackleRequests.PhoneNumberDeletion;
import com.audiencesync.destination.hackle.HackleRequests.PhoneNumberRequest;
import com.audiencesync.destination.hackle.HackleRequests.PropertiesRequest;
import com.audiencesync.destination.hackle.HackleRequests.SubscriptionRequest;
import com.audiencesync.destination.MappedRow;
import com.audiencesync.destination.PropertyOperation;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Registers Hackle's six endpoints. */
@Configuration(proxyBeanMethods = false)
class HackleConfiguration {

	/** What {@code $unset} carries for each key: Hackle reads only the keys. */
	static final String UNSET_VALUE = "-";

	@Bean
	EndpointProvider hackleProperties(HackleProperties properties, RateLimiters limiters) {
		return new Provider<>(HackleEndpoints.PROPERTIES, properties, limiters, HackleConfiguration::properties,
				HackleEndpoint.Route.post("/v1/properties"));
	}

	@Bean
	EndpointProvider hacklePhoneNumbers(HackleProperties properties, RateLimiters limiters) {
		return new Provider<>(HackleEndpoints.PHONE_NUMBERS, properties, limiters,
				(row) -> new PhoneNumberRequest(row.text(HackleEndpoints.USER_ID),
						row.text(HackleEndpoints.PHONE_NUMBER)),
				HackleEndpoint.Route.post("/v1/properties/phone-numbers"));
	}

	@Bean
	EndpointProvider hacklePhoneNumberDeletions(HackleProperties properties, RateLimiters limiters) {
		return new Provider<>(HackleEndpoints.PHONE_NUMBER_DELETIONS, properties, limiters,
				(row) -> new PhoneNumberDeletion(row.text(HackleEndpoints.USER_ID)),
				HackleEndpoint.Route.delete("/v1/properties/phone-numbers", "userId", PhoneNumberDeletion::userId));
	}

	@Bean
	EndpointProvider hacklePushSubscriptions(HackleProperties properties, RateLimiters limiters) {
		return new Provider<>(HackleEndpoints.PUSH_SUBSCRIPTIONS, properties, limiters,
				HackleConfiguration::subscription, HackleEndpoint.Route.post("/v1/push-subscriptions"));
	}

	@Bean
	EndpointProvider hackleKakaoSubscriptions(HackleProperties properties, RateLimiters limiters) {
		return new Provider<>(HackleEndpoints.KAKAO_SUBSCRIPTIONS, properties, limiters,
				HackleConfiguration::subscription, HackleEndpoint.Route.post("/v1/kakao-subscriptions"));
	}

	@Bean
	EndpointProvider hackleSmsSubscriptions(HackleProperties properties, RateLimiters limiters) {
		return new Provider<>(HackleEndpoints.SMS_SUBSCRIPTIONS, properties, limiters,
				HackleConfiguration::subscription, HackleEndpoint.Route.post("/v1/sms-subscriptions"));
	}

	static PropertiesRequest properties(MappedRow row) {
		Map<String, Object> unset = new HashMap<>();
		row.properties(PropertyOperation.UNSET).keySet().forEach((name) -> unset.put(name, UNSET_VALUE));
		return new PropertiesRequest(row.text(HackleEndpoints.USER_ID), row.text(HackleEndpoints.DEVICE_ID),
				new Operations(row.set(), row.properties(PropertyOperation.SET_ONCE), unset));
	}

	static SubscriptionRequest subscription(MappedRow row) {
		return new SubscriptionRequest(row.text(HackleEndpoints.USER_ID), row.text(HackleEndpoints.DEVICE_ID),
				row.text(HackleEndpoints.MARKETING), row.text(HackleEndpoints.INFORMATION));
	}

	/** One endpoint's registration. */
	private record Provider<R>(EndpointDescriptor descriptor, HackleProperties properties, RateLimiters limiters,
			Function<MappedRow, R> toRequest, HackleEndpoint.Route<R> route) implements EndpointProvider {

		@Override
		public Endpoint<?> create() {
			return endpoint(this.properties.connection());
		}

		@Override
		public Endpoint<?> createAt(URI baseUrl, String apiKey) {
			return endpoint(this.properties.connection().pointedAt(baseUrl, apiKey));
		}

		private Endpoint<R> endpoint(Connection connection) {
			return new HackleEndpoint<>(this.descriptor, connection,
					this.limiters.forKey(HackleEndpoints.VENDOR, connection.apiKey(), this.properties.rateLimit()),
					this.toRequest, this.route);
		}

		@Override
		public int maxInFlight() {
			return this.properties.maxInFlight();
		}

		@Override
		public RetryProperties retry() {
			return this.properties.retry();
		}

	}

}
