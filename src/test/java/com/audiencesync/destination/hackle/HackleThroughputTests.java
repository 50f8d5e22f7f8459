package com.audiencesync.destination.hackle;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import com.audiencesync.IntegrationTest;
import com.audiencesync.TestExtracts;
import com.audiencesync.batch.launch.RunOutcome;
import com.audiencesync.batch.launch.SyncLauncher;
import com.audiencesync.batch.run.RunOptions;
import com.audiencesync.destination.Connection;
import com.audiencesync.destination.DeliveryOutcome;
import com.audiencesync.destination.Endpoint;
import com.audiencesync.destination.MappedRow;
import com.audiencesync.destination.RateLimitProperties;
import com.audiencesync.destination.RateLimiter;
import com.audiencesync.destination.RetryProperties;
import com.audiencesync.destination.VendorContext;
import com.audiencesync.destination.hackle.emulator.HackleEmulator;
import com.audiencesync.sandbox.SandboxServer;
import com.audiencesync.spec.SpecLoader;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClientBuilder;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.http.io.entity.StringEntity;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Hackle throughput on loopback, in three layers measured in one run: the floor (the JDK
 * HTTP client alone, as many threads as requests in flight), the endpoint (request
 * mapping, JSON, RestClient, outcome) and the whole job (read, map, deliver, commit). Run
 * with {@code ./mvnw test -Pbenchmark}; it prints the figures and the ratios.
 */
@Tag("benchmark")
@IntegrationTest
class HackleThroughputTests {

	static final String KEY = "bench-key";

	static final int REQUESTS = 20_000;

	static final int IN_FLIGHT = Integer.getInteger("bench.in-flight", 32);

	@Autowired
	SyncLauncher launcher;

	@TempDir
	Path dir;

	@Test
	void requestsPerSecond() throws Exception {
		try (SandboxServer sandbox = SandboxServer.start("127.0.0.1", 0, KEY)) {
			URI base = sandbox.baseUrl("hackle");
			// warm up each layer, then measure
			floor(base, 2_000);
			double floor = floor(base, REQUESTS);
			endpoint(base, 2_000);
			double endpoint = endpoint(base, REQUESTS);
			job(base, sandbox, 2_000);
			sandbox.emulator("hackle", HackleEmulator.class).reset();
			double job = job(base, sandbox, REQUESTS);
			// the floor again, warm: the better of the two is the floor
			floor = Math.max(floor, floor(base, REQUESTS));
			System.out.printf("hackle loopback, %d requests, %d in flight:%n", REQUESTS, IN_FLIGHT);
			System.out.printf("  floor (HttpClient 5 alone)     %8.0f requests/s%n", floor);
			System.out.printf("  endpoint (HackleEndpoint)      %8.0f requests/s  %.2f of the floor%n", endpoint,
					endpoint / floor);
			System.out.printf("  job (read, map, send, commit)  %8.0f requests/s  %.2f of the floor%n", job,
					job / floor);
			assertThat(sandbox.emulator("hackle", HackleEmulator.class).maxInFlight()).isLessThanOrEqualTo(IN_FLIGHT);
		}
	}

	/**
	 * The same HTTP client the endpoints use (Apache HttpClient 5, pooled), posting a
	 * ready-made body: what loopback and the emulator allow before any of our code.
	 */
	private double floor(URI base, int requests) throws Exception {
		try (CloseableHttpClient client = HttpClientBuilder.create()
			.setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
				.setMaxConnTotal(IN_FLIGHT)
				.setMaxConnPerRoute(IN_FLIGHT)
				.build())
			.build()) {
			String uri = base + "/v1/properties";
			return parallel(requests, (i) -> {
				HttpPost post = new HttpPost(uri);
				post.setHeader("X-HACKLE-API-KEY", KEY);
				post.setEntity(
						new StringEntity("{\"userId\":\"f-" + i + "\",\"operations\":{\"$set\":{\"grade\":\"GOLD\"}}}",
								ContentType.APPLICATION_JSON));
				int status = client.execute(post, (response) -> {
					EntityUtils.consume(response.getEntity());
					return response.getCode();
				});
				assertThat(status).isEqualTo(200);
			});
		}
	}

	@SuppressWarnings("unchecked")
	private double endpoint(URI base, int requests) throws Exception {
		Endpoint<Object> endpoint = (Endpoint<Object>) new HackleVendor().create(HackleEndpoints.PROPERTIES,
				new VendorContext() {

					@Override
					public Connection connection() {
						return new Connection("hackle", base, KEY, Duration.ofSeconds(5), Duration.ofSeconds(10));
					}

					@Override
					public RetryProperties retry() {
						return RetryProperties.defaults();
					}

					@Override
					public <T> T settings(Class<T> type) {
						return type.cast(new HackleProperties(IN_FLIGHT, null));
					}

					@Override
					public RateLimiter rateLimiter(RateLimitProperties limit) {
						return RateLimiter.NONE;
					}

				});
		return parallel(requests, (i) -> {
			MappedRow row = MappedRow.of(Map.of("userId", "e-" + i), Map.of("grade", "GOLD"), "id");
			DeliveryOutcome outcome = endpoint.send(List.of(endpoint.toRequest(row)));
			assertThat(outcome).isInstanceOf(DeliveryOutcome.Delivered.class);
		});
	}

	private double job(URI base, SandboxServer sandbox, int requests) {
		List<String> lines = new ArrayList<>();
		lines.add("user_id,grade");
		for (int i = 0; i < requests; i++) {
			lines.add("j-" + i + ",GOLD");
		}
		TestExtracts.write(this.dir.resolve("users-" + requests + ".csv"), String.join("\n", lines) + "\n");
		String name = "hackle-bench-" + UUID.randomUUID().toString().substring(0, 8);
		var spec = new SpecLoader().load(TestExtracts.write(this.dir.resolve(name + ".yml"), """
				name: %s
				source: { type: file, path: users-%d.csv, format: csv }
				mapping:
				  fields: { userId: user_id }
				  properties: { columns: [grade] }
				destination: { vendor: hackle, endpoint: properties }
				chunk: 2000
				""".formatted(name, requests)));
		long start = System.nanoTime();
		RunOutcome outcome = this.launcher.run(spec, LocalDate.of(2026, 11, 22),
				new RunOptions(sandbox.clientProperties("hackle")));
		double seconds = (System.nanoTime() - start) / 1e9;
		assertThat(outcome.report().delivered()).isEqualTo(requests);
		assertThat(sandbox.emulator("hackle", HackleEmulator.class).applied()).hasSizeGreaterThanOrEqualTo(requests);
		return requests / seconds;
	}

	/** Runs {@code requests} calls on {@link #IN_FLIGHT} threads; requests per second. */
	private static double parallel(int requests, Call call) throws Exception {
		ExecutorService threads = Executors.newFixedThreadPool(IN_FLIGHT);
		AtomicInteger next = new AtomicInteger();
		long start = System.nanoTime();
		List<Future<?>> futures = new ArrayList<>();
		for (int t = 0; t < IN_FLIGHT; t++) {
			futures.add(threads.submit(() -> {
				int i;
				while ((i = next.getAndIncrement()) < requests) {
					call.run(i);
				}
				return null;
			}));
		}
		for (Future<?> future : futures) {
			future.get();
		}
		double seconds = (System.nanoTime() - start) / 1e9;
		threads.shutdown();
		return requests / seconds;
	}

	@FunctionalInterface
	interface Call {

		void run(int i) throws Exception;

	}

}
