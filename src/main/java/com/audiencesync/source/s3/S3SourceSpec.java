package com.audiencesync.source.s3;

import java.util.Map;

import com.audiencesync.source.ExtractSpec;
import com.audiencesync.spec.SpecProblems;
import com.fasterxml.jackson.annotation.JsonAnySetter;

/**
 * {@code source.type: s3}: an object, or every matching object under a prefix.
 *
 * @param type {@code s3}
 * @param uri {@code s3://bucket/prefix/} or {@code s3://bucket/key}; placeholders as for
 * a file's path
 * @param format {@code jsonl} or {@code csv}; a {@code .gz} suffix or
 * {@code Content-Encoding: gzip} means gzip
 * @param include glob of names to read under a prefix
 * @param delimiter CSV column separator, one character
 * @param onEmpty {@code fail} (default) or {@code complete} when nothing matches or the
 * extracts hold no rows
 * @param maxLineBytes the longest line read, in UTF-8 bytes (default 4 MiB)
 * @param otherKeys keys an S3 source does not take (reported)
 */
public record S3SourceSpec(String type, String uri, String format, String include, String delimiter, String onEmpty,
		Integer maxLineBytes, @JsonAnySetter Map<String, Object> otherKeys) implements ExtractSpec {

	@Override
	public void validate(SpecProblems problems) {
		if (this.uri == null || !this.uri.startsWith("s3://") || this.uri.length() <= 5) {
			problems.add("source.uri", "is required for type s3: s3://bucket/prefix/ or s3://bucket/key");
		}
		ExtractSpec.validate(this, problems);
	}

	@Override
	public Map<String, String> datedKeys() {
		return (this.uri != null) ? Map.of("source.uri", this.uri) : Map.of();
	}

	@Override
	public String describe() {
		return this.uri;
	}

}
