package com.audiencesync.batch;

import java.net.URI;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;

import com.audiencesync.crypto.KeyedHash;
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

	/**
	 * The identity of the vendor account this configuration writes to, which the sync
	 * state belongs to: the base URL, the vendor's scope (a project), and the named
	 * {@code account} or else a keyed hash of the key. Holds no secret, so it may be
	 * shown and kept as a job parameter.
	 */
	String account(KeyedHash hash) {
		StringBuilder account = new StringBuilder(url(this.connection.baseUrl()));
		for (String scope : this.vendor.accountScope(this)) {
			account.append(' ').append(scope);
		}
		String named = this.connection.account();
		String key = this.connection.apiKey();
		if (named != null && !named.isBlank()) {
			account.append(" account ").append(named.strip());
		}
		else if (key != null && !key.isBlank()) {
			account.append(" key ")
				.append(HexFormat.of().formatHex(hash.of("account/" + this.vendor.id(), key.strip()), 0, 8));
		}
		if (account.length() <= MAX_ACCOUNT) {
			return account.toString();
		}
		// a URL too long for the column: its start, and a hash of the whole
		return account.substring(0, MAX_ACCOUNT - 18) + " #"
				+ HexFormat.of().formatHex(hash.of("account", account.toString()), 0, 8);
	}

	/** The longest account identity kept ({@code AS_SYNC_TARGET.ACCOUNT}). */
	static final int MAX_ACCOUNT = 200;

	private static String url(URI url) {
		if (url == null) {
			return "(no base-url)";
		}
		String text = url.normalize().toString();
		String scheme = (url.getScheme() != null) ? url.getScheme().toLowerCase(Locale.ROOT) + "://" : "";
		if (url.getHost() != null) {
			text = scheme + url.getHost().toLowerCase(Locale.ROOT) + ((url.getPort() != -1) ? ":" + url.getPort() : "")
					+ ((url.getRawPath() != null) ? url.getRawPath() : "");
		}
		while (text.endsWith("/")) {
			text = text.substring(0, text.length() - 1);
		}
		return text;
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
