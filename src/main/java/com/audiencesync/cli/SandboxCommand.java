package com.audiencesync.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

import com.audiencesync.sandbox.SandboxServer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code sandbox [--port N] [--api-key KEY]}: serves the vendor emulators on loopback
 * until stopped.
 */
@Command(name = "sandbox", mixinStandardHelpOptions = true, description = {
		"Serves emulators of every vendor endpoint on 127.0.0.1 until Ctrl-C.",
		"Each emulator enforces its vendor's contract. It lists each vendor's base URL, the value of "
				+ "audience-sync.destinations.<vendor>.base-url; GET <base URL>/state (with the key) shows what "
				+ "it kept." })
class SandboxCommand implements Callable<Integer> {

	/** The key the sandbox accepts unless told otherwise; not a secret. */
	static final String SANDBOX_KEY = "sandbox-key";

	@Option(names = "--port", description = "port on 127.0.0.1 (default ${DEFAULT-VALUE})", defaultValue = "8089")
	int port;

	@Option(names = "--api-key", description = "key the emulators accept (default ${DEFAULT-VALUE})",
			defaultValue = SANDBOX_KEY)
	String apiKey;

	@Spec
	CommandSpec commandSpec;

	@Override
	public Integer call() throws InterruptedException {
		PrintWriter out = this.commandSpec.commandLine().getOut();
		CountDownLatch stopped = new CountDownLatch(1);
		try (SandboxServer server = SandboxServer.start("127.0.0.1", this.port, this.apiKey)) {
			Runtime.getRuntime().addShutdownHook(new Thread(stopped::countDown));
			listing(server, this.apiKey).forEach(out::println);
			out.flush();
			stopped.await();
		}
		return ExitCodes.OK;
	}

	/**
	 * What the command prints: each vendor's base URL, the value to configure, and apart
	 * from it the endpoints' paths a run adds to it (a URL listed whole was copied whole,
	 * and every request then answered 404).
	 */
	static List<String> listing(SandboxServer server, String apiKey) {
		List<String> lines = new ArrayList<>();
		lines.add(String.format("sandbox on 127.0.0.1:%d (api key: %s)", server.port(), apiKey));
		int width = server.vendors()
			.stream()
			.mapToInt((vendor) -> server.baseUrl(vendor).toString().length())
			.max()
			.orElse(0);
		String row = "  %-9s %-" + (width + 1) + "s %s";
		lines.add(String.format(row, "vendor", "base URL", "endpoints below it"));
		for (String vendor : server.vendors()) {
			lines.add(String.format(row, vendor, server.baseUrl(vendor), server.endpoints(vendor)));
		}
		lines.add("point a run at one with its base URL (a run adds the endpoint's path to it):");
		lines.add(String.format("  --audience-sync.destinations.<vendor>.base-url=<base URL> "
				+ "--audience-sync.destinations.<vendor>.api-key=%s", apiKey));
		for (String vendor : server.vendors()) {
			server.clientProperties(vendor)
				.entrySet()
				.stream()
				.filter((entry) -> !entry.getKey().endsWith(".base-url") && !entry.getKey().endsWith(".api-key"))
				.forEach((entry) -> lines.add(String.format("  and --%s=%s", entry.getKey(), entry.getValue())));
		}
		lines.add("GET <base URL>/state with the key shows what an emulator kept; 'run <job> --sandbox' starts one "
				+ "in-process instead.");
		return lines;
	}

}
