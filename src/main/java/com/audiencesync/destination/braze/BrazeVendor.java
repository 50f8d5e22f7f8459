package com.audiencesync.destination.braze;

import java.time.Duration;
import java.util.List;

import com.audiencesync.destination.Connection;
import com.audiencesync.destination.ConnectionProperties;
import com.audiencesync.destination.Endpoint;
import com.audiencesync.destination.EndpointDescriptor;
import com.audiencesync.destination.VendorBase;
import com.audiencesync.destination.VendorContext;

/**
 * Braze ({@code audience-sync.destinations.braze.*}: the instance's REST endpoint as base
 * URL, the REST API key, timeouts, retry and the key's {@code rate-limit} and
 * {@code track-rate-limit}, {@code subscription-rate-limit}): users/merge, users/track,
 * users/delete, the identity steps and subscription states.
 */
public final class BrazeVendor extends VendorBase {

	/** The vendor's id, in specs, properties and the sandbox's paths. */
	public static final String ID = "braze";

	public BrazeVendor() {
		super(ID,
				List.of(BrazeEndpoints.USERS_MERGE, BrazeEndpoints.ATTRIBUTES, BrazeEndpoints.EVENTS,
						BrazeEndpoints.PURCHASES, BrazeEndpoints.USERS_DELETE, BrazeEndpoints.ALIAS_NEW,
						BrazeEndpoints.IDENTIFY, BrazeEndpoints.ALIAS_UPDATE, BrazeEndpoints.SUBSCRIPTION_STATUS),
				ConnectionProperties.defaults(null, Duration.ofSeconds(30)));
	}

	@Override
	public List<String> problems(EndpointDescriptor endpoint, VendorContext context) {
		// bound here so that a rate limit that cannot be is reported with the rest
		context.settings(BrazeProperties.class);
		// Braze has no public URL: say where the instance's is
		return super.problems(endpoint, context).stream()
			.map((problem) -> problem.startsWith("audience-sync.destinations.braze.base-url is not set")
					? "audience-sync.destinations.braze.base-url is not set: it is the REST endpoint of your Braze "
							+ "instance, e.g. https://rest.iad-01.braze.com"
					: problem)
			.toList();
	}

	@Override
	public Endpoint<?> create(EndpointDescriptor endpoint, VendorContext context) {
		Connection connection = context.connection();
		BrazeProperties settings = context.settings(BrazeProperties.class);
		if (endpoint.equals(BrazeEndpoints.ATTRIBUTES) || endpoint.equals(BrazeEndpoints.EVENTS)
				|| endpoint.equals(BrazeEndpoints.PURCHASES)) {
			return new BrazeUsersTrack(endpoint, connection,
					context.rateLimiter("users-track", settings.trackRateLimit()));
		}
		if (endpoint.equals(BrazeEndpoints.ALIAS_NEW) || endpoint.equals(BrazeEndpoints.IDENTIFY)
				|| endpoint.equals(BrazeEndpoints.ALIAS_UPDATE)) {
			return new BrazeIdentities(endpoint, connection, context.rateLimiter(settings.rateLimit()));
		}
		if (endpoint.equals(BrazeEndpoints.SUBSCRIPTION_STATUS)) {
			return new BrazeSubscriptions(connection,
					context.rateLimiter("subscription-status", settings.subscriptionRateLimit()));
		}
		if (endpoint.equals(BrazeEndpoints.USERS_DELETE)) {
			return new BrazeUsersDelete(connection, context.rateLimiter(settings.rateLimit()));
		}
		return new BrazeUsersMerge(connection, context.rateLimiter(settings.rateLimit()));
	}

}
