package com.audiencesync.destination.hackle;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import com.audiencesync.destination.ConnectionProperties;
import com.audiencesync.destination.Endpoint;
import com.audiencesync.destination.EndpointDescriptor;
import com.audiencesync.destination.MappedRow;
import com.audiencesync.destination.PropertyOperation;
import com.audiencesync.destination.RateLimiter;
import com.audiencesync.destination.VendorBase;
import com.audiencesync.destination.VendorContext;
import com.audiencesync.destination.hackle.HackleRequests.Operations;
import com.audiencesync.destination.hackle.HackleRequests.PhoneNumberDeletion;
import com.audiencesync.destination.hackle.HackleRequests.PhoneNumberRequest;
import com.audiencesync.destination.hackle.HackleRequests.PropertiesRequest;
import com.audiencesync.destination.hackle.HackleRequests.SubscriptionRequest;

/**
 * Hackle ({@code audience-sync.destinations.hackle.*}: base URL, default
 * {@code https://api.hackle.io}; the server SDK key; timeouts; retry;
 * {@code max-in-flight} and an optional {@code rate-limit}): user properties, phone
 * numbers and consents, one record a request.
 */
public final class HackleVendor extends VendorBase {

	/** The vendor's id, in specs, properties and the sandbox's paths. */
	public static final String ID = "hackle";

	/** What {@code $unset} carries for each key: Hackle reads only the keys. */
	static final String UNSET_VALUE = "-";

	/** How each endpoint's rows become records and how a record is sent. */
	private static final Map<EndpointDescriptor, Binding<?>> BINDINGS = Map
		.of(HackleEndpoints.PROPERTIES,
				new Binding<>(HackleVendor::properties, HackleEndpoint.Route.post("/v1/properties")),
				HackleEndpoints.PHONE_NUMBERS,
				new Binding<>(
						(row) -> new PhoneNumberRequest(row.text(HackleEndpoints.USER_ID),
								row.text(HackleEndpoints.PHONE_NUMBER)),
						HackleEndpoint.Route.post("/v1/properties/phone-numbers")),
				HackleEndpoints.PHONE_NUMBER_DELETIONS,
				new Binding<>((row) -> new PhoneNumberDeletion(row.text(HackleEndpoints.USER_ID)),
						HackleEndpoint.Route.delete("/v1/properties/phone-numbers", "userId",
								PhoneNumberDeletion::userId)),
				HackleEndpoints.PUSH_SUBSCRIPTIONS,
				new Binding<>(HackleVendor::subscription, HackleEndpoint.Route.post("/v1/push-subscriptions")),
				HackleEndpoints.KAKAO_SUBSCRIPTIONS,
				new Binding<>(HackleVendor::subscription, HackleEndpoint.Route.post("/v1/kakao-subscriptions")),
				HackleEndpoints.SMS_SUBSCRIPTIONS,
				new Binding<>(HackleVendor::subscription, HackleEndpoint.Route.post("/v1/sms-subscriptions")));

	public HackleVendor() {
		super(ID, HackleEndpoints.ALL, ConnectionProperties.defaults("https://api.hackle.io", Duration.ofSeconds(10)));
	}

	@Override
	public List<String> problems(EndpointDescriptor endpoint, VendorContext context) {
		// bound here so that a value that cannot be is reported with the rest
		context.settings(HackleProperties.class);
		return super.problems(endpoint, context);
	}

	@Override
	public Endpoint<?> create(EndpointDescriptor endpoint, VendorContext context) {
		return BINDINGS.get(endpoint).create(endpoint, context);
	}

	@Override
	public int maxInFlight(VendorContext context) {
		return context.settings(HackleProperties.class).maxInFlight();
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

	/** How one endpoint's rows become records and how a record is sent. */
	private record Binding<R>(Function<MappedRow, R> toRequest, HackleEndpoint.Route<R> route) {

		Endpoint<R> create(EndpointDescriptor descriptor, VendorContext context) {
			RateLimiter limiter = context.rateLimiter(context.settings(HackleProperties.class).rateLimit());
			return new HackleEndpoint<>(descriptor, context.connection(), limiter, this.toRequest, this.route);
		}

	}

}
