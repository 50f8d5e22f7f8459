package com.audiencesync.sandbox;

import com.audiencesync.destination.emulator.Emulator;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A contract test of one emulator: a fresh sandbox for every test, the vendor's emulator
 * and an HTTP client that sends the vendor's key header.
 *
 * @param <E> the emulator's type
 */
public abstract class EmulatorTest<E extends Emulator> {

	/** The key the sandbox accepts. */
	protected static final String KEY = "test-key";

	@RegisterExtension
	protected final Sandbox sandbox = Sandbox.perTest(KEY);

	/** The vendor's emulator. */
	protected E emulator;

	/** Requests to it, with the key where asked. */
	protected EmulatorClient http;

	private final String vendor;

	private final Class<E> type;

	private final String keyHeader;

	private final String keyPrefix;

	/**
	 * @param vendor the vendor
	 * @param type its emulator's class
	 * @param keyHeader the header that carries the key
	 * @param keyPrefix what precedes the key in it
	 */
	protected EmulatorTest(String vendor, Class<E> type, String keyHeader, String keyPrefix) {
		this.vendor = vendor;
		this.type = type;
		this.keyHeader = keyHeader;
		this.keyPrefix = keyPrefix;
	}

	/**
	 * Refuses an identity and fails midway, then resets: the counters read zero and the
	 * faults are gone (the test checks the vendor's store).
	 */
	protected void resetAfterFaults(String identity) {
		this.emulator.reject(identity);
		this.emulator.failAfterItems(0, 503);
		this.emulator.reset();
		assertThat(this.emulator.requestCount()).isZero();
		assertThat(this.emulator.acceptedRequestCount()).isZero();
		assertThat(this.emulator.itemsAccepted()).isZero();
		assertThat(this.emulator.records()).isEmpty();
	}

	@BeforeEach
	final void connect() {
		this.emulator = this.sandbox.emulator(this.vendor, this.type);
		this.http = new EmulatorClient(this.sandbox.baseUrl(this.vendor), this.keyHeader, this.keyPrefix);
	}

}
