package com.audiencesync.logging;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.encoder.Encoder;
import ch.qos.logback.core.encoder.EncoderBase;

/**
 * An appender's encoder, given each event masked ({@link MaskedEvent}): whatever the
 * format (a pattern, ECS or logstash JSON), what the code logged is masked before the
 * encoder formats it, and what the encoder adds (timestamps, level, logger, thread,
 * process, host) is never altered.
 */
final class MaskingEncoder extends EncoderBase<ILoggingEvent> {

	private final Encoder<ILoggingEvent> encoder;

	MaskingEncoder(Encoder<ILoggingEvent> encoder) {
		this.encoder = encoder;
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
		return this.encoder.encode(new MaskedEvent(event));
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
