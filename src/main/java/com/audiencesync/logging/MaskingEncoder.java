package com.audiencesync.logging;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.encoder.Encoder;
import ch.qos.logback.core.encoder.EncoderBase;
import ch.qos.logback.core.encoder.LayoutWrappingEncoder;

/**
 * An appender's encoder, its output masked ({@link LogMasking}): whatever the format (a
 * pattern, ECS or logstash JSON), every line is masked as the bytes it becomes.
 */
final class MaskingEncoder extends EncoderBase<ILoggingEvent> {

	private final Encoder<ILoggingEvent> encoder;

	private final Charset charset;

	MaskingEncoder(Encoder<ILoggingEvent> encoder) {
		this.encoder = encoder;
		Charset charset = (encoder instanceof LayoutWrappingEncoder<?> layout) ? layout.getCharset() : null;
		this.charset = (charset != null) ? charset : StandardCharsets.UTF_8;
	}

	Encoder<ILoggingEvent> delegate() {
		return this.encoder;
	}

	@Override
	public byte[] headerBytes() {
		return this.encoder.headerBytes();
	}

	@Override
	public byte[] encode(ILoggingEvent event) {
		byte[] line = this.encoder.encode(event);
		if (line == null || line.length == 0) {
			return line;
		}
		String text = new String(line, this.charset);
		String masked = LogMasking.mask(text);
		return (masked == text) ? line : masked.getBytes(this.charset);
	}

	@Override
	public byte[] footerBytes() {
		return this.encoder.footerBytes();
	}

	@Override
	public void start() {
		if (!this.encoder.isStarted()) {
			this.encoder.start();
		}
		super.start();
	}

}
