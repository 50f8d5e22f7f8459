package com.audiencesync.logging;

import java.io.PrintStream;
import java.io.Writer;
import java.util.function.BooleanSupplier;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
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

	private final BooleanSupplier structured;

	private final StringBuilder line = new StringBuilder();

	private LogLines(PrintStream plain, Level level, BooleanSupplier structured) {
		this.plain = plain;
		this.level = level;
		this.structured = structured;
	}

	/**
	 * Standard output: lines logged at INFO when structured.
	 * @param structured whether structured logging is on (asked at each write: the
	 * application that sets it up may start after the command does)
	 */
	public static LogLines out(PrintStream plain, BooleanSupplier structured) {
		return new LogLines(plain, Level.INFO, structured);
	}

	/** Standard error: lines logged at ERROR when structured. */
	public static LogLines err(PrintStream plain, BooleanSupplier structured) {
		return new LogLines(plain, Level.ERROR, structured);
	}

	@Override
	public synchronized void write(char[] chars, int offset, int length) {
		if (this.line.isEmpty() && !this.structured.getAsBoolean()) {
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

}
