package com.audiencesync.cli;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import com.audiencesync.ChildJvm;
import com.audiencesync.TestExtracts;
import com.audiencesync.sandbox.Sandbox;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * After a run with refused rows, bad rows and a vendor fault, logging at DEBUG: no input
 * phone number, email, member id or API key is in plaintext in any column of any table of
 * the job repository, or in any line the process printed.
 */
class PlaintextScanIntegrationTests {

	static final String KEY = "scan-key-" + UUID.randomUUID();

	@RegisterExtension
	static final Sandbox sandbox = Sandbox.perTest(KEY);

	@TempDir
	Path dir;

	@Test
	void noPersonalDataOrKeyIsLeftInTheTablesOrTheLogs() throws Exception {
		// given an extract with distinctive members, two the vendor refuses, two with a
		// bad phone, and a vendor that answers 503 once
		List<String> secrets = new ArrayList<>(List.of(KEY));
		StringBuilder csv = new StringBuilder("member_id,phone,email,grade\n");
		for (int i = 0; i < 40; i++) {
			String member = "member-zq7-" + (1000 + i);
			String phone = String.format("010-7%03d-%04d", i, 4000 + i);
			String email = "person" + i + ".zq7@example.org";
			csv.append(member)
				.append(',')
				.append((i % 20 == 3) ? "7" + i + "-zq" : phone)
				.append(',')
				.append(email)
				.append(",GOLD\n");
			secrets.addAll(
					List.of(member, phone, phone.replace("-", ""), "+82" + phone.substring(1).replace("-", ""), email));
		}
		TestExtracts.write(this.dir.resolve("data/members.csv"), csv.toString());
		Path spec = TestExtracts.write(this.dir.resolve("scan.yml"), """
				name: scan
				source: { type: file, path: data, format: csv }
				mapping:
				  fields:
				    memberId: member_id
				    phoneNumber: { column: phone, type: phone }
				  properties:
				    columns: [email, grade]
				destination: { vendor: groobee, endpoint: personalizations, batch-size: 10 }
				chunk: 10
				skip: { limit: 10, ratio: 0.5 }
				""");
		sandbox.emulator("groobee").reject("member-zq7-1005");
		sandbox.emulator("groobee").reject("member-zq7-1017");
		sandbox.emulator("groobee").failNextWithHttpStatus(1, 503, null);

		// when it runs in a JVM of its own, logging at DEBUG
		List<String> args = new ArrayList<>(List.of("run", spec.toString(), "--param", "runDate=2026-11-22",
				"--audience-sync.retry.sleep=false", "--logging.level.com.audiencesync=debug",
				"--logging.level.org.springframework.batch=debug", "--logging.level.org.springframework.jdbc=debug"));
		sandbox.options("groobee").properties().forEach((name, value) -> args.add("--" + name + "=" + value));
		Path log = this.dir.resolve("run.log");
		Process process = ChildJvm.start(List.of(), args, log, this.dir);
		assertThat(process.waitFor(2, TimeUnit.MINUTES)).isTrue();
		String output = Files.readString(log);
		assertThat(process.exitValue()).as(output).isZero();
		assertThat(output).contains("rejected    4 rows").contains("DEBUG");

		// then no column of any table holds one in plaintext
		List<String> values = new ArrayList<>();
		SingleConnectionDataSource h2 = new SingleConnectionDataSource(
				"jdbc:h2:file:" + this.dir.resolve("data/audience-sync") + ";AUTO_SERVER=TRUE", "sa", "", true);
		try {
			JdbcTemplate jdbc = new JdbcTemplate(h2);
			List<String> tables = jdbc.queryForList(
					"SELECT TABLE_NAME FROM INFORMATION_SCHEMA.TABLES WHERE TABLE_SCHEMA = 'PUBLIC'", String.class);
			assertThat(tables).contains("AS_REJECTED_ROW", "AS_REJECTED_SOURCE", "AS_SYNC_KEY", "AS_SYNC_TARGET",
					"BATCH_STEP_EXECUTION_CONTEXT");
			for (String table : tables) {
				for (Map<String, Object> row : jdbc.queryForList("SELECT * FROM " + table)) {
					row.values()
						.forEach((value) -> values.add((value instanceof byte[] bytes)
								? new String(bytes, StandardCharsets.ISO_8859_1) : String.valueOf(value)));
				}
			}
			assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM AS_REJECTED_SOURCE WHERE ROW_SEALED IS NOT NULL",
					Long.class))
				.isEqualTo(4);
		}
		finally {
			h2.destroy();
		}
		for (String secret : secrets) {
			assertThat(values).as("the tables").noneMatch((value) -> value.contains(secret));
			assertThat(output).as("the log").doesNotContain(secret);
		}
	}

}
