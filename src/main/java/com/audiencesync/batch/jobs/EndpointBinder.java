package com.audiencesync.batch.jobs;

import java.util.List;

import com.audiencesync.batch.run.RunOptions;
import com.audiencesync.crypto.Keysets;
import com.audiencesync.destination.DeliveryRetry;
import com.audiencesync.destination.Endpoint;
import com.audiencesync.destination.EndpointDescriptor;
import com.audiencesync.destination.RateLimiters;
import com.audiencesync.destination.RequestMeters;
import com.audiencesync.destination.Vendor;
import com.audiencesync.destination.Vendors;
import com.audiencesync.spec.DestinationSpec;
import com.audiencesync.spec.SpecException;
import com.audiencesync.state.Target;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.stereotype.Component;
import org.springframework.validation.Validator;

/**
 * Builds the endpoints a spec names from the registered vendors and their properties
 * ({@code audience-sync.destinations.<vendor>.*}), bound for each run with the run's
 * overrides on top (the sandbox's URL and key): one construction path, live or not. A
 * binder, not a catalog: each vendor's package holds the catalog of its endpoints'
 * descriptors.
 */
@Component
public class EndpointBinder {

	private final ConfigurableEnvironment environment;

	private final RateLimiters limiters;

	private final DeliveryRetry.Sleeper sleeper;

	private final ObjectProvider<Validator> validator;

	private final RequestMeters meters;

	private final Keysets keysets;

	EndpointBinder(ConfigurableEnvironment environment, RateLimiters limiters, DeliveryRetry.Sleeper sleeper,
			ObjectProvider<Validator> validator, MeterRegistry registry, Keysets keysets) {
		this.keysets = keysets;
		this.environment = environment;
		this.limiters = limiters;
		this.sleeper = sleeper;
		this.validator = validator;
		this.meters = new RequestMeters(registry);
	}

	/**
	 * An endpoint ready to call, how its requests are retried and how many of its
	 * vendor's may be in flight.
	 *
	 * @param endpoint the endpoint, checked ready
	 * @param retry its retry
	 * @param maxInFlight its vendor's requests in flight at once in a run
	 */
	record Prepared(Endpoint<?> endpoint, DeliveryRetry retry, int maxInFlight) {
	}

	/**
	 * The endpoint of a destination: fails naming every property that keeps it from being
	 * called.
	 */
	Prepared prepare(DestinationSpec destination, RunOptions options, String sync) {
		return build(destination, options, true, sync);
	}

	/**
	 * The endpoint of a destination, to build its request records only (a dry run): not
	 * checked ready, never called.
	 */
	public Endpoint<?> offline(DestinationSpec destination, RunOptions options, String sync) {
		return build(destination, options, false, sync).endpoint();
	}

	/**
	 * The identity of the vendor account a destination's configuration writes to, which
	 * the run's sync state belongs to: {@link Target#SANDBOX} for a sandbox's run.
	 */
	String account(DestinationSpec destination, RunOptions options) {
		if (options.sandbox()) {
			return Target.SANDBOX;
		}
		return new BoundVendor(vendor(destination), BoundVendor.binder(this.environment, options),
				this.validator.getIfUnique(), this.limiters)
			.account(this.keysets.keyedHash());
	}

	private static Vendor vendor(DestinationSpec destination) {
		return Vendors.find(destination.vendor())
			.orElseThrow(() -> new IllegalStateException("no vendor registered as " + destination.vendor()));
	}

	private Prepared build(DestinationSpec destination, RunOptions options, boolean checked, String sync) {
		Vendor vendor = vendor(destination);
		EndpointDescriptor descriptor = vendor.endpoint(destination.endpoint())
			.orElseThrow(() -> new IllegalStateException("no endpoint registered for " + destination.id()));
		BoundVendor bound = new BoundVendor(vendor, BoundVendor.binder(this.environment, options),
				this.validator.getIfUnique(), this.limiters);
		if (checked) {
			// before the endpoint is made: one without its base URL cannot be
			List<String> problems = bound.problems(descriptor);
			if (!problems.isEmpty()) {
				throw SpecException.configuration(problems);
			}
		}
		Endpoint<?> endpoint = this.meters.metered(vendor.create(descriptor, bound), sync);
		DeliveryRetry retry = new DeliveryRetry(bound.retry(), this.sleeper,
				this.meters.retries(sync, descriptor.vendor(), descriptor.endpoint()));
		return new Prepared(endpoint, retry, vendor.maxInFlight(bound));
	}

}
