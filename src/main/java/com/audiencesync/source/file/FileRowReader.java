package com.audiencesync.source.file;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

import com.audiencesync.source.ExtractReader;
import com.audiencesync.source.format.ExtractBytes;
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

			@Override
			public String version() {
				return FileRowReader.version(file);
			}

			@Override
			public ExtractBytes bytes() throws IOException {
				FileChannel channel = FileChannel.open(file, StandardOpenOption.READ);
				long size = channel.size();
				return new ExtractBytes() {

					@Override
					public long length() {
						return size;
					}

					@Override
					public int read(long position, byte[] into, int offset, int length) throws IOException {
						return channel.read(ByteBuffer.wrap(into, offset, length), position);
					}

					@Override
					public void close() throws IOException {
						channel.close();
					}

				};
			}

		}, display, file.getFileName().toString().endsWith(".gz"), format, options);
	}

	/**
	 * A file's size and a digest of its first and last {@link #ENDS} bytes (a gzip file
	 * ends with its content's CRC and length): the same for the same bytes copied again,
	 * as an init container's fresh download is, and other for a regenerated extract. Null
	 * when it cannot be read (its reader says why).
	 */
	static String version(Path file) {
		try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
			long size = channel.size();
			MessageDigest digest = MessageDigest.getInstance("SHA-256");
			ByteBuffer buffer = ByteBuffer.allocate((int) Math.min(size, ENDS));
			digest(channel, 0, buffer, digest);
			if (size > ENDS) {
				buffer.clear();
				digest(channel, Math.max(ENDS, size - ENDS), buffer, digest);
			}
			return size + " bytes, ends " + HexFormat.of().formatHex(digest.digest(), 0, 8);
		}
		catch (IOException ex) {
			return null;
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** Bytes of each end of a file its version digests. */
	static final int ENDS = 64 * 1024;

	private static void digest(FileChannel channel, long from, ByteBuffer buffer, MessageDigest digest)
			throws IOException {
		long at = from;
		while (buffer.hasRemaining() && channel.read(buffer, at) > 0) {
			at = from + buffer.position();
		}
		buffer.flip();
		digest.update(buffer);
	}

}
