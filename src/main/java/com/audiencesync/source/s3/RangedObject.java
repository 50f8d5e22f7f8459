package com.audiencesync.source.s3;

import java.io.IOException;
import java.io.InputStream;

import com.audiencesync.source.format.ExtractBytes;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * An S3 object read at places with ranged GETs, each bound to the ETag its first HEAD saw
 * ({@code If-Match}): an object replaced while it is read fails the read, naming it,
 * instead of mixing the bytes of two versions. Nothing of it is kept beyond what the
 * format asks for (a Parquet footer, then a row group's columns).
 */
final class RangedObject implements ExtractBytes {

	private final S3Client s3;

	private final String bucket;

	private final String key;

	private final String etag;

	private final long length;

	RangedObject(S3Client s3, String bucket, String key, String etag, long length) {
		this.s3 = s3;
		this.bucket = bucket;
		this.key = key;
		this.etag = etag;
		this.length = length;
	}

	@Override
	public long length() {
		return this.length;
	}

	@Override
	public int read(long position, byte[] into, int offset, int length) throws IOException {
		if (position >= this.length) {
			return -1;
		}
		long last = Math.min(this.length, position + length) - 1;
		try (InputStream range = this.s3.getObject((request) -> request.bucket(this.bucket)
			.key(this.key)
			.range("bytes=" + position + "-" + last)
			.ifMatch(this.etag))) {
			return range.readNBytes(into, offset, (int) (last - position + 1));
		}
		catch (S3Exception ex) {
			if (ex.statusCode() == 412) {
				throw new IOException("s3://" + this.bucket + "/" + this.key
						+ " changed while it was read (its ETag is " + "no longer " + this.etag + ")", ex);
			}
			throw new IOException("cannot read s3://" + this.bucket + "/" + this.key + " at byte " + position + ": "
					+ ex.getMessage(), ex);
		}
		catch (SdkException ex) {
			throw new IOException("cannot read s3://" + this.bucket + "/" + this.key + " at byte " + position + ": "
					+ ex.getMessage(), ex);
		}
	}

	@Override
	public void close() {
		// each range was closed as it was read
	}

}
