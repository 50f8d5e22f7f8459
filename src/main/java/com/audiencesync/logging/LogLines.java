package com.audiencesync.logging;

import java.io.PrintStream;
import java.io.Writer;
import java.util.Iterator;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.OutputStreamAppender;
import ch.qos.logback.core.encoder.Encoder;
import org.slf4j.LoggerFactory;

/**
 * What a command prints (a report, a banner, {@code error:} lines), as printed text, or,
 * once structured logging is on ({@code logging.structured.format.console}), each line as
 * a log event of its own, so that every line of the process is JSON, with the job and
 * execution of the log context. Before logging is set up (usage errors), text.
 */
public final class LogLines extends Writer {

	/** The logger of printed lines. */
	public static final String LOGGER = "com.audiencesync.output";

	private final PrintStream plain;

	private final Level level;

	private final StringBuilder line = new StringBuilder();

	private LogLines(PrintStream plain, Level level) {
		this.plain = plain;
		this.level = level;
	}

	/** Standard output: lines logged at INFO when structured. */
	public static LogLines out(PrintStream plain) {
		return new LogLines(plain, Level.INFO);
	}

	/** Standard error: lines logged at ERROR when structured. */
	public static LogLines err(PrintStream plain) {
		return new LogLines(plain, Level.ERROR);
	}

	@Override
	public synchronized void write(char[] chars, int offset, int length) {
		if (!structured() && this.line.isEmpty()) {
			this.plain.print(new String(chars, offset, length));
			return;
		}
		for (int i = offset; i < offset + length; i++) {
			char c = chars[i];
			if (c == '\n') {
				emit();
			}
			else if (c != '\r') {
				this.line.append(c);
			}
		}
	}

	private void emit() {
		String text = this.line.toString();
		this.line.setLength(0);
		if (text.isBlank()) {
			return;
		}
		Logger logger = (Logger) LoggerFactory.getLogger(LOGGER);
		if (this.level == Level.ERROR) {
			logger.error(text);
		}
		else {
			logger.info(text);
		}
	}

	@Override
	public synchronized void flush() {
		this.plain.flush();
	}

	@Override
	public synchronized void close() {
		if (!this.line.isEmpty()) {
			emit();
		}
		flush();
	}

	/** Whether an appender of the root logger writes structured (JSON) lines. */
	static boolean structured() {
		if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
			return false;
		}
		Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
		for (Iterator<Appender<ILoggingEvent>> appenders = root.iteratorForAppenders(); appenders.hasNext();) {
			if (appenders.next() instanceof OutputStreamAppender<ILoggingEvent> appender) {
				Encoder<ILoggingEvent> encoder = appender.getEncoder();
				if (encoder instanceof MaskingEncoder masking) {
					encoder = masking.delegate();
				}
				if (encoder != null && encoder.getClass().getSimpleName().startsWith("Structured")) {
					return true;
				}
			}
		}
		return false;
	}

}
