package org.apache.parquet;

import java.util.Map;

import org.apache.parquet.bytes.HeapByteBufferAllocator;
import org.apache.parquet.compression.CompressionCodecFactory;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.filter2.compat.FilterCompat;
import org.apache.parquet.format.converter.ParquetMetadataConverter;

/**
 * parquet-java's read options made without its builder, which loads Hadoop's MapReduce
 * classes to look up a record filter (apache/parquet-java#2556): audience-sync reads
 * Parquet with parquet-java's file reader and no Hadoop on the classpath. It lives in
 * {@code org.apache.parquet} because the options' constructor is package-private; it
 * holds nothing else.
 */
public final class HadoopFreeReadOptions {

	private HadoopFreeReadOptions() {
	}

	/**
	 * Options that read every row group in full (no filter), verify page checksums where
	 * a writer wrote them, and decompress with the given codecs.
	 * @param codecs the page decompressors
	 * @param maxAllocation the largest buffer read at once
	 */
	public static ParquetReadOptions of(CompressionCodecFactory codecs, int maxAllocation) {
		return new ParquetReadOptions(false, false, false, false, false, true, false, false, false, FilterCompat.NOOP,
				ParquetMetadataConverter.NO_FILTER, codecs, new HeapByteBufferAllocator(), maxAllocation, Map.of(),
				null, null, new PlainParquetConfiguration());
	}

}
