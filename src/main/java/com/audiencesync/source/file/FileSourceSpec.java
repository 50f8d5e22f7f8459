package com.audiencesync.source.file;

import java.util.Map;

import com.audiencesync.source.ExtractSpec;
import com.audiencesync.spec.SpecProblems;
import com.fasterxml.jackson.annotation.JsonAnySetter;

/**
 * {@code source.type: file}: a local file, or every matching file in a folder.
 *
 * @param type {@code file}
 * @param path the file or folder; relative paths resolve against the spec file's folder;
 * {@code ${runDate}}, {@code ${from}} and {@code ${to}} are replaced
 * @param format {@code jsonl} or {@code csv}; a {@code .gz} suffix means gzip
 * @param include glob of names to read in a folder
 * @param delimiter CSV column separator, one character
 * @param onEmpty {@code fail} (default) or {@code complete} when nothing matches or the
 * extracts hold no rows
 * @param maxLineBytes the longest line read, in UTF-8 bytes (default 4 MiB)
 * @param otherKeys keys a file source does not take (reported)
 */
public record FileSourceSpec(String type, String path, String format, String include, String delimiter, String onEmpty,
		Integer maxLineBytes, @JsonAnySetter Map<String, Object> otherKeys) implements ExtractSpec {

	@Override
	public void validate(SpecProblems problems) {
		if (this.path == null || this.path.isBlank()) {
			problems.add("source.path", "is required: a file or a folder");
		}
		ExtractSpec.validate(this, problems);
	}

	@Override
	public Map<String, String> datedKeys() {
		return (this.path != null) ? Map.of("source.path", this.path) : Map.of();
	}

	@Override
	public String describe() {
		return this.path;
	}

}
