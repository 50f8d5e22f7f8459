package com.audiencesync.source.format.parquet;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.zip.GZIPInputStream;

import io.airlift.compress.Decompressor;
import io.airlift.compress.lz4.Lz4Decompressor;
import io.airlift.compress.snappy.SnappyDecompressor;
import io.airlift.compress.zstd.ZstdDecompressor;
import org.apache.parquet.bytes.BytesInput;
import org.apache.parquet.compression.CompressionCodecFactory;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;

/**
 * The page codecs a Parquet extract is read with: snappy, zstd and LZ4 (raw) by
 * aircompressor, in Java, and gzip by the JDK, so no native library or Hadoop codec is
 * loaded. A codec outside these (Brotli, LZO, Hadoop's framed LZ4) fails the extract,
 * naming it.
 */
final class Codecs implements CompressionCodecFactory {

	@Override
	public BytesInputDecompressor getDecompressor(CompressionCodecName codec) {
		return new PageDecompressor(codec);
	}

	@Override
	public BytesInputCompressor getCompressor(CompressionCodecName codec) {
		throw new UnsupportedOperationException("Parquet extracts are read, never written");
	}

	@Override
	public void release() {
		// nothing pooled
	}

	private static final class PageDecompressor implements BytesInputDecompressor {

		private final CompressionCodecName codec;

		private final Decompressor decompressor;

		PageDecompressor(CompressionCodecName codec) {
			this.codec = codec;
			this.decompressor = switch (codec) {
				case SNAPPY -> new SnappyDecompressor();
				case ZSTD -> new ZstdDecompressor();
				case LZ4_RAW -> new Lz4Decompressor();
				default -> null;
			};
		}

		@Override
		public BytesInput decompress(BytesInput bytes, int uncompressedSize) throws IOException {
			if (this.codec == CompressionCodecName.UNCOMPRESSED) {
				return bytes;
			}
			byte[] compressed = bytes.toByteArray();
			return BytesInput.from(decompress(compressed, 0, compressed.length, uncompressedSize));
		}

		@Override
		public void decompress(ByteBuffer input, int compressedSize, ByteBuffer output, int uncompressedSize)
				throws IOException {
			byte[] compressed = new byte[compressedSize];
			input.duplicate().get(compressed);
			output.put((this.codec == CompressionCodecName.UNCOMPRESSED) ? compressed
					: decompress(compressed, 0, compressedSize, uncompressedSize));
		}

		private byte[] decompress(byte[] compressed, int offset, int length, int uncompressedSize) throws IOException {
			byte[] page = new byte[uncompressedSize];
			if (this.codec == CompressionCodecName.GZIP) {
				try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(compressed, offset, length))) {
					if (in.readNBytes(page, 0, uncompressedSize) != uncompressedSize) {
						throw new IOException("a gzip page holds fewer bytes than its header says");
					}
				}
				return page;
			}
			if (this.decompressor == null) {
				throw new IOException("its pages are compressed with " + this.codec + ", which audience-sync does not "
						+ "read: export it with snappy, zstd, gzip or none");
			}
			try {
				int size = this.decompressor.decompress(compressed, offset, length, page, 0, uncompressedSize);
				if (size != uncompressedSize) {
					throw new IOException("a " + this.codec + " page holds " + size + " bytes, not the "
							+ uncompressedSize + " its header says");
				}
			}
			catch (RuntimeException ex) {
				throw new IOException("a " + this.codec + " page cannot be decompressed: " + ex.getMessage(), ex);
			}
			return page;
		}

		@Override
		public void release() {
			// nothing pooled
		}

	}

}
