package com.audiencesync.spec;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** Finds a spec by path or by job name in the jobs folder. */
public final class SpecCatalog {

	private final Path jobsDir;

	private final SpecLoader loader = new SpecLoader();

	public SpecCatalog(Path jobsDir) {
		this.jobsDir = jobsDir;
	}

	/**
	 * The spec at that path, or the one in the jobs folder whose {@code name} is that
	 * name.
	 * @throws SpecException when nothing matches or the spec is invalid
	 */
	public JobSpec resolve(String nameOrPath) {
		Path path = Path.of(nameOrPath);
		if (Files.isRegularFile(path)) {
			return this.loader.load(path);
		}
		for (String extension : List.of(".yml", ".yaml")) {
			Path candidate = this.jobsDir.resolve(nameOrPath + extension);
			if (Files.isRegularFile(candidate)) {
				JobSpec spec = this.loader.load(candidate);
				if (spec.name().equals(nameOrPath)) {
					return spec;
				}
			}
		}
		// one broken spec must not stop every other job from running; its errors are
		// shown
		// only when nothing matches, since the job asked for may be the broken one
		List<SpecError> unreadable = new ArrayList<>();
		for (Path file : specFiles()) {
			try {
				JobSpec spec = this.loader.load(file);
				if (spec.name().equals(nameOrPath)) {
					return spec;
				}
			}
			catch (SpecException ex) {
				unreadable.addAll(ex.errors());
			}
		}
		List<SpecError> errors = new ArrayList<>();
		errors.add(new SpecError(nameOrPath, 0, "", "no such spec file, and no spec in " + this.jobsDir
				+ " has this name" + (unreadable.isEmpty() ? "" : " (these specs could not be read)")));
		errors.addAll(unreadable);
		throw new SpecException(errors);
	}

	/**
	 * Every spec of the jobs folder, in file-name order.
	 * @throws SpecException listing the errors of every spec that is invalid
	 */
	public List<JobSpec> all() {
		List<JobSpec> specs = new ArrayList<>();
		List<SpecError> errors = new ArrayList<>();
		for (Path file : specFiles()) {
			try {
				specs.add(this.loader.load(file));
			}
			catch (SpecException ex) {
				errors.addAll(ex.errors());
			}
		}
		if (!errors.isEmpty()) {
			throw new SpecException(errors);
		}
		return specs;
	}

	/**
	 * The job names of the specs in the jobs folder that can be read, in file-name order
	 * (a broken spec is passed over: its name cannot be told).
	 */
	public List<String> names() {
		List<String> names = new ArrayList<>();
		for (Path file : specFiles()) {
			try {
				names.add(this.loader.load(file).name());
			}
			catch (SpecException ex) {
				// not a name anyone can run
			}
		}
		return names;
	}

	private List<Path> specFiles() {
		if (!Files.isDirectory(this.jobsDir)) {
			return List.of();
		}
		try (Stream<Path> files = Files.list(this.jobsDir)) {
			return files.filter((f) -> f.toString().endsWith(".yml") || f.toString().endsWith(".yaml"))
				.sorted()
				.toList();
		}
		catch (IOException ex) {
			throw new SpecException(new SpecError(this.jobsDir.toString(), 0, "", "cannot list the folder"));
		}
	}

}
