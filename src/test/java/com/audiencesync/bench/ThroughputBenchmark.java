package com.audiencesync.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

import com.audiencesync.ChildJvm;
import com.audiencesync.crypto.Keysets;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Throughput against the floor of this machine, measured in one run: the sink's own
 * capacity, a bare sender doing only the irreducible work (gunzip, parse each line, build
 * 1,000-row requests, serialise, POST over keep-alive; one thread per file) for Groobee
 * personalizations and Marketap profiles, then audience-sync end to end to each as its
 * own JVM (H2 file repository, and MariaDB when {@code bench.mysql} names one), a first
 * night and a night with 1% of the rows changed. Prints a table and writes it as JSON to
 * {@code target/bench/throughput.json}.
 * {@code ./mvnw test -Pbenchmark -Dtest=ThroughputBenchmark [-Dbench.rows=1000000]
 * [-Dbench.mysql=jdbc:mysql://127.0.0.1:3306/] [-Dbench.h2=false] [-Dbench.vendors=groobee,marketap]
 * [-Dbench.chunk=10000] [-Dbench.memo=both]}: {@code bench.chunk} sets the spec's
 * {@code chunk} (default: a request's rows); {@code bench.memo} measures the nights with
 * a line memo kept between them ({@code audience-sync.state.memo-dir}): {@code both}
 * (without, then with), {@code true} (with only) or {@code false} (the default: without).
 */
@Tag("benchmark")
class ThroughputBenchmark {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@Test
	void audienceSyncAgainstTheFloorOfThisMachine() throws Exception {
		long rows = Long.parseLong(System.getProperty("bench.rows", "1000000"));
		Path work = Path.of("target/bench");
		Files.createDirectories(work);
		Path extracts = MemoryBenchmark.extracts(work, rows);
		// the runs start as a pod's do: plain jars and the image's class data sharing
		// archive (-Dbench.image=false: the test classpath, no archive)
		ImageLayout image = "false".equals(System.getProperty("bench.image")) ? null : ImageLayout.make(work);
		AtomicLong received = new AtomicLong();
		HttpServer sink = MemoryBenchmark.sink(received);
		String url = "http://127.0.0.1:" + sink.getAddress().getPort();
		Map<String, Object> results = new LinkedHashMap<>();
		List<String> table = new ArrayList<>();
		try {
			double sinkRows = sinkCapacity(url);
			double groobeeFloor = bestOf(2, () -> bareSender(extracts, url, rows, Vendor.GROOBEE));
			results.put("sinkCapacityRowsPerSecond", Math.round(sinkRows));
			results.put("floorRowsPerSecond", Math.round(groobeeFloor));
			table.add(String.format("%-58s %12s %8s", "what", "rows/s", "/floor"));
			table.add(String.format("%-58s %12.0f %8s", "sink capacity (1,000-row requests, 2 threads)", sinkRows, ""));
			table.add(String.format("%-58s %12.0f %8.2f", "floor: bare sender, groobee, one thread per file",
					groobeeFloor, 1.0));
			// the same work as a process of its own, timed as audience-sync's runs are
			double coldFloor = bareSenderProcess(work, extracts, url, rows, Vendor.GROOBEE);
			results.put("floorOwnJvmRowsPerSecond", Math.round(coldFloor));
			table.add(String.format("%-58s %12.0f %8.2f", "floor: the same, its own JVM, start-up included", coldFloor,
					coldFloor / groobeeFloor));
			List<String> repositories = new ArrayList<>();
			if (!"false".equals(System.getProperty("bench.h2"))) {
				repositories.add("h2");
			}
			if (System.getProperty("bench.mysql") != null) {
				repositories.add("mysql");
			}
			Path changed = changed(work, extracts, rows);
			for (Vendor vendor : vendors()) {
				double floor = (vendor == Vendor.GROOBEE) ? groobeeFloor
						: bestOf(2, () -> bareSender(extracts, url, rows, vendor));
				if (vendor != Vendor.GROOBEE) {
					table.add(String.format("%-58s %12.0f %8.2f", "floor: bare sender, " + vendor.id, floor, 1.0));
					results.put(vendor.id + "FloorRowsPerSecond", Math.round(floor));
				}
				for (String variant : variants(repositories)) {
					boolean memo = variant.endsWith("+memo");
					String repository = memo ? variant.substring(0, variant.length() - "+memo".length()) : variant;
					String job = "throughput-" + vendor.id + "-" + rows + "-" + System.nanoTime();
					String what = vendor.id + ", " + repository + (memo ? ", line memo" : "");
					String key = jsonKey(vendor.id, repository) + (memo ? "Memo" : "");
					List<String> settings = new ArrayList<>(repository(work, repository));
					if (memo) {
						Path memos = work.resolve("memos-" + job);
						settings.add("--audience-sync.state.memo-dir=" + memos.toAbsolutePath());
					}
					long before = received.get();
					Night firstNight = run(image, work, spec(work, job, extracts, vendor), url, settings, "2026-11-01",
							rows);
					double first = firstNight.rowsPerSecond();
					long firstRequests = received.get() - before;
					table.add(String.format("%-58s %12.0f %8.2f", "audience-sync, first night, " + what, first,
							first / floor));
					table.add(firstNight.cores());
					table.add(steps(settings));
					results.put(key + "FirstNightRunCores", Math.round(firstNight.runCores() * 100) / 100.0);
					results.put(key + "FirstNightPeakRssMib", firstNight.peakRssKib() / 1024);
					if (!Double.isNaN(firstNight.serverCores())) {
						results.put(key + "FirstNightServerCores", Math.round(firstNight.serverCores() * 100) / 100.0);
					}
					if (vendor == Vendor.GROOBEE) {
						table.add(String.format("    %.2f of the floor as its own JVM", first / coldFloor));
						results.put(key + "FirstNightRatioOwnJvm", Math.round(first / coldFloor * 100) / 100.0);
					}
					results.put(key + "FirstNightRowsPerSecond", Math.round(first));
					results.put(key + "FirstNightRatio", Math.round(first / floor * 100) / 100.0);
					before = received.get();
					Night nextNight = run(image, work, spec(work, job, changed, vendor), url, settings, "2026-11-02",
							rows);
					double next = nextNight.rowsPerSecond();
					long nextRequests = received.get() - before;
					table.add(String.format("%-58s %12.0f %8.2f", "audience-sync, next night, 1% changed, " + what,
							next, next / floor));
					table.add(String.format("    time %.2f of the first night's, requests %d of %d (%.3f)",
							first / next, nextRequests, firstRequests, (double) nextRequests / firstRequests));
					table.add(nextNight.cores());
					table.add(steps(settings));
					results.put(key + "NextNightRunCores", Math.round(nextNight.runCores() * 100) / 100.0);
					results.put(key + "NextNightPeakRssMib", nextNight.peakRssKib() / 1024);
					if (!Double.isNaN(nextNight.serverCores())) {
						results.put(key + "NextNightServerCores", Math.round(nextNight.serverCores() * 100) / 100.0);
					}
					results.put(key + "NextNightRowsPerSecond", Math.round(next));
					results.put(key + "NextNightTimeShare", Math.round(first / next * 100) / 100.0);
					results.put(key + "NextNightRequestShare",
							Math.round((double) nextRequests / firstRequests * 1000) / 1000.0);
					if (memo) {
						long bytes;
						try (var files = Files.list(work.resolve("memos-" + job))) {
							bytes = files.mapToLong((file) -> file.toFile().length()).sum();
						}
						table.add(String.format("    line memo on local disk: %d MB, %.1f bytes a row", bytes >> 20,
								(double) bytes / rows));
						results.put(key + "MemoBytesPerRow", Math.round((double) bytes / rows * 10) / 10.0);
					}
					if ("mysql".equals(repository)) {
						long[] sizes = stateAndPool(settings.get(0).substring("--spring.datasource.url=".length()));
						table.add(String.format("    AS_SYNC_KEY %d MB, innodb_buffer_pool_size %d MB", sizes[0] >> 20,
								sizes[1] >> 20));
						results.put(key + "StateMegabytes", sizes[0] >> 20);
						results.put(key + "BufferPoolMegabytes", sizes[1] >> 20);
					}
				}
			}
			// the same rows with no per-key state: events are never skipped, so the
			// sync state is neither read nor written (-Dbench.stateless=false: left out)
			if (!"false".equals(System.getProperty("bench.stateless"))) {
				for (String repository : repositories) {
					String job = "throughput-events-" + rows + "-" + System.nanoTime();
					List<String> settings = repository(work, repository);
					Night night = run(image, work, spec(work, job, extracts, Vendor.MARKETAP_EVENTS), url, settings,
							"2026-11-01", rows);
					String key = jsonKey("marketapEventsNoState", repository);
					table.add(String.format("%-58s %12.0f %8.2f",
							"audience-sync, no per-key state (marketap events), " + repository, night.rowsPerSecond(),
							night.rowsPerSecond() / groobeeFloor));
					table.add(String.format("    %.2f of the floor as its own JVM", night.rowsPerSecond() / coldFloor));
					table.add(night.cores());
					results.put(key + "RowsPerSecond", Math.round(night.rowsPerSecond()));
					results.put(key + "RatioOwnJvm", Math.round(night.rowsPerSecond() / coldFloor * 100) / 100.0);
					if ("mysql".equals(repository)) {
						stateAndPool(settings.get(0).substring("--spring.datasource.url=".length()));
					}
				}
			}
		}
		finally {
			sink.stop(0);
		}
		System.out.println("throughput, " + rows + " rows in two gzip JSONL files, 2 cores:");
		table.forEach(System.out::println);
		Files.write(work.resolve("throughput.txt"), table);
		Files.writeString(work.resolve("throughput.json"),
				JSON.writerWithDefaultPrettyPrinter().writeValueAsString(results));
	}

	@FunctionalInterface
	interface Measure {

		double rowsPerSecond() throws Exception;

	}

	private static double bestOf(int times, Measure measure) throws Exception {
		double best = 0;
		for (int i = 0; i < times; i++) {
			best = Math.max(best, measure.rowsPerSecond());
		}
		return best;
	}

	/** What the sink takes: the same 1,000-row body sent over and over for 5 s. */
	private static double sinkCapacity(String url) throws Exception {
		ArrayNode rows = JSON.createArrayNode();
		for (int i = 0; i < 1000; i++) {
			ObjectNode row = rows.addObject();
			row.put("memberId", "m-" + i);
			row.put("phoneNumber", "010-0000-" + String.format("%04d", i));
			row.putObject("properties").put("grade", "GOLD").put("city", "Seoul").put("points", i);
		}
		byte[] body = JSON.writeValueAsBytes(rows);
		HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
		long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
		AtomicLong requests = new AtomicLong();
		ExecutorService threads = Executors.newFixedThreadPool(2);
		List<Future<?>> done = new ArrayList<>();
		for (int t = 0; t < 2; t++) {
			done.add(threads.submit(() -> {
				while (System.nanoTime() < end) {
					post(client, url + Vendor.GROOBEE.path, body);
					requests.incrementAndGet();
				}
				return null;
			}));
		}
		for (Future<?> each : done) {
			each.get();
		}
		threads.shutdown();
		return requests.get() * 1000 / 5.0;
	}

	/**
	 * The irreducible work: each file on a thread of its own, gunzipped, each line
	 * parsed, 1,000 rows a request built as Groobee takes it, serialised and posted.
	 */
	private static double bareSender(Path extracts, String url, long rows, Vendor vendor) throws Exception {
		HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
		List<Path> files;
		try (Stream<Path> listed = Files.list(extracts)) {
			files = listed.filter((file) -> file.toString().endsWith(".jsonl.gz")).sorted().toList();
		}
		ExecutorService threads = Executors.newFixedThreadPool(files.size());
		long start = System.nanoTime();
		List<Future<Long>> sent = new ArrayList<>();
		for (Path file : files) {
			sent.add(threads.submit(() -> {
				long count = 0;
				try (BufferedReader in = new BufferedReader(new InputStreamReader(
						new GZIPInputStream(Files.newInputStream(file), 1 << 16), StandardCharsets.UTF_8), 1 << 16)) {
					ArrayNode batch = JSON.createArrayNode();
					String line;
					while ((line = in.readLine()) != null) {
						JsonNode source = JSON.readTree(line);
						ObjectNode row = batch.addObject();
						if (vendor == Vendor.GROOBEE) {
							row.put("memberId", source.get("member_id").asString());
							row.put("phoneNumber", source.get("phone").asString());
						}
						else {
							row.put("user_id", source.get("member_id").asString());
						}
						row.putObject("properties")
							.put("grade", source.get("grade").asString())
							.put("city", source.get("city").asString())
							.put("points", source.get("points").asLong());
						if (batch.size() == 1000) {
							post(client, url + vendor.path, vendor.body(batch));
							count += batch.size();
							batch = JSON.createArrayNode();
						}
					}
					if (!batch.isEmpty()) {
						post(client, url + vendor.path, vendor.body(batch));
						count += batch.size();
					}
				}
				return count;
			}));
		}
		long total = 0;
		for (Future<Long> each : sent) {
			total += each.get();
		}
		threads.shutdown();
		double seconds = (System.nanoTime() - start) / 1e9;
		if (total != rows) {
			throw new IllegalStateException("the bare sender sent " + total + " of " + rows + " rows");
		}
		return rows / seconds;
	}

	/**
	 * The bare sender as a process of its own ({@link #main}), timed from its start to
	 * its end, as {@link #run} times audience-sync: rows per second.
	 */
	private static double bareSenderProcess(Path work, Path extracts, String url, long rows, Vendor vendor)
			throws Exception {
		Path log = work.resolve("bare-sender.log");
		long start = System.nanoTime();
		Process process = ChildJvm.start(ThroughputBenchmark.class, List.of(),
				List.of(extracts.toString(), url, Long.toString(rows), vendor.name()), log, null);
		if (!process.waitFor(1, TimeUnit.HOURS) || process.exitValue() != 0) {
			throw new IllegalStateException("the bare sender failed: " + Files.readString(log));
		}
		return rows / ((System.nanoTime() - start) / 1e9);
	}

	/**
	 * The compiler thresholds the image's {@code java} runs with (Dockerfile,
	 * ENTRYPOINT): the runs are timed as a pod runs them.
	 */
	static List<String> imageJitOptions() throws IOException {
		String entrypoint = Files.readString(Path.of("Dockerfile")).split("ENTRYPOINT", 2)[1].split("\\]", 2)[0];
		List<String> options = java.util.regex.Pattern.compile("\"(-XX:Tier4[^\"]+)\"")
			.matcher(entrypoint)
			.results()
			.map((match) -> match.group(1))
			.toList();
		if (options.isEmpty()) {
			throw new IllegalStateException("no -XX:Tier4 option in the Dockerfile's ENTRYPOINT");
		}
		return options;
	}

	/** The bare sender alone: {@code <extracts> <sink url> <rows> <GROOBEE|MARKETAP>}. */
	public static void main(String[] args) throws Exception {
		bareSender(Path.of(args[0]), args[1], Long.parseLong(args[2]), Vendor.valueOf(args[3]));
	}

	private static void post(HttpClient client, String url, byte[] body) throws IOException, InterruptedException {
		HttpResponse<Void> response = client.send(HttpRequest.newBuilder(URI.create(url))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofByteArray(body))
			.build(), HttpResponse.BodyHandlers.discarding());
		if (response.statusCode() != 200) {
			throw new IllegalStateException("the sink answered " + response.statusCode());
		}
	}

	/** The extracts with 1% of the rows changed (every hundredth member's grade). */
	private static Path changed(Path work, Path extracts, long rows) throws IOException {
		Path folder = work.resolve("extract-" + rows + "-1pct");
		if (Files.exists(folder.resolve("done"))) {
			return folder;
		}
		Files.createDirectories(folder);
		try (Stream<Path> files = Files.list(extracts)) {
			for (Path file : files.filter((each) -> each.toString().endsWith(".jsonl.gz")).toList()) {
				try (BufferedReader in = new BufferedReader(
						new InputStreamReader(new GZIPInputStream(Files.newInputStream(file)), StandardCharsets.UTF_8));
						java.io.Writer out = new java.io.OutputStreamWriter(
								new java.util.zip.GZIPOutputStream(
										Files.newOutputStream(folder.resolve(file.getFileName())), 1 << 16),
								StandardCharsets.UTF_8)) {
					String line;
					long i = 0;
					while ((line = in.readLine()) != null) {
						out.write(((i++ % 100) == 0) ? line.replace("\"GOLD\"", "\"SILVER\"") : line);
						out.write('\n');
					}
				}
			}
		}
		Files.writeString(folder.resolve("done"), "");
		return folder;
	}

	private static Path spec(Path work, String job, Path extracts, Vendor vendor) throws IOException {
		return Files.writeString(work.resolve(job + "-" + extracts.getFileName() + ".yml"), """
				name: %s
				source: { type: file, path: %s, format: jsonl, include: "*.jsonl.gz" }
				mapping:
				  fields:
				%s
				  properties:
				    columns: [grade, city]
				    fields:
				      points: { column: points, type: integer }
				destination: { vendor: %s, endpoint: %s }
				concurrency: 2
				%s
				""".formatted(job, extracts.getFileName(), vendor.fields, vendor.id, vendor.endpoint,
				(System.getProperty("bench.chunk") != null) ? "chunk: " + System.getProperty("bench.chunk") : ""));
	}

	/** A JSON key's start: {@code groobeeMysql}, {@code marketapEventsNoStateH2}. */
	/**
	 * The repositories measured, each without a line memo, with one, or both
	 * ({@code bench.memo}): {@code h2}, {@code h2+memo}.
	 */
	private static List<String> variants(List<String> repositories) {
		String memo = System.getProperty("bench.memo", "false");
		List<String> variants = new ArrayList<>();
		for (String repository : repositories) {
			if (!"true".equals(memo)) {
				variants.add(repository);
			}
			if ("true".equals(memo) || "both".equals(memo)) {
				variants.add(repository + "+memo");
			}
		}
		return variants;
	}

	private static String jsonKey(String what, String repository) {
		return what + Character.toUpperCase(repository.charAt(0)) + repository.substring(1);
	}

	/** The vendors measured: {@code bench.vendors} (default both). */
	private static List<Vendor> vendors() {
		return java.util.Arrays.stream(System.getProperty("bench.vendors", "groobee,marketap").split(","))
			.map((id) -> Vendor.valueOf(id.strip().toUpperCase(java.util.Locale.ROOT)))
			.toList();
	}

	/** A bulk endpoint of 1,000 rows a request, as the benchmark sends to it. */
	enum Vendor {

		GROOBEE("groobee", "personalizations", "/personalizations",
				"    memberId: member_id\n    phoneNumber: { column: phone, type: phone }"),
		MARKETAP("marketap", "profiles", "/v1/api/profile/user?project_id=bench", "    userId: member_id"),
		/** Events: never compared with a sync state (no floor of its own is measured). */
		MARKETAP_EVENTS("marketap", "events", "/v1/api/event?project_id=bench",
				"    userId: member_id\n    eventName: { constant: purchase }");

		final String id;

		final String endpoint;

		final String path;

		final String fields;

		Vendor(String id, String endpoint, String path, String fields) {
			this.id = id;
			this.endpoint = endpoint;
			this.path = path;
			this.fields = fields;
		}

		/** The request body of a batch of rows, as the vendor takes it. */
		byte[] body(ArrayNode batch) {
			if (this == GROOBEE) {
				return JSON.writeValueAsBytes(batch);
			}
			ObjectNode body = JSON.createObjectNode();
			body.set("profiles", batch);
			return JSON.writeValueAsBytes(body);
		}

	}

	/** A fresh job repository of that kind, with keysets for MariaDB. */
	private static List<String> repository(Path work, String kind) throws IOException {
		if ("h2".equals(kind)) {
			return List.of("--spring.datasource.url=jdbc:h2:file:" + work.toAbsolutePath() + "/repo-"
					+ System.nanoTime() + "/repo;WRITE_DELAY=0");
		}
		Path hmac = Files.writeString(work.resolve("hmac-" + System.nanoTime() + ".json"), Keysets.create("hmac"));
		Path aead = Files.writeString(work.resolve("aead-" + System.nanoTime() + ".json"), Keysets.create("aead"));
		return List.of(
				"--spring.datasource.url=" + System.getProperty("bench.mysql") + "bench_" + System.nanoTime()
						+ "?createDatabaseIfNotExist=true",
				"--spring.datasource.username=root", "--audience-sync.keysets.hmac.file=" + hmac,
				"--audience-sync.keysets.aead.file=" + aead);
	}

	/**
	 * The steps of the last execution in that repository, by kind ({@code plan},
	 * {@code merge}, {@code sync}, {@code snapshot}): each from its first step's start to
	 * its last one's end.
	 */
	private static String steps(List<String> settings) {
		String url = settings.get(0).substring("--spring.datasource.url=".length());
		boolean h2 = url.startsWith("jdbc:h2:");
		Map<String, java.time.LocalDateTime[]> spans = new LinkedHashMap<>();
		try (java.sql.Connection connection = java.sql.DriverManager.getConnection(url, h2 ? "sa" : "root", "");
				java.sql.Statement statement = connection.createStatement();
				java.sql.ResultSet steps = statement.executeQuery("SELECT STEP_NAME, START_TIME, END_TIME FROM "
						+ "BATCH_STEP_EXECUTION WHERE JOB_EXECUTION_ID = (SELECT MAX(JOB_EXECUTION_ID) FROM "
						+ "BATCH_JOB_EXECUTION) ORDER BY STEP_EXECUTION_ID")) {
			while (steps.next()) {
				String name = steps.getString(1);
				String kind = name.contains(":") ? name.substring(0, name.indexOf(':')) : name;
				if (kind.equals("deliver") || steps.getTimestamp(2) == null || steps.getTimestamp(3) == null) {
					continue;
				}
				java.time.LocalDateTime start = steps.getTimestamp(2).toLocalDateTime();
				java.time.LocalDateTime end = steps.getTimestamp(3).toLocalDateTime();
				spans.merge(kind, new java.time.LocalDateTime[] { start, end },
						(a, b) -> new java.time.LocalDateTime[] { a[0].isBefore(b[0]) ? a[0] : b[0],
								a[1].isAfter(b[1]) ? a[1] : b[1] });
			}
		}
		catch (java.sql.SQLException ex) {
			return "    steps: not read (" + ex.getMessage() + ")";
		}
		StringBuilder line = new StringBuilder("    steps:");
		spans.forEach((kind, span) -> line
			.append(String.format(" %s %.1f s,", kind, Duration.between(span[0], span[1]).toMillis() / 1000.0)));
		return line.substring(0, line.length() - 1);
	}

	/**
	 * The size of the sync state the runs left in that MySQL database, and the server's
	 * buffer pool (a state larger than the pool makes every key a disk read); then the
	 * database is dropped, so that the benchmark leaves nothing behind.
	 */
	private static long[] stateAndPool(String url) throws java.sql.SQLException {
		try (java.sql.Connection connection = java.sql.DriverManager.getConnection(url, "root", "");
				java.sql.Statement statement = connection.createStatement()) {
			try {
				statement.execute("ANALYZE TABLE AS_SYNC_KEY");
				try (java.sql.ResultSet sizes = statement.executeQuery(
						"SELECT (SELECT DATA_LENGTH + INDEX_LENGTH FROM information_schema.TABLES WHERE TABLE_SCHEMA = "
								+ "DATABASE() AND TABLE_NAME = 'AS_SYNC_KEY'), @@innodb_buffer_pool_size")) {
					sizes.next();
					return new long[] { sizes.getLong(1), sizes.getLong(2) };
				}
			}
			finally {
				statement.execute("DROP DATABASE " + connection.getCatalog());
			}
		}
	}

	/**
	 * A night's figures.
	 *
	 * @param rowsPerSecond rows over the whole process's time
	 * @param runCores the run's CPU time over its wall time (sampled every 100 ms, so
	 * slightly under)
	 * @param serverCores the same for the MariaDB/MySQL server on this machine when it is
	 * the job repository, or NaN
	 */
	record Night(double rowsPerSecond, double runCores, double serverCores, long peakRssKib) {

		String cores() {
			return String.format("    cores busy (of %d): the run %.2f", Runtime.getRuntime().availableProcessors(),
					this.runCores)
					+ (Double.isNaN(this.serverCores) ? ""
							: String.format(", the job repository's server %.2f", this.serverCores))
					+ ((this.peakRssKib > 0) ? String.format("; the run's peak RSS %d MiB", this.peakRssKib / 1024)
							: "");
		}

	}

	/**
	 * One run as its own JVM, whole process timed, laid out as the image (or from the
	 * test classpath when {@code image} is null).
	 */
	private static Night run(ImageLayout image, Path work, Path spec, String url, List<String> settings, String date,
			long rows) throws Exception {
		List<String> args = new ArrayList<>(List.of("run", spec.toString(), "--param", "runDate=" + date,
				"--audience-sync.destinations.groobee.base-url=" + url,
				"--audience-sync.destinations.groobee.api-key=bench-key",
				"--audience-sync.destinations.marketap.base-url=" + url,
				"--audience-sync.destinations.marketap.api-key=bench-key",
				"--audience-sync.destinations.marketap.project-id=bench", "--logging.level.root=warn",
				"--logging.level.com.audiencesync=warn"));
		args.addAll(settings);
		long start = System.nanoTime();
		// the image's JIT settings; -Dbench.jvm="-XX:StartFlightRecording=..." adds more
		List<String> jvm = new ArrayList<>(imageJitOptions());
		if (image != null) {
			jvm.addAll(image.jvmOptions());
		}
		if (System.getProperty("bench.jvm") != null) {
			jvm.addAll(List.of(System.getProperty("bench.jvm").split(" ")));
		}
		boolean server = settings.stream().anyMatch((setting) -> setting.contains("jdbc:mysql:"));
		long serverBefore = server ? serverCpuNanos() : -1;
		Path log = work.resolve("throughput-" + date + ".log");
		Process process = (image != null) ? ChildJvm.start(image.classpath(),
				com.audiencesync.AudienceSyncApplication.class, jvm, args, log, null) : ChildJvm.start(jvm, args, log);
		Duration cpu = Duration.ZERO;
		long peakRss = -1;
		while (!process.waitFor(100, TimeUnit.MILLISECONDS)) {
			cpu = process.toHandle().info().totalCpuDuration().orElse(cpu);
			peakRss = Math.max(peakRss, peakRssKib(process.pid()));
			if (System.nanoTime() - start > TimeUnit.HOURS.toNanos(2)) {
				process.destroyForcibly();
				break;
			}
		}
		double seconds = (System.nanoTime() - start) / 1e9;
		if (process.exitValue() != 0) {
			throw new IllegalStateException(
					"the run failed: " + Files.readString(work.resolve("throughput-" + date + ".log")));
		}
		long serverAfter = server ? serverCpuNanos() : -1;
		double serverCores = (serverBefore < 0 || serverAfter < 0) ? Double.NaN
				: (serverAfter - serverBefore) / 1e9 / seconds;
		return new Night(rows / seconds, cpu.toNanos() / 1e9 / seconds, serverCores, peakRss);
	}

	/**
	 * A process's peak resident set so far ({@code VmHWM}, Linux), in KiB; -1 where it
	 * cannot be read.
	 */
	static long peakRssKib(long pid) {
		try {
			for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
				if (line.startsWith("VmHWM:")) {
					return Long.parseLong(line.replaceAll("[^0-9]", ""));
				}
			}
		}
		catch (IOException | RuntimeException ex) {
			// gone, or not Linux
		}
		return -1;
	}

	/**
	 * The CPU time so far of a MariaDB or MySQL server running on this machine, or -1
	 * when there is none.
	 */
	private static long serverCpuNanos() {
		return ProcessHandle.allProcesses()
			.filter((process) -> process.info()
				.command()
				.map((command) -> command.endsWith("/mariadbd") || command.endsWith("/mysqld"))
				.orElse(false))
			.findFirst()
			.flatMap((process) -> process.info().totalCpuDuration())
			.map(Duration::toNanos)
			.orElse(-1L);
	}

}
