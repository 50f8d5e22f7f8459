package com.audiencesync.source.file;

import java.nio.file.Files;
import java.nio.file.Path;

import com.audiencesync.source.ExtractReader;
import com.audiencesync.source.format.FormatOptions;
import com.audiencesync.source.format.RecordFormat;

/** A local file's rows; gzip when its name ends in {@code .gz}. */
class FileRowReader extends ExtractReader {

	FileRowReader(String name, Path file, String display, RecordFormat format, FormatOptions options) {
		super(name, new Opener() {

			@Override
			public java.io.InputStream open() throws java.io.IOException {
				return Files.newInputStream(file);
			}

			@Override
			public long size() {
				try {
					return Files.size(file);
				}
				catch (java.io.IOException ex) {
					return -1;
				}
			}

		}, display, file.getFileName().toString().endsWith(".gz"), format, options);
	}

}
