package com.audiencesync.source;

import com.audiencesync.source.format.FormatOptions;
import com.audiencesync.source.format.RecordFormat;
import com.audiencesync.source.format.RecordFormats;
import com.audiencesync.spec.SourceSpec;
import com.audiencesync.spec.SpecProblems;

/**
 * A source of extracts, files or objects read whole, one partition each, in a record
 * format: the options file and S3 sources share.
 */
public interface ExtractSpec extends SourceSpec {

	/**
	 * {@code jsonl}, {@code csv} or {@code parquet} (any registered format); {@code .gz}
	 * means gzip.
	 */
	String format();

	/**
	 * Glob of names to read in a folder or prefix (default
	 * {@code *.{jsonl,csv,jsonl.gz,csv.gz}}, and {@code *.parquet} for Parquet).
	 */
	String include();

	/** CSV column separator, one character (default {@code ,}). */
	String delimiter();

	/**
	 * The longest line read, in UTF-8 bytes (default 4 MiB); a longer one is a
	 * {@code LINE_TOO_LONG} row.
	 */
	Integer maxLineBytes();

	/** The glob of names to read. */
	default String includeOrDefault() {
		if (include() != null) {
			return include();
		}
		return RecordFormats.find((format() != null) ? format() : "")
			.map(RecordFormat::defaultInclude)
			.orElse("*.{jsonl,csv,jsonl.gz,csv.gz}");
	}

	/** CSV delimiter, default comma. */
	default char delimiterChar() {
		return (delimiter() == null || delimiter().isEmpty()) ? ',' : delimiter().charAt(0);
	}

	/** The record format of a validated spec. */
	default RecordFormat recordFormat() {
		return RecordFormats.get(format());
	}

	/** The format's options. */
	default FormatOptions formatOptions() {
		return new FormatOptions(delimiterChar(),
				(maxLineBytes() != null) ? maxLineBytes() : FormatOptions.DEFAULT_MAX_LINE_BYTES);
	}

	/** Adds the problems of the shared options. */
	static void validate(ExtractSpec spec, SpecProblems problems) {
		if (spec.format() == null) {
			problems.add("source.format", "is required (one of " + RecordFormats.ids() + ")");
		}
		else if (RecordFormats.find(spec.format()).isEmpty()) {
			problems.add("source.format",
					"'" + spec.format() + "' is not a format (one of " + RecordFormats.ids() + ")");
		}
		if (spec.delimiter() != null && spec.delimiter().length() != 1) {
			problems.add("source.delimiter", "must be exactly one character");
		}
		if (spec.maxLineBytes() != null && spec.maxLineBytes() < 1024) {
			problems.add("source.max-line-bytes", "must be at least 1024 (bytes)");
		}
	}

}
