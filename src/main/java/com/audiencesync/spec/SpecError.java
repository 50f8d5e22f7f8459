package com.audiencesync.spec;

/**
 * One problem in a spec file.
 *
 * @param file the spec file
 * @param line 1-based line of the key, 0 when unknown
 * @param column 1-based column of a syntax error, 0 when it is a key's problem
 * @param path key path such as {@code destination.batch-size}; empty for the whole file
 * @param message what is wrong
 */
public record SpecError(String file, int line, int column, String path, String message) {

	/** A key's problem, on the key's line. */
	public SpecError(String file, int line, String path, String message) {
		this(file, line, 0, path, message);
	}

	@Override
	public String toString() {
		StringBuilder text = new StringBuilder(this.file);
		if (this.line > 0) {
			text.append(':').append(this.line);
			if (this.column > 0) {
				text.append(':').append(this.column);
			}
		}
		text.append(": ");
		if (!this.path.isEmpty()) {
			text.append(this.path).append(": ");
		}
		return text.append(this.message).toString();
	}

}
