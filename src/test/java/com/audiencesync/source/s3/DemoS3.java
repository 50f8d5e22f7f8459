package com.audiencesync.source.s3;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import com.audiencesync.TestExtracts;
import org.gaul.s3proxy.junit.S3ProxyExtension;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * An in-process S3 (s3proxy) holding the extracts of {@code jobs/s3-profiles.yml}, for
 * trying S3 sources without AWS: it prints the properties that point a run at it and
 * serves until stopped.
 *
 * <pre>
 * ./mvnw -q test-compile exec:java -Dexec.classpathScope=test -Dexec.mainClass=com.audiencesync.source.s3.DemoS3
 * </pre>
 */
public final class DemoS3 {

	/** The demo's bucket, as {@code jobs/s3-profiles.yml} names it. */
	public static final String BUCKET = "audience-sync-demo";

	static final String ACCESS_KEY = "demo-access";

	static final String SECRET_KEY = "demo-secret";

	private DemoS3() {
	}

	public static void main(String[] args) throws Exception {
		int port = (args.length > 0) ? Integer.parseInt(args[0]) : 9000;
		S3ProxyExtension proxy = S3ProxyExtension.builder()
			.withCredentials(ACCESS_KEY, SECRET_KEY)
			.withPort(port)
			.build();
		proxy.beforeEach(null);
		URI endpoint = URI.create("http://127.0.0.1:" + port);
		try (S3Client s3 = S3Client.builder()
			.endpointOverride(endpoint)
			.forcePathStyle(true)
			.region(Region.US_EAST_1)
			.credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY)))
			.build()) {
			seed(s3, Path.of("jobs"));
		}
		System.out.println("S3 on " + endpoint + " holds s3://" + BUCKET + "/profiles/; run the example with:");
		System.out.println("  java -jar target/audience-sync.jar run s3-profiles --sandbox "
				+ String.join(" ", properties(endpoint)));
		System.out.println("Ctrl-C stops it.");
		Thread.currentThread().join();
	}

	/** The command-line properties that point a run at that S3 endpoint. */
	public static List<String> properties(URI endpoint) {
		return List.of("--spring.cloud.aws.s3.endpoint=" + endpoint,
				"--spring.cloud.aws.s3.path-style-access-enabled=true",
				"--spring.cloud.aws.credentials.access-key=" + ACCESS_KEY,
				"--spring.cloud.aws.credentials.secret-key=" + SECRET_KEY,
				"--spring.cloud.aws.region.static=us-east-1");
	}

	/**
	 * Creates the demo bucket with two extracts of the sample profiles: one plain, one
	 * gzip.
	 * @param jobs the jobs folder
	 */
	public static void seed(S3Client s3, Path jobs) {
		try {
			byte[] profiles = Files.readAllBytes(jobs.resolve("data/marketap/profiles.jsonl"));
			s3.createBucket((request) -> request.bucket(BUCKET));
			s3.putObject((request) -> request.bucket(BUCKET).key("profiles/part-0.jsonl"),
					RequestBody.fromBytes(profiles));
			s3.putObject((request) -> request.bucket(BUCKET).key("profiles/part-1.jsonl.gz"),
					RequestBody.fromBytes(TestExtracts.gzip(profiles)));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
