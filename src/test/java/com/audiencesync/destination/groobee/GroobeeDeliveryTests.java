package com.audiencesync.destination.groobee;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.audiencesync.TestExtracts;
import com.audiencesync.delivery.DeliveryRun;
import com.audiencesync.delivery.DeliveryWriter;
import com.audiencesync.destination.Connection;
import com.audiencesync.destination.DeliveryException;
import com.audiencesync.destination.DeliveryOutcome;
import com.audiencesync.destination.DeliveryRetry;
import com.audiencesync.destination.JsonRows;
import com.audiencesync.destination.MappedRow;
import com.audiencesync.destination.RetryProperties;
import com.audiencesync.destination.emulator.StoredRecord;
import com.audiencesync.destination.groobee.emulator.GroobeeEmulator;
import com.audiencesync.sandbox.Sandbox;
import com.audiencesync.source.SourceRow;
import com.audiencesync.state.RejectedRow;
import com.audiencesync.state.RejectedRows;
import com.audiencesync.transform.Transformed;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.core.io.FileSystemResource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.jdbc.datasource.init.ResourceDatabasePopulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The delivery writer on Groobee's endpoint against the loopback emulator: every answer
 * Groobee gives.
 */
class GroobeeDeliveryTests {

	static final String KEY = "groobee-test-key";

	@RegisterExtension
	static final Sandbox sandbox = new Sandbox(KEY);

	final List<Duration> waits = new ArrayList<>();

	RejectedRows rejectedRows;

	String runKey;

	@BeforeEach
	void setUp() {
		sandbox.emulator("groobee", GroobeeEmulator.class).reset();
		DriverManagerDataSource dataSource = new DriverManagerDataSource(
				"jdbc:h2:mem:groobee-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
		new ResourceDatabasePopulator(new FileSystemResource("sql/schema-h2.sql")).execute(dataSource);
		this.rejectedRows = new RejectedRows(new JdbcTemplate(dataSource));
		this.runKey = "2026-11-22";
	}

	DeliveryWriter<GroobeeRow> writer(String key, int batchSize, DeliveryRun run) {
		GroobeePersonalizations endpoint = new GroobeePersonalizations(new Connection("groobee",
				sandbox.baseUrl("groobee"), key, Duration.ofSeconds(2), Duration.ofSeconds(5)));
		RetryProperties retry = new RetryProperties(4, Duration.ofMillis(100), 2.0, Duration.ofSeconds(1),
				Duration.ofMinutes(1));
		DeliveryWriter<GroobeeRow> writer = new DeliveryWriter<>(endpoint, batchSize,
				new DeliveryRetry(retry, this.waits::add), this.rejectedRows, run,
				new DeliveryWriter.Context(1, "groobee-test", this.runKey, "deliver:part:members.csv"));
		writer.open(new ExecutionContext());
		return writer;
	}

	DeliveryWriter<GroobeeRow> writer() {
		return writer(KEY, 1000, new DeliveryRun(1000, 0));
	}

	static Transformed member(int i) {
		return member(i, "m-" + i);
	}

	static Transformed member(int i, String memberId) {
		return new Transformed.Accepted(SourceRow.of("members.csv", i + 2, Map.of()),
				MappedRow.of(Map.of("memberId", memberId, "phoneNumber", TestExtracts.phone(i)),
						Map.of("grade", "GOLD", "n", i), "row-" + i),
				"{\"memberId\":\"masked\"}");
	}

	static Chunk<Transformed> members(int from, int count) {
		List<Transformed> items = new ArrayList<>();
		for (int i = from; i < from + count; i++) {
			items.add(member(i));
		}
		return new Chunk<>(items);
	}

	static ExecutionContext counters(DeliveryWriter<?> writer) {
		ExecutionContext context = new ExecutionContext();
		writer.update(context);
		return context;
	}

	List<RejectedRow> rejected() {
		return this.rejectedRows.list("groobee-test", this.runKey, 100);
	}

	@Test
	void aBodyWrittenFromTheRowsJsonIsStoredAsTheRecordsBodyIs() {
		GroobeePersonalizations endpoint = new GroobeePersonalizations(new Connection("groobee",
				sandbox.baseUrl("groobee"), KEY, Duration.ofSeconds(2), Duration.ofSeconds(5)));
		Map<String, Object> properties = new java.util.LinkedHashMap<>();
		properties.put("grade", "골드 \"VIP\"\n");
		properties.put("points", 12_345_678_901L);
		properties.put("ratio", 0.25);
		properties.put("optIn", true);
		properties.put("nickname", null);
		List<GroobeeRow> rows = List.of(new GroobeeRow("m-1", TestExtracts.phone(1), properties),
				new GroobeeRow("m-2", TestExtracts.phone(2), Map.of("grade", "SILVER")));
		GroobeeEmulator emulator = sandbox.emulator("groobee", GroobeeEmulator.class);

		assertThat(endpoint.send(rows)).isInstanceOf(DeliveryOutcome.Delivered.class);
		Map<String, StoredRecord> fromRecords = Map.copyOf(emulator.profiles());
		emulator.reset();
		assertThat(endpoint.send(rows, rows.stream().map(JsonRows::of).toList()))
			.isInstanceOf(DeliveryOutcome.Delivered.class);

		assertThat(emulator.profiles()).hasSize(2).isEqualTo(fromRecords);
		assertThat(emulator.profiles().get(TestExtracts.phone(1)).properties()).isEqualTo(properties);
	}

	@Test
	void requestsNeverCarryMoreThanAThousandRows() {
		DeliveryWriter<GroobeeRow> writer = writer();

		writer.write(members(0, 2500));

		assertThat(sandbox.emulator("groobee", GroobeeEmulator.class).requestCount()).isEqualTo(3);
		assertThat(sandbox.emulator("groobee", GroobeeEmulator.class).maxBatchSizeSeen()).isEqualTo(1000);
		assertThat(sandbox.emulator("groobee", GroobeeEmulator.class).profiles()).hasSize(2500);
		assertThat(counters(writer).getLong("writer.delivered")).isEqualTo(2500);
	}

	@Test
	void aSmallerBatchSizeFromTheSpecIsHonoured() {
		DeliveryWriter<GroobeeRow> writer = writer(KEY, 300, new DeliveryRun(10, 0));

		writer.write(members(0, 1000));

		assertThat(sandbox.emulator("groobee", GroobeeEmulator.class).requestCount()).isEqualTo(4);
		assertThat(sandbox.emulator("groobee", GroobeeEmulator.class).maxBatchSizeSeen()).isEqualTo(300);
	}

	@Test
	void theWholePropertiesMapIsSent() {
		writer().write(members(0, 1));

		assertThat(
				sandbox.emulator("groobee", GroobeeEmulator.class).profiles().get(TestExtracts.phone(0)).properties())
			.containsExactlyInAnyOrderEntriesOf(Map.of("grade", "GOLD", "n", 0));
	}

	@Test
	void aBadRowIsIsolatedByBisectionAndTheOthersAreDelivered() {
		// given 200 rows, two with member ids Groobee refuses (-1006)
		List<Transformed> items = new ArrayList<>();
		for (int i = 0; i < 200; i++) {
			items.add((i == 37 || i == 150) ? member(i, "bad id " + i) : member(i));
		}
		DeliveryWriter<GroobeeRow> writer = writer();

		writer.write(new Chunk<>(items));

		assertThat(sandbox.emulator("groobee", GroobeeEmulator.class).profiles()).hasSize(198);
		assertThat(sandbox.emulator("groobee", GroobeeEmulator.class).deliveries(TestExtracts.phone(37))).isZero();
		assertThat(sandbox.emulator("groobee", GroobeeEmulator.class).deliveries(TestExtracts.phone(36))).isEqualTo(1);
		assertThat(rejected()).extracting(RejectedRow::position).containsExactly(39L, 152L);
		assertThat(rejected()).allSatisfy((row) -> {
			assertThat(row.stage()).isEqualTo("VENDOR");
			assertThat(row.reasonCode()).isEqualTo("groobee:-1006");
			assertThat(row.message()).contains("bad memberId");
			assertThat(row.destination()).isEqualTo("groobee/personalizations");
		});
		// bisection costs requests, not deliveries: no good row was sent twice
		assertThat(sandbox.emulator("groobee", GroobeeEmulator.class).profiles().values())
			.allSatisfy((p) -> assertThat(p.deliveries()).isEqualTo(1));
		assertThat(counters(writer).getLong("writer.rejected")).isEqualTo(2);
		assertThat(counters(writer).getLong("writer.delivered")).isEqualTo(198);
	}

	@Test
	void transformRejectionsAreRecordedWithoutARequest() {
		SourceRow bad = SourceRow.of("members.csv", 9, Map.of());
		writer()
			.write(new Chunk<>(List.of(new Transformed.Rejected(bad, "BAD_PHONE", "phoneNumber: '***45' ...", "{}"))));

		assertThat(sandbox.emulator("groobee", GroobeeEmulator.class).requestCount()).isZero();
		assertThat(rejected()).singleElement()
			.satisfies((row) -> assertThat(row.stage() + " " + row.reasonCode() + " " + row.position())
				.isEqualTo("TRANSFORM BAD_PHONE 9"));
	}

	@Test
	void serverErrorsAreRetriedWithGrowingWaitsThenDelivered() {
		sandbox.emulator("groobee", GroobeeEmulator.class).failNext(2, -9999);

		writer().write(members(0, 10));

		assertThat(sandbox.emulator("groobee", GroobeeEmulator.class).requestCount()).isEqualTo(3);
		assertThat(sandbox.emulator("groobee", GroobeeEmulator.class).profiles()).hasSize(10);
		// 100 ms then 200 ms, each with up to a quarter of the first wait as jitter
		assertThat(this.waits).hasSize(2);
		assertThat(this.waits.get(0)).isBetween(Duration.ofMillis(75), Duration.ofMillis(125));
		assertThat(this.waits.get(1)).isBetween(Duration.ofMillis(150), Duration.ofMillis(250));
	}

	@Test
	void httpErrorsAndThrottlingAreRetriedAndRetryAfterIsHonoured() {
		sandbox.emulator("groobee", GroobeeEmulator.class).failNextWithHttpStatus(1, 503, null);
		writer().write(members(0, 5));
		assertThat(sandbox.emulator("groobee", GroobeeEmulator.class).profiles()).hasSize(5);

		sandbox.emulator("groobee", GroobeeEmulator.class).failNextWithHttpStatus(1, 429, "3");
		writer().write(members(5, 5));
		assertThat(sandbox.emulator("groobee", GroobeeEmulator.class).profiles()).hasSize(10);
		assertThat(this.waits.get(this.waits.size() - 1)).isGreaterThanOrEqualTo(Duration.ofSeconds(3));
	}

	@Test
	void aVendorThatStaysDownFailsTheStepAfterTheRetryBudget() {
		sandbox.emulator("groobee", GroobeeEmulator.class).failNext(100, -9998);

		assertThatExceptionOfType(DeliveryException.class).isThrownBy(() -> writer().write(members(0, 10)))
			.satisfies((ex) -> assertThat(ex.kind()).isEqualTo(DeliveryException.Kind.UNAVAILABLE))
			.withMessageContaining("groobee/personalizations unavailable after every retry")
			.withMessageContaining("-9998");
		assertThat(sandbox.emulator("groobee", GroobeeEmulator.class).requestCount()).isEqualTo(4);
	}

	@Test
	void tooMuchDataSplitsTheRequestAndSendsTheHalves() {
		sandbox.emulator("groobee", GroobeeEmulator.class).failNext(1, -1004);

		writer().write(members(0, 100));

		assertThat(sandbox.emulator("groobee", GroobeeEmulator.class).requestCount()).isEqualTo(3);
		assertThat(sandbox.emulator("groobee", GroobeeEmulator.class).profiles()).hasSize(100);
	}

	@Test
	void aRefusedKeyFailsAtOnceWithoutRetriesAndStopsTheOtherPartitions() {
		DeliveryRun run = new DeliveryRun(10, 0);

		assertThatExceptionOfType(DeliveryException.class)
			.isThrownBy(() -> writer("not-the-key", 1000, run).write(members(0, 10)))
			.satisfies((ex) -> assertThat(ex.kind()).isEqualTo(DeliveryException.Kind.FATAL))
			.withMessageContaining("-1001")
			.withMessageContaining("audience-sync.destinations.groobee.api-key")
			.withMessageNotContaining("not-the-key");
		assertThat(sandbox.emulator("groobee", GroobeeEmulator.class).requestCount()).isEqualTo(1);
		assertThat(this.waits).isEmpty();

		assertThatExceptionOfType(DeliveryException.class).isThrownBy(() -> writer(KEY, 1000, run).write(members(0, 1)))
			.withMessageContaining("another partition failed");
		assertThat(sandbox.emulator("groobee", GroobeeEmulator.class).requestCount()).isEqualTo(1);
	}

	@Test
	void contractErrorsAreFatal() {
		for (int code : new int[] { -1002, -1003 }) {
			sandbox.emulator("groobee", GroobeeEmulator.class).failNext(1, code);
			assertThatExceptionOfType(DeliveryException.class).isThrownBy(() -> writer().write(members(0, 1)))
				.withMessageContaining(String.valueOf(code));
		}
	}

	@Test
	void twoMemberIdsWithOnePhoneAreReported() {
		DeliveryWriter<GroobeeRow> writer = writer();

		writer.write(new Chunk<>(List.of(member(1, "m-a"), member(2), member(1, "m-b"))));

		assertThat(counters(writer).getLong("writer.conflicts")).isEqualTo(1);
		assertThat(sandbox.emulator("groobee", GroobeeEmulator.class).profiles().get(TestExtracts.phone(1)).identity())
			.isEqualTo("m-b");
	}

	@Test
	void theSkipLimitFailsTheStepNamingIt() {
		DeliveryRun run = new DeliveryRun(1, 0);
		SourceRow bad = SourceRow.of("members.csv", 9, Map.of());
		Transformed rejected = new Transformed.Rejected(bad, "BAD_PHONE", "bad", "{}");

		assertThatExceptionOfType(DeliveryException.class)
			.isThrownBy(() -> writer(KEY, 1000, run).write(new Chunk<>(List.of(rejected, rejected))))
			.withMessageContaining("2 rows rejected, more than skip.limit 1");
	}

	@Test
	void countersSurviveARestartThroughTheExecutionContext() {
		DeliveryWriter<GroobeeRow> first = writer();
		first.write(members(0, 10));
		ExecutionContext saved = counters(first);

		DeliveryWriter<GroobeeRow> restarted = writer();
		restarted.open(saved);
		restarted.write(members(10, 5));

		assertThat(counters(restarted).getLong("writer.delivered")).isEqualTo(15);
		assertThat(counters(restarted).getLong("writer.requests")).isEqualTo(2);
	}

	@Test
	void plainHttpOffLoopbackAndAMissingKeyAreRefusedBeforeAnyRequest() {
		Connection remote = new Connection("groobee", URI.create("http://api.groobee.io"), KEY, Duration.ofSeconds(1),
				Duration.ofSeconds(1));
		Connection keyless = new Connection("groobee", URI.create("https://api.groobee.io"), null,
				Duration.ofSeconds(1), Duration.ofSeconds(1));
		Connection neither = new Connection("groobee", URI.create("http://api.groobee.io"), " ", Duration.ofSeconds(1),
				Duration.ofSeconds(1));

		assertThat(remote.problems()).containsExactly("audience-sync.destinations.groobee.base-url must be https "
				+ "unless it is on loopback (127.0.0.1, localhost): http://api.groobee.io");
		assertThat(keyless.problems()).containsExactly("audience-sync.destinations.groobee.api-key is not set "
				+ "(environment variable AUDIENCE_SYNC_DESTINATIONS_GROOBEE_API_KEY); it has no default");
		assertThat(neither.problems()).as("both at once").hasSize(2);
		assertThat(remote.toString()).doesNotContain(KEY);
	}

}
