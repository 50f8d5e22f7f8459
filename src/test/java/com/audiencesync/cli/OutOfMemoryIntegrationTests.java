package com.audiencesync.cli;

import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPOutputStream;

import com.audiencesync.ChildJvm;
import com.audiencesync.TestExtracts;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A user trying a large extract with {@code --sandbox} in a small heap: the emulators
 * keep every record they are sent, the heap runs out, and the local repository closes
 * itself. The one error line says the heap ran out and what to do, not only H2's "The
 * database has been closed".
 */
@Tag("slow")
class OutOfMemoryIntegrationTests {

	@TempDir
	Path dir;

	@Test
	void aSandboxRunThatRunsOutOfHeapSaysSo() throws Exception {
		// given 300,000 members as gzip JSON lines and a 96 MB heap
		Path extract = this.dir.resolve("data/members.jsonl.gz");
		Files.createDirectories(extract.getParent());
		try (Writer out = new OutputStreamWriter(new GZIPOutputStream(Files.newOutputStream(extract)),
				StandardCharsets.UTF_8)) {
			for (int i = 0; i < 300_000; i++) {
				out.write("{\"member_id\":\"m-" + i + "\",\"phone\":\"010" + String.format("%08d", i)
						+ "\",\"grade\":\"GOLD\",\"points\":" + i + "}\n");
			}
		}
		Path spec = TestExtracts.groobeeSpec(this.dir, "large-sandbox", "data", 1000, 1000, 2);
		Files.writeString(spec, Files.readString(spec).replace("format: csv", "format: jsonl"));

		// when it runs in the sandbox
		Path log = this.dir.resolve("run.log");
		Process run = ChildJvm.start(List.of("-Xmx96m"), List.of("run", spec.toString(), "--sandbox", "--param",
				"runDate=2026-11-22", "--spring.datasource.url=jdbc:h2:file:" + this.dir.resolve("repo")), log,
				this.dir);

		// then it fails saying the heap ran out, and how to go on
		assertThat(run.waitFor(5, TimeUnit.MINUTES)).isTrue();
		String printed = Files.readString(log);
		assertThat(run.exitValue()).as(printed).isNotZero();
		assertThat(printed).contains("error: the JVM ran out of memory (its heap is at most ")
			.contains("a --sandbox run keeps every record its emulators are sent in memory");
	}

}
