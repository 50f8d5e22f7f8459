package com.audiencesync.logging;

import java.util.HashSet;
import java.util.Iterator;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.OutputStreamAppender;
import org.slf4j.LoggerFactory;

import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.boot.context.logging.LoggingApplicationListener;
import org.springframework.context.ApplicationListener;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.EnumerablePropertySource;
import org.springframework.core.env.PropertySource;

/**
 * Puts the masking layer under every appender as soon as Spring Boot has set logging up
 * (and again each time it does), and registers the configured secrets (API keys,
 * passwords, keysets, tokens) so that no log line ever prints them.
 */
public class MaskedLogs implements ApplicationListener<ApplicationEnvironmentPreparedEvent>, Ordered {

	/** Property names whose values are secrets, in any spelling (env or dotted). */
	private static final Pattern SECRET = Pattern
		.compile(".*(api[-_.]?key|password|secret|token|keysets[-_.].*json).*");

	@Override
	public int getOrder() {
		// right after Spring Boot's logging set-up
		return LoggingApplicationListener.DEFAULT_ORDER + 1;
	}

	@Override
	public void onApplicationEvent(ApplicationEnvironmentPreparedEvent event) {
		LogMasking.secrets(secrets(event.getEnvironment()));
		if (LoggerFactory.getILoggerFactory() instanceof LoggerContext context) {
			mask(context);
		}
	}

	/** Masks what every appender of the root logger writes. */
	static void mask(LoggerContext context) {
		Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
		for (Iterator<Appender<ILoggingEvent>> appenders = root.iteratorForAppenders(); appenders.hasNext();) {
			if (appenders.next() instanceof OutputStreamAppender<ILoggingEvent> appender
					&& !(appender.getEncoder() instanceof MaskingEncoder)) {
				MaskingEncoder masking = new MaskingEncoder(appender.getEncoder());
				masking.setContext(context);
				masking.start();
				appender.setEncoder(masking);
			}
		}
	}

	private static Set<String> secrets(ConfigurableEnvironment environment) {
		Set<String> values = new HashSet<>();
		for (PropertySource<?> source : environment.getPropertySources()) {
			if (source instanceof EnumerablePropertySource<?> enumerable) {
				for (String name : enumerable.getPropertyNames()) {
					if (SECRET.matcher(name.toLowerCase(Locale.ROOT)).matches()
							&& enumerable.getProperty(name) instanceof CharSequence value) {
						values.add(value.toString());
					}
				}
			}
		}
		return values;
	}

}
