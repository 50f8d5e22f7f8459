package com.audiencesync.cli;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import com.audiencesync.sandbox.Sandbox;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A run's metrics reach a Prometheus Pushgateway (an in-process HTTP listener standing in
 * for one) when {@code management.prometheus.metrics.export.pushgateway.*} is set:
 * grouped by sync, pushed whole once the run ends, with the row, request and Spring Batch
 * series the dashboard reads.
 */
class PushgatewayIntegrationTests {

	@RegisterExtension
	static final Sandbox sandbox = new Sandbox("metrics-key");

	private HttpServer gateway;

	private final List<Push> pushes = new CopyOnWriteArrayList<>();

	record Push(String method, String path, String body) {
	}

	@BeforeEach
	void startGateway() throws IOException {
		this.gateway = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		this.gateway.createContext("/", (exchange) -> {
			this.pushes.add(new Push(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
					new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)));
			exchange.sendResponseHeaders(200, -1);
			exchange.close();
		});
		this.gateway.start();
	}

	@AfterEach
	void stopGateway() {
		this.gateway.stop(0);
	}

	@Test
	void aRunPushesItsRowsRequestsAndBatchSeriesGroupedBySync() {
		String pushgateway = "--management.prometheus.metrics.export.pushgateway.";
		InProcessCli.Result run = InProcessCli
			.run("run groobee-demo --sandbox --param runDate=2026-11-21" + " --spring.datasource.url=jdbc:h2:mem:push-"
					+ UUID.randomUUID() + ";DB_CLOSE_DELAY=-1 " + pushgateway + "enabled=true " + pushgateway
					+ "address=127.0.0.1:" + this.gateway.getAddress().getPort() + " " + pushgateway + "format=text");
		assertThat(run.code()).as(run.out() + run.err()).isZero();

		// the last push replaces the group with the run's final figures
		assertThat(this.pushes).isNotEmpty();
		Push last = this.pushes.get(this.pushes.size() - 1);
		assertThat(last.method()).isEqualTo("PUT");
		assertThat(last.path()).isEqualTo("/metrics/job/audience-sync/sync/groobee-demo");
		assertThat(last.body()).contains("audience_sync_rows_read_total{sync=\"groobee-demo\"} 15.0")
			.contains("audience_sync_rows_total{destination=\"groobee/personalizations\",outcome=\"delivered\","
					+ "sync=\"groobee-demo\"} 10.0")
			.contains("audience_sync_rows_total{destination=\"groobee/personalizations\",outcome=\"rejected\","
					+ "sync=\"groobee-demo\"} 5.0")
			// 9 requests: the refused row isolated by bisection
			.containsPattern(
					"audience_sync_requests_seconds_count\\{endpoint=\"personalizations\",outcome=\"delivered\","
							+ "vendor=\"groobee\"} 4\\b")
			.containsPattern(
					"audience_sync_requests_seconds_count\\{endpoint=\"personalizations\",outcome=\"rejected\","
							+ "vendor=\"groobee\"} 5\\b")
			.containsPattern("spring_batch_job_seconds_count\\{error=\"none\",spring_batch_job_name=\"groobee-demo\","
					+ "spring_batch_job_status=\"COMPLETED\"} 1\\b")
			// items are not observed one by one (a cost per row)
			.doesNotContain("spring_batch_item_read")
			// no personal data in a label
			.doesNotContain("010-");
	}

	@Test
	void everySeriesTheDashboardReadsIsPushed() throws IOException {
		// given a vendor that answers 503 twice and a rate limit, so retries and waits
		// are counted too
		sandbox.emulator("hackle").failNextWithHttpStatus(2, 503, null);
		String hackle = sandbox.server()
			.clientProperties("hackle")
			.entrySet()
			.stream()
			.map((entry) -> " --" + entry.getKey() + "=" + entry.getValue())
			.collect(Collectors.joining());
		InProcessCli.Result run = InProcessCli.run("run hackle-properties --param runDate=2026-11-21" + hackle
				+ " --audience-sync.destinations.hackle.rate-limit.requests=1000"
				+ " --audience-sync.destinations.hackle.rate-limit.window=1s --audience-sync.retry.sleep=false"
				+ pushing());
		assertThat(run.code()).as(run.out() + run.err()).isZero();
		String pushed = this.pushes.get(this.pushes.size() - 1).body();
		assertThat(pushed).contains("audience_sync_retries_total{endpoint=\"properties\",reason=\"unavailable\","
				+ "vendor=\"hackle\"} 2.0");

		// when the dashboard's queries are read
		JsonNode dashboard = JsonMapper.builder().build().readTree(Files.readString(Path.of("k8s/dashboard.json")));
		Set<String> series = new TreeSet<>();
		for (JsonNode panel : dashboard.get("panels")) {
			for (JsonNode target : panel.get("targets")) {
				Matcher names = Pattern.compile("\\b(?:audience_sync|spring_batch|jvm)_\\w+(?=[{\\[])")
					.matcher(target.get("expr").asString());
				while (names.find()) {
					series.add(names.group());
				}
			}
		}

		// then each series they read is one the run pushed
		assertThat(series).hasSizeGreaterThan(8)
			.allSatisfy((name) -> assertThat(pushed).as(name).containsPattern("(?m)^" + name + "[{ ]"));
	}

	private String pushing() {
		String pushgateway = " --management.prometheus.metrics.export.pushgateway.";
		return " --spring.datasource.url=jdbc:h2:mem:push-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1" + pushgateway
				+ "enabled=true" + pushgateway + "address=127.0.0.1:" + this.gateway.getAddress().getPort()
				+ pushgateway + "format=text";
	}

}
