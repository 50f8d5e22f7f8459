package com.audiencesync.cli;

import java.io.PrintWriter;
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
@Command(name = "sandbox", mixinStandardHelpOptions = true,
		description = { "Serves emulators of every vendor endpoint on 127.0.0.1 until Ctrl-C.",
				"Each emulator enforces its vendor's contract. GET an endpoint's URL (with its key header) to see what "
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
			out.printf("sandbox on 127.0.0.1:%d (api key: %s)%n", server.port(), this.apiKey);
			for (String vendor : server.vendors()) {
				out.printf("  %s%n", server.emulator(vendor).listing(server.baseUrl(vendor)));
			}
			out.printf("point a run at it: --audience-sync.destinations.<vendor>.base-url=<url above> "
					+ "--audience-sync.destinations.<vendor>.api-key=%s%n", this.apiKey);
			for (String vendor : server.vendors()) {
				server.clientProperties(vendor)
					.entrySet()
					.stream()
					.filter((entry) -> !entry.getKey().endsWith(".base-url") && !entry.getKey().endsWith(".api-key"))
					.forEach((entry) -> out.printf("  and --%s=%s%n", entry.getKey(), entry.getValue()));
			}
			out.println("or let 'run <job> --sandbox' start one in-process.");
			out.flush();
			stopped.await();
		}
		return ExitCodes.OK;
	}

}
