package com.audiencesync.logging;

import java.util.Arrays;
import java.util.Objects;

import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.StackTraceElementProxy;
import ch.qos.logback.classic.spi.ThrowableProxy;

/**
 * An exception as an encoder is to see it: its messages and its causes' and suppressed
 * exceptions' masked ({@link LogMasking}), its class names and stack frames as they were.
 * A {@link ThrowableProxy}, not only an {@link IThrowableProxy}, because Spring Boot's
 * structured formats print {@link #getThrowable()} when a stack trace printer is
 * configured ({@code logging.structured.json.stacktrace.*}): that throwable is a copy
 * with the masked messages.
 */
final class MaskedThrowableProxy extends ThrowableProxy {

	private final IThrowableProxy proxy;

	private final IThrowableProxy cause;

	private final IThrowableProxy[] suppressed;

	private MaskedThrowableProxy(IThrowableProxy proxy, Throwable copy) {
		super(copy);
		this.proxy = proxy;
		this.cause = (proxy.getCause() != null) ? new MaskedThrowableProxy(proxy.getCause(), copy.getCause()) : null;
		IThrowableProxy[] suppressed = (proxy.getSuppressed() != null) ? proxy.getSuppressed() : new IThrowableProxy[0];
		this.suppressed = new IThrowableProxy[suppressed.length];
		for (int i = 0; i < suppressed.length; i++) {
			this.suppressed[i] = new MaskedThrowableProxy(suppressed[i], copy.getSuppressed()[i]);
		}
	}

	/**
	 * The exception masked, or as it was when it holds nothing to mask (a stack trace
	 * printer's hash of it stays the same).
	 */
	static IThrowableProxy of(IThrowableProxy proxy) {
		return (proxy != null && holdsMasked(proxy)) ? new MaskedThrowableProxy(proxy, new Copy(proxy)) : proxy;
	}

	private static boolean holdsMasked(IThrowableProxy proxy) {
		if (!Objects.equals(proxy.getMessage(), LogMasking.mask(proxy.getMessage()))
				|| !Objects.equals(proxy.getOverridingMessage(), LogMasking.mask(proxy.getOverridingMessage()))) {
			return true;
		}
		if (proxy.getCause() != null && holdsMasked(proxy.getCause())) {
			return true;
		}
		return proxy.getSuppressed() != null
				&& Arrays.stream(proxy.getSuppressed()).anyMatch(MaskedThrowableProxy::holdsMasked);
	}

	@Override
	public String getClassName() {
		return this.proxy.getClassName();
	}

	@Override
	public String getMessage() {
		return LogMasking.mask(this.proxy.getMessage());
	}

	@Override
	public String getOverridingMessage() {
		return LogMasking.mask(this.proxy.getOverridingMessage());
	}

	@Override
	public StackTraceElementProxy[] getStackTraceElementProxyArray() {
		return this.proxy.getStackTraceElementProxyArray();
	}

	@Override
	public int getCommonFrames() {
		return this.proxy.getCommonFrames();
	}

	@Override
	public boolean isCyclic() {
		return this.proxy.isCyclic();
	}

	@Override
	public IThrowableProxy getCause() {
		return this.cause;
	}

	@Override
	public IThrowableProxy[] getSuppressed() {
		return this.suppressed;
	}

	@Override
	public void calculatePackagingData() {
		if (this.proxy instanceof ThrowableProxy throwable) {
			throwable.calculatePackagingData();
		}
	}

	/**
	 * A copy of an exception for a stack trace printer: the same frames, causes and
	 * suppressed exceptions, its messages masked, and the original class name in its
	 * first line.
	 */
	private static final class Copy extends Throwable {

		private final String first;

		Copy(IThrowableProxy proxy) {
			super(LogMasking.mask(proxy.getMessage()), (proxy.getCause() != null) ? new Copy(proxy.getCause()) : null,
					true, true);
			String message = getMessage();
			String overriding = LogMasking.mask(proxy.getOverridingMessage());
			this.first = (overriding != null) ? overriding
					: (message != null) ? proxy.getClassName() + ": " + message : proxy.getClassName();
			StackTraceElementProxy[] frames = proxy.getStackTraceElementProxyArray();
			setStackTrace((frames != null) ? Arrays.stream(frames)
				.map(StackTraceElementProxy::getStackTraceElement)
				.toArray(StackTraceElement[]::new) : new StackTraceElement[0]);
			if (proxy.getSuppressed() != null) {
				for (IThrowableProxy suppressed : proxy.getSuppressed()) {
					addSuppressed(new Copy(suppressed));
				}
			}
		}

		@Override
		public synchronized Throwable fillInStackTrace() {
			// the frames are the original's
			return this;
		}

		@Override
		public String toString() {
			return this.first;
		}

	}

}
