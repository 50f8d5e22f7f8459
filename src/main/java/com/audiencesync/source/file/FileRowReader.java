package com.audiencesync.source.file;

import java.nio.file.Files;
import java.nio.file.Path;

import com.audiencesync.source.ExtractReader;
import com.audiencesync.source.format.FormatOptions;
import com.audiencesync.source.format.RecordFormats;

/** A local file's rows; gzip when its name ends in {@code .gz}. */
class FileRowReader extends ExtractReader {

	FileRowReader(String name, Path file, String display, String format, char delimiter) {
		super(name, () -> Files.newInputStream(file), display, file.getFileName().toString().endsWith(".gz"),
				RecordFormats.get(format), new FormatOptions(delimiter));
	}

}
