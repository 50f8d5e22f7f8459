package com.audiencesync.source.s3;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.audiencesync.JobTest;
import com.audiencesync.ParquetExtracts;
import com.audiencesync.TestExtracts;
import com.audiencesync.batch.launch.RunOutcome;
import com.audiencesync.batch.launch.RunOutcome.Kind;
import com.audiencesync.batch.run.RunOptions;
import com.audiencesync.destination.emulator.Emulator;
import com.audiencesync.spec.JobSpec;
import com.audiencesync.spec.SpecCatalog;
import com.audiencesync.spec.SpecLoader;
import io.awspring.cloud.s3.S3ProtocolResolver;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.gaul.s3proxy.junit.S3ProxyExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * S3 extracts read over the real S3 protocol (s3proxy, in-process), one partition per
 * object.
 */
class S3SourceIntegrationTests extends JobTest {

	@Override
	protected String vendor() {
		return "groobee";
	}

	static final int PORT = freePort();

	@RegisterExtension
	static final S3ProxyExtension S3PROXY = S3ProxyExtension.builder()
		.withCredentials("access", "secret")
		.withPort(PORT)
		.build();

	@Autowired
	S3Client s3;

	String bucket;

	@DynamicPropertySource
	static void s3(DynamicPropertyRegistry registry) {
		registry.add("spring.cloud.aws.s3.endpoint", () -> "http://127.0.0.1:" + PORT);
		registry.add("spring.cloud.aws.s3.path-style-access-enabled", () -> "true");
		registry.add("spring.cloud.aws.credentials.access-key", () -> "access");
		registry.add("spring.cloud.aws.credentials.secret-key", () -> "secret");
		registry.add("spring.cloud.aws.region.static", () -> "us-east-1");
	}

	@BeforeEach
	void bucket() {
		this.bucket = "exports-" + UUID.randomUUID().toString().substring(0, 8);
		this.s3.createBucket((request) -> request.bucket(this.bucket));
	}

	@Test
	void theContextResolvesNoResourceThroughS3AndAnS3SourceStillReads(@Autowired ApplicationContext context) {
		// Spring Cloud AWS's s3:// resolver would build the S3 client at the first
		// resource of any kind (the schema script), for runs that read no S3
		assertThat(context.getBeanNamesForType(S3ProtocolResolver.class)).isEmpty();
		assertThat(context.getResource("classpath:sql/schema-h2.sql").exists()).isTrue();
		// and a spec that reads S3 gets its client (theS3ExampleJob... below reads
		// through it)
		assertThat(context.getBean(S3Client.class)).isNotNull();
	}

	@Test
	void theS3ExampleJobReadsBothExtractsOfItsPrefix() {
		// given the example spec and the demo bucket, as the README's S3 demo seeds it
		DemoS3.seed(this.s3, Path.of("jobs"));
		JobSpec spec = new SpecCatalog(Path.of("jobs")).resolve("s3-profiles");

		// when it runs against the sandbox
		RunOutcome outcome = this.launcher.run(spec, DATE, sandbox.options("marketap"));

		// then both objects were read, the good profiles delivered once (the second
		// object
		// repeats the first: the vendor already holds its rows) and the bad rejected
		assertThat(outcome.kind()).as(outcome.message()).isEqualTo(Kind.COMPLETED);
		assertThat(outcome.report().partitions()).isEqualTo(2);
		assertThat(outcome.report().read()).isEqualTo(10);
		assertThat(outcome.report().delivered()).isEqualTo(3);
		assertThat(outcome.report().unchanged()).isEqualTo(3);
		assertThat(outcome.report().rejected()).isEqualTo(4);
		assertThat(sandbox.emulator("marketap").records()).containsOnlyKeys("u-1001", "u-1002", "u-1005");
	}

	@Test
	void everyObjectIsAPartitionAndACorruptOneStopsTheNightBeforeAnythingIsSentUntilItIsFixed() {
		// given a day's prefix: plain, gzip by name, gzip by Content-Encoding, empty,
		// truncated, not an extract
		String prefix = "profiles/dt=2026-11-22/";
		put(prefix + "part-0.jsonl", members(0, 100), null);
		put(prefix + "part-1.jsonl.gz", TestExtracts.gzip(members(100, 100)), null);
		put(prefix + "part-2.jsonl", TestExtracts.gzip(members(200, 100)), "gzip");
		put(prefix + "empty.jsonl", new byte[0], null);
		byte[] whole = TestExtracts.gzip(members(300, 100));
		put(prefix + "part-3.jsonl.gz", Arrays.copyOf(whole, whole.length / 2), null);
		put(prefix + "README.txt", "not an extract".getBytes(StandardCharsets.UTF_8), null);
		put("profiles/dt=2026-11-23/part-0.jsonl", members(900, 10), null);
		JobSpec spec = spec("s3://" + this.bucket + "/profiles/dt=${runDate}/", "");

		// when the run reads the prefix, then the truncated object fails its partition's
		// plan, naming it, and the night stops before anything is sent
		RunOutcome first = this.launcher.run(spec, DATE, options());
		assertThat(first.kind()).isEqualTo(Kind.FAILED);
		assertThat(first.report().exitMessage()).contains("part-3.jsonl.gz");
		assertThat(first.report().partitions()).isEqualTo(5);
		assertThat(sandbox.emulator("groobee").records()).isEmpty();

		// when the object is replaced by a whole one and the date runs again
		put(prefix + "part-3.jsonl.gz", whole, null);
		put(prefix + "part-9-late.jsonl", members(500, 10), null);
		RunOutcome second = this.launcher.run(spec, DATE, options());

		// then only that partition was planned again, and the night sent every row once;
		// the late object waits for its own run
		assertThat(second.kind()).as(second.message()).isEqualTo(Kind.COMPLETED);
		assertThat(second.report().delivered()).isEqualTo(400);
		assertThat(sandbox.emulator("groobee").records()).hasSize(400);
		assertThat(sandbox.emulator("groobee").records().values())
			.allSatisfy((p) -> assertThat(p.deliveries()).isEqualTo(1));
	}

	@Test
	void anEmptyPrefixFailsOrCompletesAsTheSpecSays() {
		RunOutcome failed = this.launcher.run(spec("s3://" + this.bucket + "/nothing/", ""), DATE, options());
		assertThat(failed.kind()).isEqualTo(Kind.FAILED);
		assertThat(failed.report().exitMessage()).contains("no object under s3://" + this.bucket + "/nothing/");

		RunOutcome completed = this.launcher.run(spec("s3://" + this.bucket + "/nothing/", "  on-empty: complete\n"),
				DATE, options());
		assertThat(completed.kind()).isEqualTo(Kind.COMPLETED);
		assertThat(completed.report().partitions()).isZero();
	}

	@Test
	void aMissingBucketStopsTheRunBeforeAnythingIsRecorded() {
		JobSpec spec = spec("s3://no-such-bucket-" + this.bucket + "/members/", "");

		RunOutcome outcome = this.launcher.run(spec, DATE, options());

		assertThat(outcome.kind()).isEqualTo(Kind.UNAVAILABLE);
		assertThat(outcome.message()).isEqualTo(spec.name() + " for runDate " + DATE + " cannot start: source.uri: "
				+ "bucket 'no-such-bucket-" + this.bucket + "' does not exist (nothing ran)");
		assertThat(this.jdbc.queryForObject("SELECT COUNT(*) FROM BATCH_JOB_INSTANCE WHERE JOB_NAME = ?", Integer.class,
				spec.name()))
			.isZero();
	}

	@Test
	void aParquetObjectIsReadWithRangedRequestsAndARestartGoesOnFromItsLastCommittedChunk() throws IOException {
		// given a Parquet object of four row groups on S3
		List<Map<String, Object>> rows = new ArrayList<>();
		for (int i = 0; i < 2_000; i++) {
			rows.add(Map.of("member_id", "m-" + i, "phone", TestExtracts.phone(i), "grade", "GOLD"));
		}
		Path file = ParquetExtracts.write(this.dir.resolve("members.parquet"), """
				message m {
				  required binary member_id (STRING);
				  required binary phone (STRING);
				  required binary grade (STRING);
				}
				""", new ParquetExtracts.Shape(CompressionCodecName.ZSTD, true, 500), rows);
		put("parquet/members.parquet", Files.readAllBytes(file), null);
		JobSpec spec = new SpecLoader().load(TestExtracts.write(this.dir.resolve("s3-parquet.yml"),
				Files.readString(spec("s3://" + this.bucket + "/parquet/", "").file())
					.replace("format: jsonl", "format: parquet")));

		// when the vendor fails for good after 700 rows, then the night fails
		Emulator groobee = sandbox.emulator("groobee");
		groobee.failAfterItems(700, 503);
		RunOutcome failed = this.launcher.run(spec, DATE, options());
		assertThat(failed.kind()).isEqualTo(Kind.FAILED);
		assertThat(groobee.records()).isNotEmpty().hasSizeLessThan(1_000);

		// and when it runs again, every row is delivered, at most a chunk (40) twice
		groobee.clearFaults();
		RunOutcome again = this.launcher.run(spec, DATE, options());
		assertThat(again.kind()).as(again.message()).isEqualTo(Kind.COMPLETED);
		assertThat(groobee.records()).hasSize(2_000);
		assertThat(groobee.records().values().stream().filter((r) -> r.deliveries() > 1).count())
			.isLessThanOrEqualTo(40);
		assertThat(groobee.records().get(TestExtracts.phone(1_999)).properties()).containsEntry("grade", "GOLD");
	}

	@Test
	void aSingleObjectCanBeTheSource() {
		put("one/members.jsonl", members(0, 5), null);

		RunOutcome outcome = this.launcher.run(spec("s3://" + this.bucket + "/one/members.jsonl", ""), DATE, options());

		assertThat(outcome.kind()).isEqualTo(Kind.COMPLETED);
		assertThat(outcome.report().delivered()).isEqualTo(5);
	}

	private RunOptions options() {
		return sandbox.options("groobee");
	}

	private JobSpec spec(String uri, String sourceExtra) {
		String name = "s3-members-" + UUID.randomUUID().toString().substring(0, 8);
		return new SpecLoader().load(TestExtracts.write(this.dir.resolve(name + ".yml"), """
				name: %s
				source:
				  type: s3
				  uri: "%s"
				  format: jsonl
				%smapping:
				  fields:
				    memberId: member_id
				    phoneNumber: { column: phone, type: phone }
				  properties:
				    columns: [grade]
				destination: { vendor: groobee, endpoint: personalizations }
				chunk: 40
				concurrency: 3
				""".formatted(name, uri, sourceExtra)));
	}

	private void put(String key, byte[] bytes, String contentEncoding) {
		this.s3.putObject((request) -> request.bucket(this.bucket).key(key).contentEncoding(contentEncoding),
				RequestBody.fromBytes(bytes));
	}

	private static byte[] members(int from, int count) {
		StringBuilder lines = new StringBuilder();
		for (int i = from; i < from + count; i++) {
			lines.append("{\"member_id\":\"m-")
				.append(i)
				.append("\",\"phone\":\"")
				.append(TestExtracts.phone(i))
				.append("\",\"grade\":\"GOLD\"}\n");
		}
		return lines.toString().getBytes(StandardCharsets.UTF_8);
	}

	private static int freePort() {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
