package com.audiencesync.source.file;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.Stream;

import com.audiencesync.names.Names;
import com.audiencesync.source.ListedSource;
import com.audiencesync.source.SourceReadException;
import com.audiencesync.source.SourceRow;
import com.audiencesync.source.SourceUnavailableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStreamReader;

/**
 * A local file, or every matching file in a folder, one partition per file. The file list
 * is taken once per run and kept in the manager step's execution context: a restart
 * re-runs exactly the partitions of the first attempt, whatever arrived in the folder
 * since.
 */
public final class FileSource extends ListedSource {

	private static final Logger log = LoggerFactory.getLogger(FileSource.class);

	private final Path root;

	private final FileSourceSpec spec;

	private final Predicate<String> reads;

	/**
	 * @param root the file or folder, placeholders already resolved
	 * @param spec the source spec
	 * @param jobRepository saves the file list as soon as it is taken
	 */
	public FileSource(Path root, FileSourceSpec spec, JobRepository jobRepository) {
		this(root, spec, jobRepository, (column) -> true);
	}

	/**
	 * @param root the file or folder, placeholders already resolved
	 * @param spec the source spec
	 * @param jobRepository saves the file list as soon as it is taken
	 * @param reads the columns the mapping reads (a Parquet file's others are not read)
	 */
	public FileSource(Path root, FileSourceSpec spec, JobRepository jobRepository, Predicate<String> reads) {
		super(jobRepository);
		this.root = root;
		this.spec = spec;
		this.reads = reads;
	}

	@Override
	public ItemStreamReader<SourceRow> reader(ExecutionContext partition) {
		Path file = Path.of(partition.getString(Names.SOURCE_FILE));
		return new FileRowReader(Names.READER, file, partition.getString(Names.SOURCE_DISPLAY),
				this.spec.recordFormat(), this.spec.formatOptions().reading(this.reads));
	}

	@Override
	public String describe() {
		return this.root.toString();
	}

	@Override
	protected String display(String item) {
		Path file = Path.of(item);
		return Files.isDirectory(this.root) ? this.root.relativize(file).toString() : file.getFileName().toString();
	}

	@Override
	public void check() {
		if (!Files.exists(this.root)) {
			throw new SourceUnavailableException("source.path " + this.root + " does not exist");
		}
		if (!Files.isReadable(this.root)) {
			throw new SourceUnavailableException("source.path " + this.root + " cannot be read (permissions)");
		}
	}

	@Override
	protected boolean completesWhenEmpty() {
		return this.spec.completesWhenEmpty();
	}

	@Override
	protected List<String> list() {
		if (Files.isRegularFile(this.root)) {
			return List.of(this.root.toString());
		}
		if (!Files.isDirectory(this.root)) {
			throw new SourceReadException("source.path " + this.root + " is neither a file nor a folder");
		}
		String include = this.spec.includeOrDefault();
		PathMatcher matcher = FileSystems.getDefault().getPathMatcher("glob:" + include);
		try (Stream<Path> walk = Files.walk(this.root)) {
			List<String> files = new ArrayList<>();
			walk.filter(Files::isRegularFile)
				.filter((f) -> matcher.matches(f.getFileName()) || matcher.matches(this.root.relativize(f)))
				.sorted()
				.forEach((f) -> files.add(f.toString()));
			if (files.isEmpty() && !this.spec.completesWhenEmpty()) {
				throw new SourceReadException("no file in " + this.root + " matches '" + include
						+ "': nothing to sync (source.on-empty: complete lets such a run complete)");
			}
			if (files.isEmpty()) {
				log.warn("no file in {} matches '{}': the run completes with nothing sent (source.on-empty: complete)",
						this.root, include);
			}
			return files;
		}
		catch (IOException ex) {
			throw new SourceReadException("cannot list " + this.root + ": " + ex.getMessage(), ex);
		}
	}

}
