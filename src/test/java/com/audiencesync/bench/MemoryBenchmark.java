package com.audiencesync.bench;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPOutputStream;

import com.audiencesync.ChildJvm;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Heap of a whole run against the row count: audience-sync runs as its own JVM with
 * {@code -Xmx256m} (a small pod) on two gzip JSONL extracts of valid profiles, to a
 * Groobee stand-in that answers {@code processCode 0} at once and keeps nothing, twice:
 * the first night sends every row, the second finds them unchanged in the sync state.
 * Prints rows, time, rows/s, the largest heap after a GC and the GC time of each run,
 * from the JVM's GC log. {@code ./mvnw test -Pbenchmark -Dtest=MemoryBenchmark
 * -Dbench.rows=1000000,10000000}.
 */
@Tag("benchmark")
class MemoryBenchmark {

	private static final Pattern AFTER_GC = Pattern.compile("->(\\d+)M\\(\\d+M\\) ([\\d.]+)ms");

	private static final Pattern AFTER_FULL_GC = Pattern
		.compile("Pause Full \\((?:System.gc\\(\\)|Diagnostic Command)\\) \\d+M->(\\d+)M");

	@Test
	void heapAfterGcStaysFlatFromOneToTenMillionRows() throws Exception {
		String rows = System.getProperty("bench.rows", "1000000");
		Path work = Path.of("target/bench");
		Files.createDirectories(work);
		AtomicLong received = new AtomicLong();
		HttpServer sink = sink(received);
		List<String> table = new ArrayList<>();
		table.add(String.format("%-11s %-6s %5s %9s %9s %12s %12s %14s %9s", "rows", "night", "exit", "seconds",
				"rows/s", "live median", "live max", "after any GC", "GC ms"));
		Map<Long, Long> liveMedians = new LinkedHashMap<>();
		try {
			for (String each : rows.split(",")) {
				long count = Long.parseLong(each.strip());
				Path data = extracts(work, count);
				Path spec = spec(work, count);
				Path repo = work.resolve("repo-" + count + "-" + System.nanoTime());
				for (int night = 1; night <= 2; night++) {
					Result result = run(work, spec, repo, sink.getAddress().getPort(), "2026-11-0" + night);
					table.add(String.format("%-11d %-6d %5d %9.1f %9.0f %10dMB %10dMB %12dMB %9.0f", count, night,
							result.exit(), result.seconds(), count / result.seconds(), result.medianLiveMb(),
							result.maxLiveMb(), result.maxAfterGcMb(), result.gcMillis()));
					if (night == 1) {
						liveMedians.put(count, result.medianLiveMb());
					}
					assertThat(result.exit()).as("exit of night %d at %d rows", night, count).isZero();
					// a leak of per-row state would fill the heap long before 10M rows
					assertThat(result.maxLiveMb()).as("live heap of night %d at %d rows", night, count).isLessThan(128);
				}
				assertThat(data).exists();
			}
		}
		finally {
			sink.stop(0);
		}
		if (liveMedians.size() > 1) {
			long first = liveMedians.keySet().iterator().next();
			long last = new ArrayList<>(liveMedians.keySet()).get(liveMedians.size() - 1);
			double ratio = (double) liveMedians.get(last) / liveMedians.get(first);
			table.add(String.format("live heap median, first night, %d rows / %d rows: %.2f (1.00 is flat)", last,
					first, ratio));
		}
		System.out.println("audience-sync at -Xmx256m, groobee stand-in, two gzip JSONL extracts (" + received.get()
				+ " requests received):");
		table.forEach(System.out::println);
		Files.write(work.resolve("memory.txt"), table);
	}

	/**
	 * One run: exit code, wall time, the largest heap left by a full GC (forced every 5
	 * s: the live set), the largest left by any GC, and the time in GC pauses.
	 */
	record Result(int exit, double seconds, long medianLiveMb, long maxLiveMb, long maxAfterGcMb, double gcMillis) {
	}

	static Result run(Path work, Path spec, Path repo, int port, String date) throws Exception {
		Path gc = work.resolve("gc-" + System.nanoTime() + ".log");
		long start = System.nanoTime();
		Process process = ChildJvm.start(List.of("-Xmx256m", "-Xlog:gc:file=" + gc),
				List.of("run", spec.toString(), "--param", "runDate=" + date,
						"--audience-sync.destinations.groobee.base-url=http://127.0.0.1:" + port,
						"--audience-sync.destinations.groobee.api-key=bench-key",
						"--spring.datasource.url=jdbc:h2:file:" + repo.toAbsolutePath() + "/repo",
						"--logging.level.root=warn", "--logging.level.com.audiencesync=warn"),
				work.resolve("run-" + date + ".log"));
		String jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd").toString();
		boolean done = false;
		for (long waited = 0; !done && waited < 4 * 3600; waited += 5) {
			done = process.waitFor(5, TimeUnit.SECONDS);
			if (!done) {
				// the live set: what a full collection leaves
				new ProcessBuilder(jcmd, String.valueOf(process.pid()), "GC.run").redirectErrorStream(true)
					.redirectOutput(ProcessBuilder.Redirect.DISCARD)
					.start()
					.waitFor(30, TimeUnit.SECONDS);
			}
		}
		double seconds = (System.nanoTime() - start) / 1e9;
		long max = 0;
		List<Long> live = new ArrayList<>();
		double gcMillis = 0;
		for (String line : Files.readAllLines(gc)) {
			Matcher matcher = AFTER_GC.matcher(line);
			if (matcher.find()) {
				max = Math.max(max, Long.parseLong(matcher.group(1)));
				gcMillis += Double.parseDouble(matcher.group(2));
			}
			Matcher full = AFTER_FULL_GC.matcher(line);
			if (full.find()) {
				live.add(Long.parseLong(full.group(1)));
			}
		}
		live.sort(null);
		long median = live.isEmpty() ? 0 : live.get(live.size() / 2);
		long maxLive = live.isEmpty() ? 0 : live.get(live.size() - 1);
		return new Result(done ? process.exitValue() : -1, seconds, median, maxLive, max, gcMillis);
	}

	/** Two gzip JSONL files of valid, distinct members, made once per row count. */
	static Path extracts(Path work, long rows) throws IOException {
		Path folder = work.resolve("extract-" + rows);
		if (Files.exists(folder.resolve("done"))) {
			return folder;
		}
		Files.createDirectories(folder);
		for (int file = 0; file < 2; file++) {
			try (BufferedWriter out = new BufferedWriter(new OutputStreamWriter(
					new GZIPOutputStream(Files.newOutputStream(folder.resolve("members-" + file + ".jsonl.gz")),
							1 << 16),
					StandardCharsets.UTF_8), 1 << 16)) {
				for (long i = file; i < rows; i += 2) {
					out.write("{\"member_id\":\"m-" + i + "\",\"phone\":\"010" + String.format("%08d", i)
							+ "\",\"grade\":\"GOLD\",\"points\":" + (i % 10_000) + ",\"city\":\"Seoul\"}\n");
				}
			}
		}
		Files.writeString(folder.resolve("done"), "");
		return folder;
	}

	private static Path spec(Path work, long rows) throws IOException {
		return spec(work.resolve("bench-" + rows + ".yml"), "memory-bench-" + rows,
				"{ type: file, path: extract-%d, format: jsonl, include: \"*.jsonl.gz\" }".formatted(rows));
	}

	/** A Groobee spec of the benchmark's members, read from that source. */
	static Path spec(Path file, String name, String source) throws IOException {
		return Files.writeString(file, """
				name: %s
				source: %s
				mapping:
				  fields:
				    memberId: member_id
				    phoneNumber: { column: phone, type: phone }
				  properties:
				    columns: [grade, city]
				    fields:
				      points: { column: points, type: integer }
				destination: { vendor: groobee, endpoint: personalizations }
				concurrency: 2
				""".formatted(name, source));
	}

	/** Answers every request processCode 0 after reading its body, keeping nothing. */
	static HttpServer sink(AtomicLong received) throws IOException {
		// without it, small answers wait for the client's delayed ACK (40 ms a request)
		System.setProperty("sun.net.httpserver.nodelay", "true");
		HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		byte[] ok = "{\"processCode\":\"0\",\"processValue\":true}".getBytes(StandardCharsets.UTF_8);
		server.createContext("/", (exchange) -> {
			try (InputStream in = exchange.getRequestBody()) {
				in.transferTo(java.io.OutputStream.nullOutputStream());
			}
			received.incrementAndGet();
			exchange.getResponseHeaders().set("Content-Type", "application/json");
			exchange.sendResponseHeaders(200, ok.length);
			exchange.getResponseBody().write(ok);
			exchange.close();
		});
		server.setExecutor(Executors.newFixedThreadPool(4));
		server.start();
		return server;
	}

}
