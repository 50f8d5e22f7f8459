package com.audiencesync.sandbox;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.audiencesync.destination.emulator.Emulator;
import com.audiencesync.destination.emulator.EmulatorFactory;
import com.audiencesync.destination.emulator.Emulators;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;

/**
 * A local HTTP server that emulates vendor APIs, each under {@code /{vendor}/}. It only
 * binds to loopback addresses: it accepts any caller holding the API key and keeps
 * customer data in memory, so it must never be reachable from the network.
 */
public final class SandboxServer implements AutoCloseable {

	// more than any client's requests in flight, so an emulator sees the client's real
	// concurrency
	private static final int THREADS = 64;

	static {
		// the JDK server writes a response's headers and body apart: without TCP_NODELAY,
		// Nagle's algorithm holds the body until the client's delayed ACK (40 ms), which
		// caps a client at 25 requests a second per connection. Read once, when the JDK's
		// server configuration loads.
		if (System.getProperty("sun.net.httpserver.nodelay") == null) {
			System.setProperty("sun.net.httpserver.nodelay", "true");
		}
	}

	private final HttpServer server;

	private final ExecutorService executor;

	private final InetAddress address;

	private final Map<String, Emulator> emulators = new LinkedHashMap<>();

	private SandboxServer(HttpServer server, ExecutorService executor, InetAddress address, String apiKey) {
		this.server = server;
		this.executor = executor;
		this.address = address;
		for (EmulatorFactory factory : Emulators.all()) {
			register(factory.create(apiKey));
		}
		this.server.createContext("/", this::noEmulator);
	}

	/**
	 * A path below no vendor: a base URL without its vendor, or with a typo. The JDK's
	 * answer is an HTML page; this one says where the emulators are.
	 */
	private void noEmulator(HttpExchange exchange) throws IOException {
		try (exchange) {
			byte[] body = ("no emulator at " + exchange.getRequestURI().getPath() + ": a vendor's base URL is " + root()
					+ "<vendor>, one of " + this.emulators.keySet() + "\n")
				.getBytes(StandardCharsets.UTF_8);
			exchange.getResponseHeaders().set("Content-Type", "text/plain;charset=UTF-8");
			exchange.sendResponseHeaders(404, body.length);
			exchange.getResponseBody().write(body);
		}
	}

	/**
	 * Starts a sandbox.
	 * @param host a loopback host, e.g. {@code 127.0.0.1}
	 * @param port the port, or {@code 0} for an ephemeral one
	 * @param apiKey the API key every emulated vendor accepts
	 * @return the running server
	 * @throws IllegalArgumentException if the host is not a loopback address or the key
	 * is blank
	 * @throws UncheckedIOException if the port cannot be bound
	 */
	public static SandboxServer start(String host, int port, String apiKey) {
		Objects.requireNonNull(host, "host");
		if (apiKey == null || apiKey.isBlank()) {
			throw new IllegalArgumentException("apiKey must not be blank");
		}
		InetAddress address = loopback(host);
		HttpServer server;
		try {
			server = HttpServer.create(new InetSocketAddress(address, port), 0);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot start sandbox on " + host + ":" + port, ex);
		}
		ExecutorService executor = Executors.newFixedThreadPool(THREADS, daemonThreads());
		server.setExecutor(executor);
		SandboxServer sandbox = new SandboxServer(server, executor, address, apiKey);
		server.start();
		return sandbox;
	}

	private static InetAddress loopback(String host) {
		InetAddress address;
		try {
			address = InetAddress.getByName(host);
		}
		catch (UnknownHostException ex) {
			throw new IllegalArgumentException("Unknown sandbox host: " + host, ex);
		}
		if (!address.isLoopbackAddress()) {
			throw new IllegalArgumentException("The sandbox only listens on loopback addresses, not " + host);
		}
		return address;
	}

	// daemon threads so a sandbox someone forgot to close cannot keep the JVM alive
	private static ThreadFactory daemonThreads() {
		AtomicInteger count = new AtomicInteger();
		return (runnable) -> {
			Thread thread = new Thread(runnable, "sandbox-http-" + count.incrementAndGet());
			thread.setDaemon(true);
			return thread;
		};
	}

	private void register(Emulator emulator) {
		this.emulators.put(emulator.vendor(), emulator);
		this.server.createContext("/" + emulator.vendor() + "/", guarded(emulator));
	}

	private static HttpHandler guarded(Emulator emulator) {
		return (exchange) -> {
			try {
				emulator.handle(exchange);
			}
			catch (RuntimeException ex) {
				// an emulator bug must still answer, or the client under test hangs
				sendServerError(exchange);
			}
			finally {
				exchange.close();
			}
		};
	}

	private static void sendServerError(HttpExchange exchange) {
		try {
			exchange.sendResponseHeaders(500, -1);
		}
		catch (IOException ex) {
			// headers were already sent or the client left; closing is all that is left
		}
	}

	/**
	 * The port the server listens on.
	 * @return the port
	 */
	public int port() {
		return this.server.getAddress().getPort();
	}

	/**
	 * The base URL a client of the given vendor is configured with, e.g.
	 * {@code http://127.0.0.1:PORT/groobee}.
	 * @param vendor the vendor name, e.g. {@code groobee}
	 * @return the base URL
	 * @throws IllegalArgumentException if the sandbox does not emulate that vendor
	 */
	public URI baseUrl(String vendor) {
		emulator(vendor);
		return URI.create(root() + vendor);
	}

	/** {@code http://127.0.0.1:PORT/}. */
	private String root() {
		String host = this.address.getHostAddress();
		if (this.address instanceof Inet6Address) {
			host = "[" + host + "]";
		}
		return "http://" + host + ":" + port() + "/";
	}

	/** The emulated vendors' ids, in order. */
	public List<String> vendors() {
		return List.copyOf(this.emulators.keySet());
	}

	/**
	 * A vendor's emulator, to inspect what it received or inject faults.
	 * @throws IllegalArgumentException if the sandbox does not emulate that vendor
	 */
	public Emulator emulator(String vendor) {
		Emulator emulator = this.emulators.get(vendor);
		if (emulator == null) {
			throw new IllegalArgumentException(
					"The sandbox does not emulate '" + vendor + "'; it emulates " + this.emulators.keySet());
		}
		return emulator;
	}

	/**
	 * What a vendor's emulator received, one line, printed after a {@code --sandbox} run
	 * ({@link Emulator#summary()}).
	 * @throws IllegalArgumentException if the sandbox does not emulate that vendor
	 */
	public String summary(String vendor) {
		return emulator(vendor).summary();
	}

	/**
	 * A vendor's endpoints below its base URL and how the key is sent, as the
	 * {@code sandbox} command lists them ({@link Emulator#endpoints()}).
	 * @throws IllegalArgumentException if the sandbox does not emulate that vendor
	 */
	public String endpoints(String vendor) {
		return emulator(vendor).endpoints();
	}

	/** A vendor's emulator as its own type, for tests in the vendor's package. */
	public <E extends Emulator> E emulator(String vendor, Class<E> type) {
		return type.cast(emulator(vendor));
	}

	/**
	 * The properties that point a vendor's client at its emulator, full names
	 * ({@code audience-sync.destinations.<vendor>.base-url}, ...).
	 */
	public Map<String, String> clientProperties(String vendor) {
		Map<String, String> properties = new LinkedHashMap<>();
		emulator(vendor).clientProperties(baseUrl(vendor))
			.forEach((name, value) -> properties.put("audience-sync.destinations." + vendor + "." + name, value));
		return properties;
	}

	/**
	 * Stops the server without waiting for exchanges in flight.
	 */
	@Override
	public void close() {
		this.server.stop(0);
		this.executor.shutdownNow();
		try {
			this.executor.awaitTermination(5, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
