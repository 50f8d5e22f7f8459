package com.audiencesync.spec;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * A spec that cannot run, with every problem found at once: the spec's own, each at its
 * file and line, in line order; then those of the configuration its run needs, each
 * naming its property, in property order.
 */
public class SpecException extends RuntimeException {

	private final transient List<SpecError> errors;

	private final List<String> configuration;

	private final transient JobSpec spec;

	public SpecException(List<SpecError> errors) {
		this(errors, null, List.of());
	}

	public SpecException(SpecError error) {
		this(List.of(error));
	}

	/**
	 * The spec's problems.
	 * @param errors the problems of one file or more (each file's stay together)
	 * @param spec the spec as far as it could be read, or null
	 */
	public SpecException(List<SpecError> errors, JobSpec spec) {
		this(errors, spec, List.of());
	}

	private SpecException(List<SpecError> errors, JobSpec spec, List<String> configuration) {
		super(String.join(System.lineSeparator(), lines(inLineOrder(errors), sorted(configuration))));
		this.errors = inLineOrder(errors);
		this.configuration = sorted(configuration);
		this.spec = spec;
	}

	/**
	 * A spec that is fine but whose run the configuration does not allow.
	 * @param problems each naming its property, never showing a secret
	 */
	public static SpecException configuration(List<String> problems) {
		return new SpecException(List.of(), null, problems);
	}

	/** These problems and those of the configuration. */
	public SpecException withConfiguration(List<String> problems) {
		List<String> all = new ArrayList<>(this.configuration);
		all.addAll(problems);
		return new SpecException(this.errors, this.spec, all);
	}

	/** The problems of the spec files, in file order, each file's in line order. */
	public List<SpecError> errors() {
		return this.errors;
	}

	/** The problems of the configuration, each naming its property, sorted. */
	public List<String> configuration() {
		return this.configuration;
	}

	/**
	 * Every problem as a line: the spec's ({@code file:line: path: message}), then the
	 * configuration's.
	 */
	public List<String> lines() {
		return lines(this.errors, this.configuration);
	}

	/**
	 * The spec as far as it could be read (keys and values that could not, left out): to
	 * check what else its run needs. Empty when the file could not be read at all.
	 */
	public Optional<JobSpec> spec() {
		return Optional.ofNullable(this.spec);
	}

	private static List<String> lines(List<SpecError> errors, List<String> configuration) {
		List<String> lines = new ArrayList<>();
		errors.forEach((error) -> lines.add(error.toString()));
		lines.addAll(configuration);
		return lines;
	}

	/**
	 * Each file's problems in line order (problems of the whole file, without a line,
	 * first), files in the order given; the sort is stable, so one line's problems keep
	 * theirs.
	 */
	private static List<SpecError> inLineOrder(List<SpecError> errors) {
		List<String> files = errors.stream().map(SpecError::file).distinct().toList();
		return errors.stream()
			.sorted(Comparator.<SpecError>comparingInt((error) -> files.indexOf(error.file()))
				.thenComparingInt(SpecError::line)
				.thenComparingInt(SpecError::column))
			.toList();
	}

	private static List<String> sorted(List<String> configuration) {
		return configuration.stream().distinct().sorted().toList();
	}

}
