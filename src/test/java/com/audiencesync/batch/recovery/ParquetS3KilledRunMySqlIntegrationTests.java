package com.audiencesync.batch.recovery;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.audiencesync.ParquetExtracts;
import com.audiencesync.TestExtracts;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.gaul.s3proxy.junit.S3ProxyExtension;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

import static com.audiencesync.TestExtracts.phone;

/**
 * {@link KilledRunMySqlIntegrationTests} with the rows as a Parquet object of six row
 * groups on S3 (s3proxy, the real protocol), read with ranged requests: a run killed with
 * SIGKILL three times mid-file is recovered each time and delivers every row, at most the
 * chunk in flight at each kill twice; SIGTERM stops it at a chunk boundary.
 */
@Tag("mysql")
class ParquetS3KilledRunMySqlIntegrationTests extends KilledRunMySqlIntegrationTests {

	static final int PORT = freePort();

	@RegisterExtension
	static final S3ProxyExtension S3PROXY = S3ProxyExtension.builder()
		.withCredentials("access", "secret")
		.withPort(PORT)
		.build();

	@Override
	List<String> settings() {
		return List.of("--spring.cloud.aws.s3.endpoint=http://127.0.0.1:" + PORT,
				"--spring.cloud.aws.s3.path-style-access-enabled=true",
				"--spring.cloud.aws.credentials.access-key=access", "--spring.cloud.aws.credentials.secret-key=secret",
				"--spring.cloud.aws.region.static=us-east-1");
	}

	@Override
	Path spec(String job) {
		List<Map<String, Object>> rows = new ArrayList<>();
		for (int i = 0; i < ROWS; i++) {
			Map<String, Object> row = new LinkedHashMap<>();
			row.put("member_id", "m-" + i);
			row.put("phone", phone(i).replace("-", ""));
			row.put("grade", "GOLD");
			row.put("points", (long) i);
			rows.add(row);
		}
		Path file = ParquetExtracts.write(this.dir.resolve("members.parquet"), """
				message members {
				  required binary member_id (STRING);
				  required binary phone (STRING);
				  required binary grade (STRING);
				  required int64 points;
				}
				""", new ParquetExtracts.Shape(CompressionCodecName.SNAPPY, true, ROWS / 6), rows);
		String bucket = job.toLowerCase();
		try (S3Client s3 = S3Client.builder()
			.endpointOverride(URI.create("http://127.0.0.1:" + PORT))
			.forcePathStyle(true)
			.region(Region.US_EAST_1)
			.credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("access", "secret")))
			.build()) {
			s3.createBucket((request) -> request.bucket(bucket));
			s3.putObject((request) -> request.bucket(bucket).key("members/members.parquet"),
					RequestBody.fromBytes(Files.readAllBytes(file)));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		Path spec = TestExtracts.groobeeSpec(this.dir, job, "unused", CHUNK, CHUNK, 1);
		try {
			return TestExtracts.write(spec,
					Files.readString(spec)
						.replace("  type: file\n  path: unused\n  format: csv\n",
								"  type: s3\n  uri: s3://" + bucket + "/members/\n  format: parquet\n"));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
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
