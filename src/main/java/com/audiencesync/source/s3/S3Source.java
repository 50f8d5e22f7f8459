package com.audiencesync.source.s3;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.List;
import java.util.function.Predicate;
import java.util.zip.GZIPInputStream;

import com.audiencesync.names.Names;
import com.audiencesync.source.ExtractReader;
import com.audiencesync.source.ListedSource;
import com.audiencesync.source.SourceReadException;
import com.audiencesync.source.SourceRow;
import com.audiencesync.source.SourceUnavailableException;
import com.audiencesync.source.format.ExtractBytes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStreamReader;

/**
 * {@code s3://bucket/prefix/} (every matching object under it) or {@code s3://bucket/key}
 * (one object). The object list is taken once per run and kept, so a restart neither
 * picks up objects that arrived later nor loses ones deleted since (their partitions
 * fail, naming them). Each object's reader saves its row position: a restart reads the
 * object again from the start and skips the committed rows.
 */
public final class S3Source extends ListedSource {

	private static final Logger log = LoggerFactory.getLogger(S3Source.class);

	private final S3Client s3;

	private final String bucket;

	private final String prefix;

	private final S3SourceSpec spec;

	private final Predicate<String> reads;

	/**
	 * @param s3 the client
	 * @param uri {@code s3://bucket/prefix}, placeholders already resolved
	 * @param spec the source spec
	 * @param jobRepository saves the object list as soon as it is taken
	 */
	public S3Source(S3Client s3, String uri, S3SourceSpec spec, JobRepository jobRepository) {
		this(s3, uri, spec, jobRepository, (column) -> true);
	}

	/**
	 * @param s3 the client
	 * @param uri {@code s3://bucket/prefix}, placeholders already resolved
	 * @param spec the source spec
	 * @param jobRepository saves the object list as soon as it is taken
	 * @param reads the columns the mapping reads (a Parquet object's others are not read)
	 */
	public S3Source(S3Client s3, String uri, S3SourceSpec spec, JobRepository jobRepository, Predicate<String> reads) {
		super(jobRepository);
		this.s3 = s3;
		String rest = uri.substring("s3://".length());
		int slash = rest.indexOf('/');
		this.bucket = (slash < 0) ? rest : rest.substring(0, slash);
		this.prefix = (slash < 0) ? "" : rest.substring(slash + 1);
		this.spec = spec;
		this.reads = reads;
	}

	@Override
	public void check() {
		try {
			this.s3.headBucket((request) -> request.bucket(this.bucket));
		}
		catch (NoSuchBucketException ex) {
			throw new SourceUnavailableException("source.uri: bucket '" + this.bucket + "' does not exist", ex);
		}
		catch (S3Exception ex) {
			throw new SourceUnavailableException(
					"source.uri: bucket '" + this.bucket + "' answers " + ex.statusCode()
							+ ((ex.statusCode() == 404) ? " (it does not exist)"
									: (ex.statusCode() == 403)
											? " (access denied: check the credentials and the bucket policy)" : ""),
					ex);
		}
		catch (SdkException ex) {
			throw new SourceUnavailableException(
					"source.uri: S3 cannot be reached for bucket '" + this.bucket + "': " + ex.getMessage(), ex);
		}
	}

	@Override
	protected boolean completesWhenEmpty() {
		return this.spec.completesWhenEmpty();
	}

	@Override
	protected List<String> list() {
		String include = this.spec.includeOrDefault();
		PathMatcher matcher = FileSystems.getDefault().getPathMatcher("glob:" + include);
		List<String> keys;
		try {
			keys = this.s3.listObjectsV2Paginator((request) -> request.bucket(this.bucket).prefix(this.prefix))
				.contents()
				.stream()
				.map(S3Object::key)
				.filter((key) -> !key.endsWith("/"))
				.filter((key) -> key.equals(this.prefix) || matcher.matches(Path.of(fileName(key)))
						|| matcher.matches(Path.of(display(key))))
				.sorted()
				.toList();
		}
		catch (SdkException ex) {
			throw new SourceReadException("cannot list " + describe() + ": " + ex.getMessage(), ex);
		}
		if (keys.isEmpty() && !this.spec.completesWhenEmpty()) {
			throw new SourceReadException("no object under " + describe() + " matches '" + include
					+ "': nothing to sync (source.on-empty: complete lets such a run complete)");
		}
		if (keys.isEmpty()) {
			log.warn("no object under {} matches '{}': the run completes with nothing sent (source.on-empty: complete)",
					describe(), include);
		}
		return keys;
	}

	@Override
	protected String display(String key) {
		if (key.equals(this.prefix) || !key.startsWith(this.prefix)) {
			return fileName(key);
		}
		String relative = key.substring(this.prefix.length());
		return relative.startsWith("/") ? relative.substring(1) : relative;
	}

	private static String fileName(String key) {
		return key.substring(key.lastIndexOf('/') + 1);
	}

	@Override
	public ItemStreamReader<SourceRow> reader(ExecutionContext partition) {
		String key = partition.getString(Names.SOURCE_FILE);
		String display = partition.getString(Names.SOURCE_DISPLAY);
		return new ExtractReader(Names.READER, new ExtractReader.Opener() {

			private long size = -1;

			private String version;

			@Override
			public InputStream open() throws IOException {
				ResponseInputStream<GetObjectResponse> object = S3Source.this.object(key);
				this.version = object.response().eTag();
				boolean gzip = "gzip".equalsIgnoreCase(object.response().contentEncoding()) && !key.endsWith(".gz");
				Long length = object.response().contentLength();
				// a transparently gunzipped object is counted after gunzip: its size is
				// not known
				this.size = (gzip || length == null) ? -1 : length;
				return gzip ? new GZIPInputStream(object, 64 * 1024) : object;
			}

			@Override
			public long size() {
				return this.size;
			}

			@Override
			public String version() {
				return this.version;
			}

			@Override
			public ExtractBytes bytes() {
				HeadObjectResponse head = S3Source.this.head(key);
				this.version = head.eTag();
				this.size = head.contentLength();
				return new RangedObject(S3Source.this.s3, S3Source.this.bucket, key, head.eTag(), head.contentLength());
			}

		}, display, key.endsWith(".gz"), this.spec.recordFormat(), this.spec.formatOptions().reading(this.reads));
	}

	/**
	 * The object's bytes, streamed (gunzipped by the reader when S3 says Content-Encoding
	 * gzip).
	 */
	private ResponseInputStream<GetObjectResponse> object(String key) {
		try {
			return this.s3.getObject((request) -> request.bucket(this.bucket).key(key));
		}
		catch (SdkException ex) {
			throw new SourceReadException("cannot read s3://" + this.bucket + "/" + key + ": " + ex.getMessage(), ex);
		}
	}

	/** The object's size and version, without its bytes. */
	private HeadObjectResponse head(String key) {
		try {
			return this.s3.headObject((request) -> request.bucket(this.bucket).key(key));
		}
		catch (SdkException ex) {
			throw new SourceReadException("cannot read s3://" + this.bucket + "/" + key + ": " + ex.getMessage(), ex);
		}
	}

	@Override
	public String describe() {
		return "s3://" + this.bucket + "/" + this.prefix;
	}

}
