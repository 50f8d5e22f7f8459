package com.audiencesync.source.file;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import com.audiencesync.batch.Names;
import com.audiencesync.source.Source;
import com.audiencesync.source.SourceReadException;
import com.audiencesync.source.SourceRow;
import com.audiencesync.spec.SourceSpec;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStreamReader;

/**
 * A local file, or every matching file in a folder, one partition per file. The file list
 * is taken once per run and kept in the manager step's execution context: a restart
 * re-runs exactly the partitions of the first attempt, whatever arrived in the folder
 * since.
 */
public final class FileSource implements Source {

	static final String FILES_KEY = "source.files";

	static final String FILE_KEY = "source.file";

	static final String DISPLAY_KEY = "source.display";

	private static final String DEFAULT_INCLUDE = "*.{jsonl,csv,jsonl.gz,csv.gz}";

	private final Path root;

	private final SourceSpec spec;

	private final JobRepository jobRepository;

	private StepExecution manager;

	/**
	 * @param root the file or folder, placeholders already resolved
	 * @param spec the source spec
	 * @param jobRepository saves the file list as soon as it is taken
	 */
	public FileSource(Path root, SourceSpec spec, JobRepository jobRepository) {
		this.root = root;
		this.spec = spec;
		this.jobRepository = jobRepository;
	}

	@Override
	public void beforeStep(StepExecution stepExecution) {
		this.manager = stepExecution;
	}

	@Override
	public Map<String, ExecutionContext> partition(int gridSize) {
		return contexts(keep(listFiles()));
	}

	@Override
	public Collection<String> getPartitionNames(int gridSize) {
		return contexts(keptFiles()).keySet();
	}

	@Override
	public Optional<ExecutionContext> initialContext(String partition) {
		return Optional.ofNullable(contexts(keptFiles()).get(partition));
	}

	/**
	 * The file list of this run: the one kept by its first attempt or, when that attempt
	 * failed before listing (the folder was missing), a fresh one, kept from now on.
	 */
	private List<String> keptFiles() {
		String kept = (this.manager != null) ? this.manager.getExecutionContext().getString(FILES_KEY, null) : null;
		if (kept == null) {
			return keep(listFiles());
		}
		return kept.isEmpty() ? List.of() : List.of(kept.split("\n"));
	}

	private List<String> keep(List<String> files) {
		if (this.manager != null) {
			this.manager.getExecutionContext().put(FILES_KEY, String.join("\n", files));
			this.jobRepository.updateExecutionContext(this.manager);
		}
		return files;
	}

	private Map<String, ExecutionContext> contexts(List<String> files) {
		Map<String, ExecutionContext> partitions = new LinkedHashMap<>();
		for (String file : files) {
			ExecutionContext context = new ExecutionContext();
			context.putString(FILE_KEY, file);
			context.putString(DISPLAY_KEY, display(Path.of(file)));
			partitions.put(Names.partition(display(Path.of(file))), context);
		}
		return partitions;
	}

	@Override
	public ItemStreamReader<SourceRow> reader(ExecutionContext partition) {
		Path file = Path.of(partition.getString(FILE_KEY));
		return new FileRowReader(Names.READER, file, partition.getString(DISPLAY_KEY), this.spec.format(),
				this.spec.delimiterChar());
	}

	@Override
	public String describe() {
		return this.root.toString();
	}

	private String display(Path file) {
		return Files.isDirectory(this.root) ? this.root.relativize(file).toString() : file.getFileName().toString();
	}

	List<String> listFiles() {
		if (Files.isRegularFile(this.root)) {
			return List.of(this.root.toString());
		}
		if (!Files.isDirectory(this.root)) {
			throw new SourceReadException("source.path " + this.root + " is neither a file nor a folder");
		}
		String include = (this.spec.include() != null) ? this.spec.include() : DEFAULT_INCLUDE;
		PathMatcher matcher = FileSystems.getDefault().getPathMatcher("glob:" + include);
		try (Stream<Path> walk = Files.walk(this.root)) {
			List<String> files = new ArrayList<>();
			walk.filter(Files::isRegularFile)
				.filter((f) -> matcher.matches(f.getFileName()) || matcher.matches(this.root.relativize(f)))
				.sorted()
				.forEach((f) -> files.add(f.toString()));
			if (files.isEmpty()) {
				throw new SourceReadException(
						"no file in " + this.root + " matches '" + include + "': nothing to sync");
			}
			return files;
		}
		catch (IOException ex) {
			throw new SourceReadException("cannot list " + this.root + ": " + ex.getMessage(), ex);
		}
	}

}
