package com.audiencesync.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import com.audiencesync.IntegrationTest;
import com.audiencesync.batch.launch.RunOutcome;
import com.audiencesync.batch.launch.SyncLauncher;
import com.audiencesync.batch.run.RunOptions;
import com.audiencesync.destination.Vendor;
import com.audiencesync.destination.Vendors;
import com.audiencesync.sandbox.Sandbox;
import com.audiencesync.spec.JobSpec;
import com.audiencesync.spec.SpecCatalog;
import com.sun.net.httpserver.HttpServer;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A base URL that is wrong (one path segment too deep, as a URL copied whole from an
 * endpoint's documentation, or a web server that is not the vendor's API) stops the run
 * at its first answer, for every vendor: no retry, the exit code of a refused key, and a
 * message naming the property, its value and the URL that answered. Each vendor runs its
 * example job of the jobs folder.
 */
@IntegrationTest
class WrongBaseUrlIntegrationTests {

	private static final String KEY = "wrong-url-key-" + UUID.randomUUID();

	@RegisterExtension
	static final Sandbox sandbox = new Sandbox(KEY);

	/** Not a vendor's API: {@code /404/...} and {@code /405/...} answer an HTML page. */
	private static HttpServer web;

	private static final AtomicInteger webRequests = new AtomicInteger();

	@Autowired
	SyncLauncher launcher;

	@Autowired
	MeterRegistry registry;

	private static int day;

	@BeforeAll
	static void startAWebServer() throws IOException {
		web = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		web.createContext("/", (exchange) -> {
			webRequests.incrementAndGet();
			int status = exchange.getRequestURI().getPath().startsWith("/405/") ? 405 : 404;
			byte[] page = ("<html><head><title>" + status + "</title></head><body><h1>Not here</h1></body></html>")
				.getBytes(StandardCharsets.UTF_8);
			exchange.getResponseHeaders().set("Content-Type", "text/html");
			exchange.sendResponseHeaders(status, page.length);
			exchange.getResponseBody().write(page);
			exchange.close();
		});
		web.start();
	}

	@AfterAll
	static void stopTheWebServer() {
		web.stop(0);
	}

	@Test
	void aBaseUrlOneSegmentTooDeepFailsAtOnceLikeARefusedKey() {
		for (Vendor vendor : Vendors.all()) {
			String id = vendor.id();
			JobSpec spec = example(id);
			String base = sandbox.baseUrl(id).toString();

			// a refused key, for the exit code and the speed to match
			RunOutcome refused = run(spec, sandbox.optionsWithKey(id, "not-the-key"));
			assertThat(refused.kind()).as(id).isEqualTo(RunOutcome.Kind.FAILED);

			double retries = retries(id);
			RunOutcome outcome = run(spec, sandbox.options(id).with(property(id), base + "/v1"));

			String line = firstLine(outcome);
			assertThat(ExitCodes.of(outcome.kind())).as(line).isEqualTo(ExitCodes.of(refused.kind())).isEqualTo(1);
			assertThat(line).as(id)
				.contains(": HTTP 404 (not found")
				.contains(" from POST " + base + "/v1/")
				.contains(": check " + property(id) + " (" + base + "/v1; the endpoint adds /")
				.doesNotContain("run the same date again")
				.doesNotContain(KEY);
			assertThat(retries(id)).as(id + ": requests sent again").isEqualTo(retries);
			assertThat(sandbox.emulator(id).acceptedRequestCount()).as(id).isZero();
			assertThat(outcome.report().exitMessage()).as(id).doesNotContain("unavailable");
		}
	}

	@Test
	void aWebServerAnswering404Or405WithAnHtmlPageFailsAtOnceToo() {
		String server = "http://127.0.0.1:" + web.getAddress().getPort();
		for (Vendor vendor : Vendors.all()) {
			String id = vendor.id();
			JobSpec spec = example(id);
			for (int status : List.of(404, 405)) {
				double retries = retries(id);
				int before = webRequests.get();
				RunOutcome outcome = run(spec, sandbox.options(id).with(property(id), server + "/" + status + "/api"));

				String line = firstLine(outcome);
				assertThat(ExitCodes.of(outcome.kind())).as(line).isEqualTo(1);
				assertThat(line).as(id)
					.contains(": HTTP " + status + " (" + ((status == 404) ? "not found" : "method not allowed") + ")"
							+ " from POST " + server + "/" + status + "/api/")
					.contains(": check " + property(id) + " (" + server + "/" + status + "/api; the endpoint adds /")
					.doesNotContain("<")
					.doesNotContain("did you mean");
				assertThat(retries(id)).as(id + ": requests sent again").isEqualTo(retries);
				// a vendor sending one record a request has a few in flight, never more
				// than its first chunk's
				assertThat(webRequests.get() - before).as(id).isBetween(1, spec.chunkSize());
			}
		}
	}

	/**
	 * Runs the spec for a date of its own: the application context, and its repository,
	 * is shared with other classes that run the same examples (the demo on its dates).
	 */
	private RunOutcome run(JobSpec spec, RunOptions options) {
		return this.launcher.run(spec, LocalDate.of(2031, 1, 1).plusDays(day++), options);
	}

	/** The jobs folder's first example sending to that vendor. */
	private static JobSpec example(String vendor) {
		return new SpecCatalog(Path.of("jobs")).all()
			.stream()
			.filter((spec) -> spec.targets().stream().allMatch((target) -> target.vendor().equals(vendor)))
			.findFirst()
			.orElseThrow(() -> new AssertionError("jobs/ has no example for " + vendor));
	}

	private static String property(String vendor) {
		return "audience-sync.destinations." + vendor + ".base-url";
	}

	/** What {@code run} prints first. */
	private static String firstLine(RunOutcome outcome) {
		StringWriter out = new StringWriter();
		Printer.outcome(new PrintWriter(out), outcome);
		return out.toString().lines().findFirst().orElse("");
	}

	private double retries(String vendor) {
		return this.registry.find("audience.sync.retries")
			.tag("vendor", vendor)
			.counters()
			.stream()
			.mapToDouble(Counter::count)
			.sum();
	}

}
