package com.audiencesync.spec;

/**
 * One problem in a spec file.
 *
 * @param file the spec file
 * @param line 1-based line of the key, 0 when unknown
 * @param path key path such as {@code destination.batch-size}; empty for the whole file
 * @param message what is wrong
 */
public record SpecError(String file, int line, String path, String message) {

	@Override
	public String toString() {
		StringBuilder text = new StringBuilder(this.file);
		if (this.line > 0) {
			text.append(':').append(this.line);
		}
		text.append(": ");
		if (!this.path.isEmpty()) {
			text.append(this.path).append(": ");
		}
		return text.append(this.message).toString();
	}

}
