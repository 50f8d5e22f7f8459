package com.audiencesync.source.format.parquet;

import java.io.IOException;
import java.io.Reader;

import com.audiencesync.source.format.ExtractBytes;
import com.audiencesync.source.format.FormatOptions;
import com.audiencesync.source.format.RecordFormat;
import com.audiencesync.source.format.RecordParser;

/**
 * Parquet ({@code source.format: parquet}): read at places, its footer first, then a row
 * group at a time, only the columns the mapping reads ({@link ParquetRows}).
 */
public final class ParquetFormat implements RecordFormat {

	@Override
	public String id() {
		return "parquet";
	}

	@Override
	public boolean ranged() {
		return true;
	}

	@Override
	public RecordParser open(Reader text, String display, FormatOptions options) {
		throw new UnsupportedOperationException("Parquet is read at places, not as text");
	}

	@Override
	public RecordParser open(ExtractBytes bytes, String display, FormatOptions options) throws IOException {
		return new ParquetRows(bytes, display, options);
	}

	@Override
	public String defaultInclude() {
		return "*.parquet";
	}

}
