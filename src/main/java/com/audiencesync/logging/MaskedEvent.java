package com.audiencesync.logging;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.LoggerContextVO;
import org.slf4j.Marker;
import org.slf4j.event.KeyValuePair;

/**
 * An event as an encoder is to see it: what the code that logged it wrote (the message,
 * its arguments, the MDC values, key-value pairs and the exception's messages) masked
 * ({@link LogMasking}), and everything the logging system adds (the instant, level,
 * logger, thread, caller, markers, stack frames) as it was. The encoder's own fields are
 * never masked: masking its output could mistake a timestamp's fraction of a second for a
 * phone number.
 */
final class MaskedEvent implements ILoggingEvent {

	private final ILoggingEvent event;

	private final String formattedMessage;

	private final Map<String, String> mdc;

	private final List<KeyValuePair> keyValuePairs;

	private final IThrowableProxy throwable;

	MaskedEvent(ILoggingEvent event) {
		this.event = event;
		// masked whole, as a phone number may span the pattern and an argument
		this.formattedMessage = LogMasking.mask(event.getFormattedMessage());
		this.mdc = mdc(event.getMDCPropertyMap());
		this.keyValuePairs = keyValuePairs(event.getKeyValuePairs());
		this.throwable = MaskedThrowableProxy.of(event.getThrowableProxy());
	}

	private static Object[] arguments(Object[] arguments) {
		if (arguments == null) {
			return null;
		}
		Object[] masked = arguments.clone();
		for (int i = 0; i < masked.length; i++) {
			masked[i] = value(masked[i]);
		}
		return masked;
	}

	private static Map<String, String> mdc(Map<String, String> mdc) {
		if (mdc == null || mdc.isEmpty()) {
			return mdc;
		}
		Map<String, String> masked = new LinkedHashMap<>(mdc.size());
		mdc.forEach((key, value) -> masked.put(key, LogMasking.mask(value)));
		return Collections.unmodifiableMap(masked);
	}

	private static List<KeyValuePair> keyValuePairs(List<KeyValuePair> pairs) {
		if (pairs == null || pairs.isEmpty()) {
			return pairs;
		}
		List<KeyValuePair> masked = new ArrayList<>(pairs.size());
		for (KeyValuePair pair : pairs) {
			masked.add(new KeyValuePair(pair.key, value(pair.value)));
		}
		return masked;
	}

	/**
	 * A value as it was unless its text holds something to mask: then that text masked
	 * (numbers and booleans are kept, so a JSON encoder writes them as it would).
	 */
	private static Object value(Object value) {
		if (value == null || value instanceof Number || value instanceof Boolean) {
			return value;
		}
		String text = value.toString();
		String masked = LogMasking.mask(text);
		return (masked.equals(text)) ? value : masked;
	}

	@Override
	public String getThreadName() {
		return this.event.getThreadName();
	}

	@Override
	public Level getLevel() {
		return this.event.getLevel();
	}

	@Override
	public String getMessage() {
		// the pattern and arguments are masked only when asked (few encoders do)
		return LogMasking.mask(this.event.getMessage());
	}

	@Override
	public Object[] getArgumentArray() {
		return arguments(this.event.getArgumentArray());
	}

	@Override
	public String getFormattedMessage() {
		return this.formattedMessage;
	}

	@Override
	public String getLoggerName() {
		return this.event.getLoggerName();
	}

	@Override
	public LoggerContextVO getLoggerContextVO() {
		return this.event.getLoggerContextVO();
	}

	@Override
	public IThrowableProxy getThrowableProxy() {
		return this.throwable;
	}

	@Override
	public StackTraceElement[] getCallerData() {
		return this.event.getCallerData();
	}

	@Override
	public boolean hasCallerData() {
		return this.event.hasCallerData();
	}

	@Override
	public List<Marker> getMarkerList() {
		return this.event.getMarkerList();
	}

	@Override
	public Map<String, String> getMDCPropertyMap() {
		return this.mdc;
	}

	@Override
	@SuppressWarnings("deprecation")
	public Map<String, String> getMdc() {
		return this.mdc;
	}

	@Override
	public long getTimeStamp() {
		return this.event.getTimeStamp();
	}

	@Override
	public int getNanoseconds() {
		return this.event.getNanoseconds();
	}

	@Override
	public Instant getInstant() {
		return this.event.getInstant();
	}

	@Override
	public long getSequenceNumber() {
		return this.event.getSequenceNumber();
	}

	@Override
	public List<KeyValuePair> getKeyValuePairs() {
		return this.keyValuePairs;
	}

	@Override
	public void prepareForDeferredProcessing() {
		this.event.prepareForDeferredProcessing();
	}

}
