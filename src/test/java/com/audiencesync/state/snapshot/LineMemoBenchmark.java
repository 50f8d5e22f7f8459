package com.audiencesync.state.snapshot;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.Map;
import java.util.function.Consumer;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.prf.PrfConfig;
import com.google.crypto.tink.prf.PrfKeyTemplates;
import com.google.crypto.tink.prf.PrfSet;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.json.JsonMapper;

/**
 * What a next night's plan would cost a line that did not change, were it known by a
 * keyed hash of its bytes rather than read, mapped and hashed again (the line memo that
 * BENCHMARKS.md weighs): each line of a gzip JSON lines extract read, its bytes hashed
 * (HMAC-SHA256, 16 bytes), and the hashes with their places sorted, as the memo's lookup
 * would need. Against it, in the same run, the first of today's plan's parts alone: the
 * same lines read and parsed into maps. Prints microseconds a line, best of five rounds
 * each. {@code ./mvnw test -Pbenchmark -Dtest=LineMemoBenchmark
 * [-Dbench.lines=500000]}
 */
@Tag("benchmark")
class LineMemoBenchmark {

	private static final ObjectReader LINE = JsonMapper.builder().build().readerFor(Map.class);

	@Test
	void hashingALineAgainstParsingIt() throws Exception {
		int lines = Integer.parseInt(System.getProperty("bench.lines", "500000"));
		Path extract = extract(lines);
		PrfConfig.register();
		PrfSet prf = KeysetHandle.generateNew(PrfKeyTemplates.HMAC_SHA256_PRF).getPrimitive(PrfSet.class);
		double parsed = Double.MAX_VALUE;
		double memo = Double.MAX_VALUE;
		for (int round = 0; round < 5; round++) {
			long start = System.nanoTime();
			long[] count = new long[1];
			eachLine(extract, (line) -> {
				Map<?, ?> values = LINE.readValue(line);
				count[0] += values.size();
			});
			parsed = Math.min(parsed, (System.nanoTime() - start) / 1e3 / lines);
			start = System.nanoTime();
			Records records = new Records(3, 1 << 16);
			long[] record = new long[3];
			eachLine(extract, (line) -> {
				ByteBuffer hash = ByteBuffer.wrap(prfOf(prf, line));
				record[0] = hash.getLong();
				record[1] = hash.getLong();
				record[2]++;
				records.add(record);
			});
			records.sort();
			memo = Math.min(memo, (System.nanoTime() - start) / 1e3 / lines);
		}
		System.out.printf("line memo, %d gzip JSON lines, best of 5 rounds:%n", lines);
		System.out.printf("  read and parsed into a map (today's plan's first part) %6.2f us a line%n", parsed);
		System.out.printf(
				"  read, hashed (HMAC-SHA256) and sorted with its place     %6.2f us a line (%.2f of parsing)%n", memo,
				memo / parsed);
	}

	private static byte[] prfOf(PrfSet prf, byte[] line) {
		try {
			return prf.computePrimary(line, 16);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** Calls back with each line's bytes, without its end. */
	private static void eachLine(Path extract, Consumer<byte[]> each) throws IOException {
		try (InputStream in = new GZIPInputStream(new BufferedInputStream(Files.newInputStream(extract), 1 << 16),
				1 << 16)) {
			byte[] buffer = new byte[1 << 16];
			int end = 0;
			int read;
			while ((read = in.read(buffer, end, buffer.length - end)) > 0) {
				end += read;
				int from = 0;
				for (int i = 0; i < end; i++) {
					if (buffer[i] == '\n') {
						each.accept(Arrays.copyOfRange(buffer, from, i));
						from = i + 1;
					}
				}
				System.arraycopy(buffer, from, buffer, 0, end - from);
				end -= from;
			}
		}
	}

	/**
	 * The throughput benchmark's rows: a member id, a phone, a grade, points and a city.
	 */
	private static Path extract(int lines) throws IOException {
		Path file = Path.of("target/bench/line-memo-" + lines + ".jsonl.gz");
		if (Files.exists(file)) {
			return file;
		}
		Files.createDirectories(file.getParent());
		try (OutputStream out = new GZIPOutputStream(new BufferedOutputStream(Files.newOutputStream(file)));
				Writer text = new OutputStreamWriter(out, StandardCharsets.UTF_8)) {
			String[] grades = { "GOLD", "SILVER", "BRONZE" };
			String[] cities = { "Seoul", "Busan", "Incheon", "Daegu" };
			for (int i = 0; i < lines; i++) {
				text.write(String.format(
						"{\"member_id\":\"m-%d\",\"phone\":\"010%08d\",\"grade\":\"%s\",\"points\":%d,\"city\":\"%s\"}%n",
						i, i, grades[i % 3], i % 10_000, cities[i % 4]));
			}
		}
		return file;
	}

}
