package com.audiencesync.source.file;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import com.audiencesync.names.Names;
import com.audiencesync.source.SourceReadException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.batch.infrastructure.item.ExecutionContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class FileSourceTests {

	@TempDir
	Path dir;

	@Test
	void folderGivesOnePartitionPerCsvFile() throws IOException {
		// given
		touch("a.csv");
		touch("b.csv.gz");
		touch("notes.txt");
		touch("sub/c.csv");
		FileSource source = new FileSource(this.dir, spec(null), null);

		// when
		Map<String, ExecutionContext> partitions = source.partition(4);

		// then
		assertThat(partitions.keySet()).containsExactlyInAnyOrder(Names.partition("a.csv"), Names.partition("b.csv.gz"),
				Names.partition(Path.of("sub", "c.csv").toString()));
		assertThat(source.getPartitionNames(4)).containsExactlyElementsOf(partitions.keySet());
		assertThat(partitions.get(Names.partition("a.csv")).getString(Names.SOURCE_FILE))
			.isEqualTo(this.dir.resolve("a.csv").toString());
	}

	@Test
	void partitionNamesAreStableAcrossCalls() throws IOException {
		touch("b.csv");
		touch("a.csv");
		FileSource source = new FileSource(this.dir, spec(null), null);

		assertThat(source.partition(1).keySet()).containsExactlyElementsOf(source.partition(1).keySet())
			.containsExactly(Names.partition("a.csv"), Names.partition("b.csv"));
	}

	@Test
	void singleFile() throws IOException {
		Path file = touch("members.csv");
		FileSource source = new FileSource(file, spec(null), null);

		assertThat(source.partition(1)).containsOnlyKeys(Names.partition("members.csv"));
		assertThat(source.getPartitionNames(1)).containsExactly(Names.partition("members.csv"));
	}

	@Test
	void emptyFolderFailsClearly() {
		FileSource source = new FileSource(this.dir, spec(null), null);

		assertThatExceptionOfType(SourceReadException.class).isThrownBy(() -> source.partition(1))
			.withMessageContaining(this.dir.toString())
			.withMessageContaining("nothing to sync");
	}

	@Test
	void emptyAndHeaderOnlyExtractsCountAsEmpty() throws IOException {
		Files.writeString(this.dir.resolve("a.csv"), "");
		Files.writeString(this.dir.resolve("b.csv"), "member_id,phone\n");
		Files.writeString(this.dir.resolve("c.csv"), "member_id,phone\n\n\n");

		assertThatExceptionOfType(SourceReadException.class)
			.isThrownBy(() -> new FileSource(this.dir, spec(null), null).partition(1))
			.withMessage("the 3 extracts under " + this.dir + " hold no rows (empty, or a header only): nothing to "
					+ "sync (source.on-empty: complete lets such a run complete)");
		FileSourceSpec completes = new FileSourceSpec("file", "data", "csv", null, null, "complete", null, Map.of());
		assertThat(new FileSource(this.dir, completes, null).partition(1)).hasSize(3);
		Files.writeString(this.dir.resolve("d.csv"), "member_id,phone\nM1,01012345678\n");
		assertThat(new FileSource(this.dir, spec(null), null).partition(1)).hasSize(4);
	}

	@Test
	void missingPathFailsClearly() {
		Path missing = this.dir.resolve("missing");
		FileSource source = new FileSource(missing, spec(null), null);

		assertThatExceptionOfType(SourceReadException.class).isThrownBy(() -> source.partition(1))
			.withMessageContaining(missing.toString())
			.withMessageContaining("neither a file nor a folder");
	}

	@Test
	void includeGlobIsHonoured() throws IOException {
		touch("members-2024-01-15.csv");
		touch("orders-2024-01-15.csv");
		FileSource source = new FileSource(this.dir, spec("members-*.csv"), null);

		assertThat(source.partition(1)).containsOnlyKeys(Names.partition("members-2024-01-15.csv"));
	}

	@Test
	void readerReadsThePartitionsFile() throws Exception {
		Files.writeString(this.dir.resolve("a.csv"), "id\nM1\n");
		FileSource source = new FileSource(this.dir, spec(null), null);
		ExecutionContext partition = source.partition(1).values().iterator().next();

		var reader = source.reader(partition);
		reader.open(new ExecutionContext());

		assertThat(reader.read().where()).isEqualTo("a.csv:2");
		reader.close();
	}

	private static FileSourceSpec spec(String include) {
		return new FileSourceSpec("file", "data", "csv", include, null, null, null, Map.of());
	}

	private Path touch(String name) throws IOException {
		Path file = this.dir.resolve(name);
		Files.createDirectories(file.getParent());
		return Files.writeString(file, "id\nM1\n");
	}

}
