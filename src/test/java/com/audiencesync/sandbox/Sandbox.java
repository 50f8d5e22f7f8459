package com.audiencesync.sandbox;

import java.net.URI;

import com.audiencesync.batch.run.RunOptions;
import com.audiencesync.destination.emulator.Emulator;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The sandbox of a test class: started once before its tests (on an ephemeral loopback
 * port), every emulator reset before each test, stopped after the last. Register it as a
 * static field:
 * {@code @RegisterExtension static final Sandbox sandbox = new Sandbox(KEY);}.
 */
public final class Sandbox implements BeforeAllCallback, BeforeEachCallback, AfterEachCallback, AfterAllCallback {

	private final String apiKey;

	private final boolean perTest;

	private SandboxServer server;

	/** A sandbox for a class: started once, reset before each test. */
	public Sandbox(String apiKey) {
		this(apiKey, false);
	}

	private Sandbox(String apiKey, boolean perTest) {
		this.apiKey = apiKey;
		this.perTest = perTest;
	}

	/**
	 * A fresh sandbox for every test (an instance field), for tests of the emulators'
	 * settings, which a reset keeps.
	 */
	public static Sandbox perTest(String apiKey) {
		return new Sandbox(apiKey, true);
	}

	@Override
	public void beforeAll(ExtensionContext context) {
		if (!this.perTest) {
			this.server = SandboxServer.start("127.0.0.1", 0, this.apiKey);
		}
	}

	@Override
	public void beforeEach(ExtensionContext context) {
		if (this.perTest) {
			this.server = SandboxServer.start("127.0.0.1", 0, this.apiKey);
		}
		else {
			this.server.vendors().forEach((vendor) -> this.server.emulator(vendor).reset());
		}
	}

	@Override
	public void afterEach(ExtensionContext context) {
		if (this.perTest) {
			this.server.close();
		}
	}

	@Override
	public void afterAll(ExtensionContext context) {
		if (!this.perTest) {
			this.server.close();
		}
	}

	/** The key every emulator accepts. */
	public String apiKey() {
		return this.apiKey;
	}

	/** Run options that point the vendor's client at its emulator. */
	public RunOptions options(String vendor) {
		return new RunOptions(this.server.clientProperties(vendor));
	}

	/**
	 * Run options of a {@code --sandbox} run against this emulator: a run identified
	 * apart, keeping the sandbox's own sync state.
	 */
	public RunOptions sandboxRun(String vendor) {
		return RunOptions.sandbox(this.server.clientProperties(vendor));
	}

	/** Run options that point the vendor's client at its emulator with another key. */
	public RunOptions optionsWithKey(String vendor, String apiKey) {
		return options(vendor).with("audience-sync.destinations." + vendor + ".api-key", apiKey);
	}

	/** The vendor's emulator, vendor-neutral. */
	public Emulator emulator(String vendor) {
		return this.server.emulator(vendor);
	}

	/** The vendor's emulator as its own type, for tests in the vendor's package. */
	public <E extends Emulator> E emulator(String vendor, Class<E> type) {
		return this.server.emulator(vendor, type);
	}

	public URI baseUrl(String vendor) {
		return this.server.baseUrl(vendor);
	}

	public int port() {
		return this.server.port();
	}

	public SandboxServer server() {
		return this.server;
	}

}
