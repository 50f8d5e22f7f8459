package com.audiencesync.spec;

import java.util.List;
import java.util.stream.Collectors;

/** A spec that cannot run, with every problem found. */
public class SpecException extends RuntimeException {

	private final transient List<SpecError> errors;

	public SpecException(List<SpecError> errors) {
		super(errors.stream().map(SpecError::toString).collect(Collectors.joining(System.lineSeparator())));
		this.errors = List.copyOf(errors);
	}

	public SpecException(SpecError error) {
		this(List.of(error));
	}

	/** The problems, in file order. */
	public List<SpecError> errors() {
		return this.errors;
	}

}
