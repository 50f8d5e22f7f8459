package com.audiencesync.batch;

import java.util.HashMap;
import java.util.Map;

import com.audiencesync.destination.Connection;
import com.audiencesync.destination.ConnectionProperties;
import com.audiencesync.destination.RateLimitProperties;
import com.audiencesync.destination.RateLimiter;
import com.audiencesync.destination.RateLimiters;
import com.audiencesync.destination.RetryProperties;
import com.audiencesync.destination.Vendor;
import com.audiencesync.destination.VendorContext;

import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.BindHandler;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;

/**
 * A vendor's properties ({@code audience-sync.destinations.<vendor>.*}) bound for one
 * run: the shared connection record with the vendor's defaults under it, and the vendor's
 * own settings records, validated. A value that cannot be bound fails naming the
 * property, never showing a secret.
 */
final class BoundVendor implements VendorContext {

	private final Vendor vendor;

	private final Binder binder;

	private final BindHandler handler;

	private final RateLimiters limiters;

	private final ConnectionProperties connection;

	private final Map<Class<?>, Object> settings = new HashMap<>();

	BoundVendor(Vendor vendor, Binder binder, BindHandler handler, RateLimiters limiters) {
		this.vendor = vendor;
		this.binder = binder;
		this.handler = handler;
		this.limiters = limiters;
		this.connection = bind(ConnectionProperties.class).orElse(vendor.connectionDefaults());
	}

	private String prefix() {
		return "audience-sync.destinations." + this.vendor.id();
	}

	private <T> T bind(Class<T> type) {
		try {
			return this.binder.bindOrCreate(prefix(), Bindable.of(type), this.handler);
		}
		catch (BindException ex) {
			Throwable cause = (ex.getCause() != null) ? ex.getCause() : ex;
			throw new IllegalStateException(
					"cannot read " + prefix() + ".*: " + cause.getMessage().lines().findFirst().orElse(""), ex);
		}
	}

	@Override
	public Connection connection() {
		return this.connection.connection(this.vendor.id());
	}

	@Override
	public RetryProperties retry() {
		return this.connection.retry();
	}

	@Override
	public <T> T settings(Class<T> type) {
		return type.cast(this.settings.computeIfAbsent(type, this::bind));
	}

	@Override
	public RateLimiter rateLimiter(RateLimitProperties limit) {
		return this.limiters.forKey(this.vendor.id(), this.connection.apiKey(), limit);
	}

}
