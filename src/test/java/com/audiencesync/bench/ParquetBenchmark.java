package com.audiencesync.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import com.audiencesync.bench.MemoryBenchmark.Result;
import com.sun.net.httpserver.HttpServer;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.example.ExampleParquetWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.LocalOutputFile;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.MessageTypeParser;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The same rows as two zstd Parquet files (row groups of parquet-java's default 128 MB)
 * and as two gzip JSONL files, each a first night of its own JVM at {@code -Xmx256m} to a
 * Groobee stand-in: prints rows/s of both, their ratio, and the live heap (what a full GC
 * leaves, forced every 5 s). {@code ./mvnw test -Pbenchmark -Dtest=ParquetBenchmark
 * -Dbench.rows=5000000}.
 */
@Tag("benchmark")
class ParquetBenchmark {

	private static final MessageType SCHEMA = MessageTypeParser.parseMessageType("""
			message members {
			  required binary member_id (STRING);
			  required binary phone (STRING);
			  required binary grade (STRING);
			  required int64 points;
			  required binary city (STRING);
			}
			""");

	@Test
	void parquetBesideGzipJsonLinesInA256MbHeap() throws Exception {
		long rows = Long.parseLong(System.getProperty("bench.rows", "5000000"));
		Path work = Path.of("target/bench");
		Files.createDirectories(work);
		MemoryBenchmark.extracts(work, rows);
		parquet(work, rows);
		AtomicLong received = new AtomicLong();
		HttpServer sink = MemoryBenchmark.sink(received);
		List<String> table = new ArrayList<>();
		table.add(String.format("%-8s %11s %5s %9s %9s %12s %12s %9s", "format", "rows", "exit", "seconds", "rows/s",
				"live median", "live max", "GC ms"));
		double[] rates = new double[2];
		try {
			String[] formats = { "jsonl", "parquet" };
			for (int i = 0; i < formats.length; i++) {
				Path spec = spec(work, rows, formats[i]);
				Path repo = work.resolve("repo-" + formats[i] + "-" + System.nanoTime());
				Result result = MemoryBenchmark.run(work, spec, repo, sink.getAddress().getPort(), "2026-11-01");
				rates[i] = rows / result.seconds();
				table
					.add(String.format("%-8s %11d %5d %9.1f %9.0f %10dMB %10dMB %9.0f", formats[i], rows, result.exit(),
							result.seconds(), rates[i], result.medianLiveMb(), result.maxLiveMb(), result.gcMillis()));
				assertThat(result.exit()).as("exit of the %s run", formats[i]).isZero();
			}
		}
		finally {
			sink.stop(0);
		}
		table.add(String.format("parquet / gzip jsonl rows/s: %.2f", rates[1] / rates[0]));
		System.out.println("audience-sync at -Xmx256m, first nights, groobee stand-in (" + received.get()
				+ " requests received):");
		table.forEach(System.out::println);
		Files.write(work.resolve("parquet.txt"), table);
	}

	/** The rows of {@link MemoryBenchmark#extracts} as two zstd Parquet files. */
	private static void parquet(Path work, long rows) throws IOException {
		Path folder = work.resolve("parquet-" + rows);
		if (Files.exists(folder.resolve("done"))) {
			return;
		}
		Files.createDirectories(folder);
		SimpleGroupFactory groups = new SimpleGroupFactory(SCHEMA);
		for (int file = 0; file < 2; file++) {
			Path path = folder.resolve("members-" + file + ".parquet");
			Files.deleteIfExists(path);
			try (ParquetWriter<Group> writer = ExampleParquetWriter.builder(new LocalOutputFile(path))
				.withType(SCHEMA)
				.withConf(new PlainParquetConfiguration())
				.withCompressionCodec(CompressionCodecName.ZSTD)
				.build()) {
				for (long i = file; i < rows; i += 2) {
					writer.write(groups.newGroup()
						.append("member_id", "m-" + i)
						.append("phone", "010" + String.format("%08d", i))
						.append("grade", "GOLD")
						.append("points", i % 10_000)
						.append("city", "Seoul"));
				}
			}
		}
		Files.writeString(folder.resolve("done"), "");
	}

	private static Path spec(Path work, long rows, String format) throws IOException {
		String source = format.equals("jsonl")
				? "{ type: file, path: extract-%d, format: jsonl, include: \"*.jsonl.gz\" }".formatted(rows)
				: "{ type: file, path: parquet-%d, format: parquet }".formatted(rows);
		return MemoryBenchmark.spec(work.resolve("bench-" + format + "-" + rows + ".yml"),
				"parquet-bench-" + format + "-" + rows, source);
	}

}
