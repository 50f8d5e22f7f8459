package com.audiencesync.batch.jobs;

import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import com.audiencesync.batch.run.RunOptions;
import com.audiencesync.crypto.KeyedHash;
import com.audiencesync.destination.Connection;
import com.audiencesync.destination.ConnectionProperties;
import com.audiencesync.destination.EndpointDescriptor;
import com.audiencesync.destination.RateLimitProperties;
import com.audiencesync.destination.RateLimiter;
import com.audiencesync.destination.RateLimiters;
import com.audiencesync.destination.RetryProperties;
import com.audiencesync.destination.Vendor;
import com.audiencesync.destination.VendorContext;
import com.audiencesync.spec.SpecProblems;

import org.springframework.boot.context.properties.bind.AbstractBindHandler;
import org.springframework.boot.context.properties.bind.BindContext;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.bind.PropertySourcesPlaceholdersResolver;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.boot.convert.ApplicationConversionService;
import org.springframework.core.convert.ConversionFailedException;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.validation.DirectFieldBindingResult;
import org.springframework.validation.Errors;
import org.springframework.validation.Validator;

/**
 * A vendor's properties ({@code audience-sync.destinations.<vendor>.*}) bound for one
 * run: the shared connection record with the vendor's defaults under it, and the vendor's
 * own settings records, validated. A value that cannot be bound, and every constraint a
 * record breaks, is kept as a problem naming its property (never showing a key) and the
 * rest is bound without it, so that {@link #problems(EndpointDescriptor)} tells every
 * problem at once.
 */
public final class BoundVendor implements VendorContext {

	private final Vendor vendor;

	private final Binder binder;

	private final Validator validator;

	private final RateLimiters limiters;

	private final ConnectionProperties connection;

	private final Map<Class<?>, Object> settings = new HashMap<>();

	private final Set<String> problems = new LinkedHashSet<>();

	/**
	 * @param validator checks the records' constraints, or null
	 * @param limiters the request budgets, or null where nothing is sent (a check)
	 */
	public BoundVendor(Vendor vendor, Binder binder, Validator validator, RateLimiters limiters) {
		this.vendor = vendor;
		this.binder = binder;
		this.validator = validator;
		this.limiters = limiters;
		this.connection = bind(ConnectionProperties.class).orElse(vendor.connectionDefaults());
	}

	/**
	 * The properties as a run sees them: its overrides (the sandbox's URL and key) over
	 * the configuration.
	 */
	public static Binder binder(ConfigurableEnvironment environment, RunOptions options) {
		List<ConfigurationPropertySource> sources = new ArrayList<>();
		if (!options.properties().isEmpty()) {
			sources.add(new MapConfigurationPropertySource(options.properties()));
		}
		ConfigurationPropertySources.get(environment).forEach(sources::add);
		return new Binder(sources, new PropertySourcesPlaceholdersResolver(environment),
				ApplicationConversionService.getSharedInstance());
	}

	/**
	 * Every reason an endpoint of the vendor cannot be called: the values that could not
	 * be bound or break a constraint, and what the vendor checks (a key, a URL, its own
	 * settings).
	 */
	public List<String> problems(EndpointDescriptor endpoint) {
		List<String> checked = this.vendor.problems(endpoint, this);
		List<String> all = new ArrayList<>(this.problems);
		all.addAll(checked);
		return all.stream().distinct().toList();
	}

	private String prefix() {
		return "audience-sync.destinations." + this.vendor.id();
	}

	/**
	 * The record bound without the values that cannot be (each kept as a problem), then
	 * checked against all its constraints at once, its nested records' too: binding with
	 * validation stops at the first record that breaks one.
	 */
	private <T> T bind(Class<T> type) {
		T value = this.binder.bindOrCreate(prefix(), Bindable.of(type), new AbstractBindHandler() {
			@Override
			public Object onFailure(ConfigurationPropertyName name, Bindable<?> target, BindContext context,
					Exception error) {
				BoundVendor.this.problems.add(describe(name.toString(), error));
				// the default, as if it were unset: the problem is told
				return null;
			}
		});
		if (this.validator != null && value != null) {
			Errors errors = new DirectFieldBindingResult(value, prefix());
			this.validator.validate(value, errors);
			errors.getFieldErrors()
				.forEach((error) -> this.problems
					.add(prefix() + "." + dashed(error.getField()) + ": " + error.getDefaultMessage()));
			errors.getGlobalErrors().forEach((error) -> this.problems.add(prefix() + ": " + error.getDefaultMessage()));
		}
		return value;
	}

	/**
	 * A value that cannot be bound, by property; the value is shown unless it is a key.
	 */
	private static String describe(String property, Exception error) {
		for (Throwable cause = error; cause != null; cause = cause.getCause()) {
			if (cause instanceof ConversionFailedException conversion && !property.endsWith("key")) {
				return property + ": '" + conversion.getValue() + "' is not "
						+ SpecProblems.expected(conversion.getTargetType().getObjectType());
			}
		}
		return property + ": cannot be read (" + String.valueOf(error.getMessage()).lines().findFirst().orElse("")
				+ ")";
	}

	/** {@code rateLimit.requests} as a property: {@code rate-limit.requests}. */
	private static String dashed(String field) {
		return field.replaceAll("([A-Z])", "-$1").toLowerCase(Locale.ROOT);
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
		if (this.limiters == null) {
			throw new IllegalStateException("a check of " + prefix() + ".* sends nothing: it has no rate limiter");
		}
		return this.limiters.forKey(this.vendor.id(), this.connection.apiKey(), limit);
	}

	@Override
	public RateLimiter rateLimiter(String budget, RateLimitProperties limit) {
		if (this.limiters == null) {
			throw new IllegalStateException("a check of " + prefix() + ".* sends nothing: it has no rate limiter");
		}
		return this.limiters.forKey(this.vendor.id() + "/" + budget, this.connection.apiKey(), limit);
	}

}
