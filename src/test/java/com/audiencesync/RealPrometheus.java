package com.audiencesync;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import org.junit.jupiter.api.Assumptions;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A real Prometheus Pushgateway and a real Prometheus (Debian's
 * {@code prometheus-pushgateway} and {@code prometheus}, which {@code .ci/run} installs)
 * on free loopback ports, each with its own state under a test's folder: Prometheus
 * scrapes the gateway every second with {@code honor_labels}, as
 * docs/operations/metrics-and-alerts.md asks, and evaluates the given rule files every
 * second. A test without the binaries is skipped, saying so loudly.
 */
public final class RealPrometheus implements AutoCloseable {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final HttpClient http = HttpClient.newHttpClient();

	private final List<Process> processes = new ArrayList<>();

	private final int gatewayPort;

	private final int prometheusPort;

	private RealPrometheus(Path dir, List<Path> ruleFiles) throws IOException {
		for (String binary : List.of("/usr/bin/prometheus-pushgateway", "/usr/bin/prometheus")) {
			if (!Files.isExecutable(Path.of(binary))) {
				System.err
					.println("*** " + binary + " is missing (apt-get install -y prometheus prometheus-pushgateway):"
							+ " the Pushgateway tests are SKIPPED ***");
				Assumptions.abort(binary + " is missing");
			}
		}
		Files.createDirectories(dir);
		this.gatewayPort = freePort();
		this.prometheusPort = freePort();
		this.processes.add(new ProcessBuilder("/usr/bin/prometheus-pushgateway",
				"--web.listen-address=127.0.0.1:" + this.gatewayPort,
				"--persistence.file=" + dir.resolve("pushgateway.state"))
			.redirectErrorStream(true)
			.redirectOutput(dir.resolve("pushgateway.log").toFile())
			.start());
		StringBuilder config = new StringBuilder("global:\n  scrape_interval: 1s\n  evaluation_interval: 1s\n");
		if (!ruleFiles.isEmpty()) {
			config.append("rule_files:\n");
			ruleFiles.forEach((file) -> config.append("  - ").append(file.toAbsolutePath()).append('\n'));
		}
		config.append("scrape_configs:\n  - job_name: pushgateway\n    honor_labels: true\n    static_configs:\n")
			.append("      - targets: ['127.0.0.1:")
			.append(this.gatewayPort)
			.append("']\n");
		Files.writeString(dir.resolve("prometheus.yml"), config);
		this.processes.add(new ProcessBuilder("/usr/bin/prometheus", "--config.file=" + dir.resolve("prometheus.yml"),
				"--storage.tsdb.path=" + dir.resolve("tsdb"), "--web.listen-address=127.0.0.1:" + this.prometheusPort)
			.redirectErrorStream(true)
			.redirectOutput(dir.resolve("prometheus.log").toFile())
			.start());
		awaitUp("http://127.0.0.1:" + this.gatewayPort + "/-/ready");
		awaitUp("http://127.0.0.1:" + this.prometheusPort + "/-/ready");
	}

	/**
	 * Starts both, their state and logs under that folder, Prometheus with those rules.
	 */
	public static RealPrometheus start(Path dir, List<Path> ruleFiles) throws IOException {
		return new RealPrometheus(dir, ruleFiles);
	}

	/**
	 * The Pushgateway's {@code host:port}, as {@code ...pushgateway.address} takes it.
	 */
	public String gatewayAddress() {
		return "127.0.0.1:" + this.gatewayPort;
	}

	/** What the Pushgateway exposes ({@code /metrics}), in the text format. */
	public String gatewayMetrics() {
		return get("http://127.0.0.1:" + this.gatewayPort + "/metrics");
	}

	/** PUTs a body to a Pushgateway path; the answer's status. */
	public int put(String path, String body) {
		try {
			return this.http
				.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.gatewayPort + path))
					.PUT(HttpRequest.BodyPublishers.ofString(body))
					.build(), HttpResponse.BodyHandlers.discarding())
				.statusCode();
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * An instant query's result vector: each element's {@code metric} and {@code value}.
	 */
	public JsonNode query(String promql) {
		JsonNode answer = JSON.readTree(get("http://127.0.0.1:" + this.prometheusPort + "/api/v1/query?query="
				+ URLEncoder.encode(promql, StandardCharsets.UTF_8)));
		if (!"success".equals(answer.path("status").asString())) {
			throw new IllegalStateException(promql + ": " + answer);
		}
		return answer.path("data").path("result");
	}

	/** Waits until an instant query's result satisfies the condition; the last result. */
	public JsonNode awaitQuery(String promql, Predicate<JsonNode> condition, Duration timeout) {
		long deadline = System.nanoTime() + timeout.toNanos();
		JsonNode result = query(promql);
		while (!condition.test(result) && System.nanoTime() < deadline) {
			sleep();
			result = query(promql);
		}
		return result;
	}

	/** The alerts firing now: each one's labels (its {@code alertname} among them). */
	public List<JsonNode> firing() {
		List<JsonNode> firing = new ArrayList<>();
		for (JsonNode alert : JSON.readTree(get("http://127.0.0.1:" + this.prometheusPort + "/api/v1/alerts"))
			.path("data")
			.path("alerts")) {
			if ("firing".equals(alert.path("state").asString())) {
				firing.add(alert.path("labels"));
			}
		}
		return firing;
	}

	/** Waits until an alert fires for a sync (any sync when null); whether it did. */
	public boolean awaitFiring(String alert, String sync, Duration timeout) {
		long deadline = System.nanoTime() + timeout.toNanos();
		do {
			if (firing().stream()
				.anyMatch((labels) -> alert.equals(labels.path("alertname").asString())
						&& (sync == null || sync.equals(labels.path("sync").asString())))) {
				return true;
			}
			sleep();
		}
		while (System.nanoTime() < deadline);
		return false;
	}

	private String get(String url) {
		try {
			return this.http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString())
				.body();
		}
		catch (IOException ex) {
			throw new IllegalStateException(url + ": " + ex.getMessage(), ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private void awaitUp(String url) throws IOException {
		long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
		while (true) {
			try {
				if (this.http
					.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.discarding())
					.statusCode() == 200) {
					return;
				}
			}
			catch (IOException ex) {
				if (System.nanoTime() > deadline) {
					throw ex;
				}
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IOException(ex);
			}
			if (System.nanoTime() > deadline) {
				throw new IOException(url + " did not answer 200 within 30s");
			}
			sleep();
		}
	}

	private static void sleep() {
		try {
			Thread.sleep(200);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

	@Override
	public void close() {
		for (Process process : this.processes) {
			process.destroy();
		}
		for (Process process : this.processes) {
			try {
				if (!process.waitFor(10, TimeUnit.SECONDS)) {
					process.destroyForcibly();
				}
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
	}

}
