package com.audiencesync.source.file;

import java.nio.file.Files;
import java.nio.file.Path;

import com.audiencesync.source.RowReader;

/** A local file's rows; gzip when its name ends in {@code .gz}. */
class FileRowReader extends RowReader {

	FileRowReader(String name, Path file, String display, String format, char delimiter) {
		super(name, () -> Files.newInputStream(file), display, file.getFileName().toString().endsWith(".gz"), format,
				delimiter);
	}

}
