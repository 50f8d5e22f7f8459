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
import com.audiencesync.destination.hackle.HackleApi.Operations;
import com.audiencesync.destination.hackle.HackleApi.PhoneNumberDeletion;
import com.audiencesync.destination.hackle.HackleApi.PhoneNumberRequest;
import com.audiencesync.destination.hackle.HackleApi.PropertiesRequest;
import com.audiencesync.destination.hackle.HackleApi.SubscriptionRequest;
import com.audiencesync.transform.Transformed.Accepted;

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
				(api, key, request) -> api.properties(key, request));
	}

	@Bean
	EndpointProvider hacklePhoneNumbers(HackleProperties properties, RateLimiters limiters) {
		return new Provider<>(HackleEndpoints.PHONE_NUMBERS, properties, limiters,
				(row) -> new PhoneNumberRequest(text(row, HackleEndpoints.USER_ID),
						text(row, HackleEndpoints.PHONE_NUMBER)),
				(api, key, request) -> api.phoneNumber(key, request));
	}

	@Bean
	EndpointProvider hacklePhoneNumberDeletions(HackleProperties properties, RateLimiters limiters) {
		return new Provider<>(HackleEndpoints.PHONE_NUMBER_DELETIONS, properties, limiters,
				(row) -> new PhoneNumberDeletion(text(row, HackleEndpoints.USER_ID)),
				(api, key, request) -> api.deletePhoneNumber(key, request.userId()));
	}

	@Bean
	EndpointProvider hacklePushSubscriptions(HackleProperties properties, RateLimiters limiters) {
		return new Provider<>(HackleEndpoints.PUSH_SUBSCRIPTIONS, properties, limiters,
				HackleConfiguration::subscription, (api, key, request) -> api.push(key, request));
	}

	@Bean
	EndpointProvider hackleKakaoSubscriptions(HackleProperties properties, RateLimiters limiters) {
		return new Provider<>(HackleEndpoints.KAKAO_SUBSCRIPTIONS, properties, limiters,
				HackleConfiguration::subscription, (api, key, request) -> api.kakao(key, request));
	}

	@Bean
	EndpointProvider hackleSmsSubscriptions(HackleProperties properties, RateLimiters limiters) {
		return new Provider<>(HackleEndpoints.SMS_SUBSCRIPTIONS, properties, limiters,
				HackleConfiguration::subscription, (api, key, request) -> api.sms(key, request));
	}

	static PropertiesRequest properties(Accepted row) {
		Map<String, Object> unset = new HashMap<>();
		row.unset().forEach((name) -> unset.put(name, UNSET_VALUE));
		return new PropertiesRequest(text(row, HackleEndpoints.USER_ID), text(row, HackleEndpoints.DEVICE_ID),
				new Operations(row.properties(), row.setOnce(), unset));
	}

	static SubscriptionRequest subscription(Accepted row) {
		return new SubscriptionRequest(text(row, HackleEndpoints.USER_ID), text(row, HackleEndpoints.DEVICE_ID),
				text(row, HackleEndpoints.MARKETING), text(row, HackleEndpoints.INFORMATION));
	}

	private static String text(Accepted row, String field) {
		Object value = row.fields().get(field);
		return (value != null) ? value.toString() : null;
	}

	/** One endpoint's registration. */
	private record Provider<R>(EndpointDescriptor descriptor, HackleProperties properties, RateLimiters limiters,
			Function<Accepted, R> toRequest, HackleEndpoint.Call<R> call) implements EndpointProvider {

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
					this.toRequest, this.call);
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
