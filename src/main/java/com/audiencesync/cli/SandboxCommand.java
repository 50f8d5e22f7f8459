package com.audiencesync.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

import com.audiencesync.sandbox.HackleEmulator;
import com.audiencesync.sandbox.MarketapEmulator;
import com.audiencesync.sandbox.SandboxServer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code sandbox [--port N] [--api-key KEY]}: serves the vendor emulators on loopback
 * until stopped.
 */
@Command(name = "sandbox", description = { "Serves emulators of every implemented vendor endpoint on 127.0.0.1,",
		"enforcing each contract, until Ctrl-C. GET an endpoint's URL (with its key header) to see what it kept." })
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
			out.printf("  groobee   %s/personalizations%n", server.baseUrl("groobee"));
			out.printf("  braze     %s/users/merge; state: GET %s/state%n", server.baseUrl("braze"),
					server.baseUrl("braze"));
			out.printf("  marketap  %s/v1/api/... (project_id=%s); state: GET %s/state%n", server.baseUrl("marketap"),
					MarketapEmulator.PROJECT_ID, server.baseUrl("marketap"));
			out.printf("  hackle    %s/v1/... (X-HACKLE-API-KEY); state: GET %s/state%n", server.baseUrl("hackle"),
					server.baseUrl("hackle"));
			out.printf(
					"point a run at it: --audience-sync.destinations.<vendor>.base-url=<url above> "
							+ "--audience-sync.destinations.<vendor>.api-key=%s "
							+ "(and --audience-sync.destinations.marketap.project-id=%s)%n",
					this.apiKey, MarketapEmulator.PROJECT_ID);
			out.println("or let 'run <job> --sandbox' start one in-process.");
			out.flush();
			stopped.await();
		}
		return ExitCodes.OK;
	}

	static void printState(PrintWriter out, SandboxServer server, String vendor) {
		if ("groobee".equals(vendor)) {
			out.printf("sandbox: groobee received %d request(s), accepted %d, keeps %d profile(s)%n",
					server.groobee().requestCount(), server.groobee().acceptedRequestCount(),
					server.groobee().profiles().size());
		}
		if ("braze".equals(vendor)) {
			out.printf("sandbox: braze received %d request(s), accepted %d (%d merge(s)), throttled %d%n",
					server.braze().requestCount(), server.braze().acceptedRequestCount(),
					server.braze().mergesAccepted(), server.braze().throttledCount());
		}
		if ("marketap".equals(vendor)) {
			MarketapEmulator marketap = server.marketap();
			out.printf(
					"sandbox: marketap received %d request(s), accepted %d: %d profile(s), %d event(s), "
							+ "%d deletion(s), %d device(s)%n",
					marketap.requestCount(), marketap.acceptedRequestCount(), marketap.profiles().size(),
					marketap.events().size(), marketap.deletedUserIds().size(), marketap.devices().size());
		}
		if ("hackle".equals(vendor)) {
			HackleEmulator hackle = server.hackle();
			out.printf(
					"sandbox: hackle received %d request(s), applied %d: %d profile(s), %d phone number(s), "
							+ "%d consent record(s); at most %d in flight%n",
					hackle.requestCount(), hackle.acceptedCount(), hackle.profiles().size(),
					hackle.phoneNumbers().size(), hackle.subscriptions().size(), hackle.maxInFlight());
		}
		out.flush();
	}

}
